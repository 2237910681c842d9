package dev.kl4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
    private static final Map<String, String> SETTINGS = new LinkedHashMap<>(Map.of(
            "model", "784-400-20", "data", "train.idx:47040016:0badf00d", "seed", "1"));

    private static byte[] payload(int n) {
        byte[] p = new byte[n];
        new Random(7).nextBytes(p);
        return p;
    }

    private static Path written(Path dir) throws IOException {
        Path file = dir.resolve("checkpoint/state.bin");
        CheckpointFile.write(file, new CheckpointFile.Header("vae", 3, SETTINGS), payload(1000));
        return file;
    }

    @Test
    void roundTripKeepsKindVersionSettingsAndPayload(@TempDir Path dir) throws IOException {
        Path file = written(dir);
        CheckpointFile.Contents c = CheckpointFile.read(file, "vae");
        assertEquals("vae", c.header().kind());
        assertEquals(3, c.header().formatVersion());
        assertEquals(SETTINGS, c.header().settings());
        assertEquals(java.util.List.copyOf(SETTINGS.keySet()), java.util.List.copyOf(c.header().settings().keySet()));
        assertArrayEquals(payload(1000), c.payload());
    }

    @Test
    void everySingleBitFlipIsRefused(@TempDir Path dir) throws IOException {
        Path file = written(dir);
        byte[] good = Files.readAllBytes(file);
        // Every bit of the fixed header and a spread of bits in the body.
        for (int bit = 0; bit < good.length * 8; bit += bit < 24 * 8 ? 1 : 37) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(file, bad);
            CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(file, "vae"),
                    "bit " + bit);
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
    }

    @Test
    void truncatedAndTrailingBytesAreRefusedWithTheReason(@TempDir Path dir) throws IOException {
        Path file = written(dir);
        byte[] good = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(good, good.length - 10));
        assertTrue(assertThrows(CheckpointException.class, () -> CheckpointFile.read(file, "vae"))
                .getMessage().contains("is truncated"));
        Files.write(file, Arrays.copyOf(good, 12));
        assertTrue(assertThrows(CheckpointException.class, () -> CheckpointFile.read(file, "vae"))
                .getMessage().contains("is truncated"));
        byte[] junk = Arrays.copyOf(good, good.length + 5);
        Files.write(file, junk);
        assertTrue(assertThrows(CheckpointException.class, () -> CheckpointFile.read(file, "vae"))
                .getMessage().contains("bytes after its end"));
    }

    @Test
    void otherFilesAndOtherKindsAreRefused(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not a checkpoint at all");
        assertTrue(assertThrows(CheckpointException.class, () -> CheckpointFile.read(text, "vae"))
                .getMessage().endsWith("is not a kl4j checkpoint"));
        assertTrue(assertThrows(CheckpointException.class, () -> CheckpointFile.read(dir.resolve("none"), "vae"))
                .getMessage().contains("there is no checkpoint file"));
        Path file = written(dir);
        assertTrue(assertThrows(CheckpointException.class, () -> CheckpointFile.read(file, "ppo"))
                .getMessage().endsWith("is a vae checkpoint, not a ppo checkpoint"));
        byte[] newer = Files.readAllBytes(file);
        newer[11] = 2; // container version 2, checked before the checksum
        Files.write(file, newer);
        assertTrue(assertThrows(CheckpointException.class, () -> CheckpointFile.read(file, "vae"))
                .getMessage().contains("container version 2"));
    }

    @Test
    void requireMatchingListsEveryDifferenceAndIgnoresOtherKeys(@TempDir Path dir) throws IOException {
        CheckpointFile.Header h = CheckpointFile.read(written(dir), "vae").header();
        Map<String, String> same = new LinkedHashMap<>(SETTINGS);
        same.put("epochs", "30"); // not among the keys that must match
        h.requireMatching(same, Set.of("model", "data", "seed"));
        Map<String, String> other = new LinkedHashMap<>(SETTINGS);
        other.put("data", "other.idx:1:00000000");
        other.remove("seed");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> h.requireMatching(other, new java.util.LinkedHashSet<>(java.util.List.of("model", "data", "seed"))));
        assertEquals("resume", e.argument());
        assertEquals("the vae checkpoint was made with other settings: data train.idx:47040016:0badf00d in the"
                + " checkpoint, other.idx:1:00000000 now; seed 1 in the checkpoint, (none) now", e.getMessage());
        assertEquals("784-400-20", h.setting("model"));
        assertThrows(InvalidArgumentException.class, () -> h.setting("nosuch"));
    }

    @Test
    void fileIdentityChangesWithContentButNotWithFolder(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("a")).resolve("train.idx");
        Path b = Files.createDirectories(dir.resolve("b")).resolve("train.idx");
        Files.write(a, new byte[] {1, 2, 3});
        Files.write(b, new byte[] {1, 2, 3});
        assertEquals(FileIdentity.of(java.util.List.of(a)), FileIdentity.of(java.util.List.of(b)));
        // CRC-32C of {1, 2, 3}, computed independently of FileIdentity's loop.
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(new byte[] {1, 2, 3});
        assertEquals(String.format("train.idx:3:%08x", crc.getValue()), FileIdentity.of(java.util.List.of(a)));
        Files.write(b, new byte[] {1, 2, 4});
        assertTrue(!FileIdentity.of(java.util.List.of(a)).equals(FileIdentity.of(java.util.List.of(b))));
    }
}
