package dev.kl4j.core.io;

import java.nio.file.Path;

/** Opens a run folder, says so on standard output, and waits to be killed (for {@link RunFolderTest}). */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunFolder folder = RunFolder.open(Path.of(args[0]), RunFolder.Mode.NEW, "test");
        System.out.println("locked " + folder.dir());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
