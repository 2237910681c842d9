package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.io.AtomicFiles;
import dev.kl4j.core.io.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunOptionsTest {
    @CommandLine.Command(name = "t")
    static final class Cmd {
        @CommandLine.Mixin
        RunOptions run;
    }

    private static RunOptions parse(String... args) {
        Cmd cmd = new Cmd();
        new CommandLine(cmd).parseArgs(args);
        return cmd.run;
    }

    @Test
    void refusalsNameTheFlags(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("R");
        try (RunFolder f = parse("--out", dir.toString()).open("vae")) {
            AtomicFiles.writeString(f.checkpointDir().resolve("state.bin"), "s");
        }
        InvalidArgumentException again = assertThrows(InvalidArgumentException.class,
                () -> parse("--out", dir.toString()).open("vae"));
        assertEquals("--out " + dir + " already holds a run: add --resume to continue it, choose another --out, or"
                + " add --overwrite to replace it", again.getMessage());
        try (RunFolder f = parse("--out", dir.toString(), "--resume").open("vae")) {
            assertTrue(f.resumed());
        }
        try (RunFolder f = parse("--out", dir.toString(), "--overwrite").open("vae")) {
            assertTrue(!f.hasCheckpoint());
        }
    }

    @Test
    void flagMistakesAndUnusableFoldersAreFoundBeforeAnyWork(@TempDir Path tmp) throws IOException {
        assertEquals("--resume needs --out DIR, the folder of the run to continue",
                assertThrows(InvalidArgumentException.class, () -> parse("--resume").check("vae")).getMessage());
        assertEquals("--resume and --overwrite exclude each other", assertThrows(InvalidArgumentException.class,
                () -> parse("--out", "x", "--resume", "--overwrite").check("vae")).getMessage());
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertEquals("--out " + file + " is a file, not a folder", assertThrows(InvalidArgumentException.class,
                () -> parse("--out", file.toString()).check("vae")).getMessage());
        assertTrue(!Files.exists(tmp.resolve("runs")));
    }

    @Test
    void theDefaultFolderIsNamedAfterTheCommandAndFixed() {
        RunOptions run = parse();
        Path first = run.folder("ppo");
        assertTrue(first.toString().startsWith("runs/ppo-"), first.toString());
        assertEquals(first, run.folder("ppo"));
    }
}
