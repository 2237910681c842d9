package dev.kl4j.distillation.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FortuneCorpusTest {
    @TempDir
    Path dir;

    @Test
    void readsRecordsSeparatedByPercentLinesAndSkipsIndexesAndLinks() throws Exception {
        Files.writeString(dir.resolve("b-animals"), "A cat.\n%\nTwo\nlines.\n%\n%\nLast, no separator after it.\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("a-food"), "Caf\u00e9 au lait.\r\n%\r\n", StandardCharsets.UTF_8);
        Files.write(dir.resolve("b-animals.dat"), new byte[] {0, 0, 0, 2, (byte) 0xFF, 0x25});
        Files.createSymbolicLink(dir.resolve("b-animals.u8"), dir.resolve("b-animals"));
        Files.writeString(dir.resolve(".hidden"), "not a record\n", StandardCharsets.UTF_8);

        List<String> records = FortuneCorpus.load(dir);

        assertEquals(List.of("Caf\u00e9 au lait.", "A cat.", "Two\nlines.", "Last, no separator after it."), records);
    }

    @Test
    void aPercentInsideALineIsText() {
        assertEquals(List.of("100% sure", "50 %"), FortuneCorpus.parse("100% sure\n%\n50 %\n"));
    }

    @Test
    void missingDirectorySaysHowToInstallTheCorpus() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> FortuneCorpus.load(dir.resolve("absent")));
        assertEquals("dataDir", e.argument());
        assertTrue(e.getMessage().contains("apt-get install fortunes"), e.getMessage());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }

    @Test
    void directoryWithoutRecordsIsRefused() throws Exception {
        Files.writeString(dir.resolve("empty"), "%\n%\n", StandardCharsets.UTF_8);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> FortuneCorpus.load(dir));
        assertTrue(e.getMessage().contains("no fortune record"), e.getMessage());
    }

    @Test
    void vocabularyRoundTripsAndReservesTheBoundary() {
        CharVocabulary v = CharVocabulary.of(List.of("ba", "c\u00e9"));
        assertEquals(5, v.size());                                   // boundary + a b c é
        assertEquals("abc\u00e9", v.symbols());
        int[] codes = v.encode("c\u00e9ab");
        assertEquals(List.of(3, 4, 1, 2), java.util.Arrays.stream(codes).boxed().toList());
        assertEquals("c\u00e9ab", v.decode(codes));
        assertEquals(v.symbols(), CharVocabulary.fromSymbols(v.symbols()).symbols());
        assertThrows(InvalidArgumentException.class, () -> v.encode("z"));
    }
}
