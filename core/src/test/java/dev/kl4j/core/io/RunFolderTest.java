package dev.kl4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    private static void fakeRun(Path dir, String command) throws IOException {
        try (RunFolder f = RunFolder.open(dir, RunFolder.Mode.NEW, command)) {
            AtomicFiles.writeString(f.resolve("summary.json"), "{}");
            AtomicFiles.writeString(f.checkpointDir().resolve("state.bin"), "state");
        }
    }

    @Test
    void aNewRunIntoAFolderWithARunIsRefusedAndNothingIsTouched(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("R");
        fakeRun(dir, "vae");
        RunFolderException e = assertThrows(RunFolderException.class,
                () -> RunFolder.open(dir, RunFolder.Mode.NEW, "vae"));
        assertEquals(RunFolderException.Problem.HOLDS_RUN, e.problem());
        assertEquals(dir + " already holds a vae run; continue it (resume), write to another folder, or replace"
                + " it (overwrite)", e.getMessage());
        assertEquals("{}", Files.readString(dir.resolve("summary.json")));
        assertEquals("state", Files.readString(dir.resolve("checkpoint/state.bin")));
    }

    @Test
    void resumeNeedsACheckpointOfTheSameCommand(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("R");
        fakeRun(dir, "vae");
        try (RunFolder f = RunFolder.open(dir, RunFolder.Mode.RESUME, "vae")) {
            assertTrue(f.resumed());
            assertTrue(f.hasCheckpoint());
        }
        RunFolderException other = assertThrows(RunFolderException.class,
                () -> RunFolder.open(dir, RunFolder.Mode.RESUME, "ppo"));
        assertEquals(RunFolderException.Problem.OTHER_COMMAND, other.problem());
        Path empty = tmp.resolve("E");
        RunFolderException none = assertThrows(RunFolderException.class,
                () -> RunFolder.open(empty, RunFolder.Mode.RESUME, "vae"));
        assertEquals(RunFolderException.Problem.NO_CHECKPOINT, none.problem());
        assertEquals(empty + " holds no run to resume", none.getMessage());
    }

    @Test
    void overwriteReplacesARunButNeverOtherFiles(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("R");
        fakeRun(dir, "vae");
        try (RunFolder f = RunFolder.open(dir, RunFolder.Mode.OVERWRITE, "vae")) {
            assertFalse(f.hasCheckpoint());
            assertFalse(Files.exists(dir.resolve("summary.json")));
        }
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("thesis.tex"), "precious");
        for (RunFolder.Mode mode : new RunFolder.Mode[] {RunFolder.Mode.NEW, RunFolder.Mode.OVERWRITE}) {
            RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolder.open(home, mode, "vae"));
            assertEquals(RunFolderException.Problem.NOT_A_RUN, e.problem());
            assertTrue(e.getMessage().contains("holds no kl4j run (it has thesis.tex)"), e.getMessage());
        }
        assertEquals("precious", Files.readString(home.resolve("thesis.tex")));
    }

    @Test
    void unusableFoldersAreReportedWithTheReasonBeforeAnythingIsCreated(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        RunFolderException isFile = assertThrows(RunFolderException.class, () -> RunFolder.requireUsable(file));
        assertEquals(file + " is a file, not a folder", isFile.getMessage());
        Path under = file.resolve("sub/run");
        RunFolderException underFile = assertThrows(RunFolderException.class,
                () -> RunFolder.open(under, RunFolder.Mode.NEW, "vae"));
        assertEquals(under + " cannot be created: " + file + " is a file, not a folder", underFile.getMessage());
        Path readOnly = Files.createDirectories(tmp.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            if (!Files.isWritable(readOnly)) { // root may write anywhere; the check is then moot
                RunFolderException ro = assertThrows(RunFolderException.class,
                        () -> RunFolder.open(readOnly.resolve("run"), RunFolder.Mode.NEW, "vae"));
                assertTrue(ro.getMessage().endsWith("is not writable (permission denied)"), ro.getMessage());
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertFalse(Files.exists(under));
    }

    @Test
    void leftoverTemporaryFilesAreRemovedAndOthersKept(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("R");
        fakeRun(dir, "vae");
        Path leftCheckpoint = Files.writeString(dir.resolve("checkpoint/.state.bin.k3j9x.tmp"), "half");
        Path leftPicture = Files.writeString(dir.resolve(".samples.png.abc.tmp"), "half");
        try (RunFolder f = RunFolder.open(dir, RunFolder.Mode.RESUME, "vae")) {
            assertFalse(Files.exists(leftCheckpoint));
            assertFalse(Files.exists(leftPicture));
            assertTrue(Files.exists(f.checkpointDir().resolve("state.bin")));
        }
        assertTrue(AtomicFiles.isTemporary(Path.of(".state.bin.k3j9x.tmp")));
        assertFalse(AtomicFiles.isTemporary(Path.of("state.bin")));
        assertFalse(AtomicFiles.isTemporary(Path.of(".tmp")));
        assertFalse(AtomicFiles.isTemporary(Path.of("notes.tmp")));
    }

    @Test
    void aSecondWriterIsRefusedAndAKilledOneLeavesNoStuckLock(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("R");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("locked"), "child said: " + line);
            RunFolderException e = assertThrows(RunFolderException.class,
                    () -> RunFolder.open(dir, RunFolder.Mode.NEW, "test"));
            assertEquals(RunFolderException.Problem.LOCKED, e.problem());
            holder.destroyForcibly(); // kill -9
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (RunFolder f = RunFolder.open(dir, RunFolder.Mode.NEW, "test")) {
            assertEquals(dir.toAbsolutePath(), f.dir());
            // The same process cannot open it twice either.
            assertThrows(RunFolderException.class, () -> RunFolder.open(dir, RunFolder.Mode.NEW, "test"));
        }
    }

    @Test
    void filesFollowTheUmaskNotOwnerOnly(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out.txt");
        AtomicFiles.writeString(out, "x");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(out);
        // Under the usual umask 022 (or 002) others may read; Files.createTempFile would give rw-------.
        assertTrue(perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ),
                "permissions " + PosixFilePermissions.toString(perms));
    }
}
