package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8LineReaderTest {

    /** Each line as its text, or "!" + its problem. */
    private static List<String> read(byte[] input, int maxLineBytes) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Utf8LineReader reader = new Utf8LineReader(new ByteArrayInputStream(input), maxLineBytes)) {
            Utf8LineReader.Line line;
            long expectedNumber = 1;
            while ((line = reader.next()) != null) {
                assertEquals(expectedNumber++, line.number());
                lines.add(line.problem() == null ? line.text() : "!" + line.problem());
            }
            assertNull(reader.next());
        }
        return lines;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void lineEndsAsTheShellWritesThem() throws IOException {
        assertEquals(List.of(), read(new byte[0], 10));
        assertEquals(List.of(""), read(ascii("\n"), 10));
        assertEquals(List.of("a", "", "b"), read(ascii("a\n\nb\n"), 10));
        assertEquals(List.of("a", "b"), read(ascii("a\r\nb"), 10));     // CRLF, last line without an end
        assertEquals(List.of("a\rb"), read(ascii("a\rb\n"), 10));      // a lone CR is not a line end
    }

    @Test
    void theLimitCountsBytesWithoutTheLineEnd() throws IOException {
        List<String> lines = read(ascii("12345\n123456\n12345\r\n1\n"), 5);
        assertEquals("12345", lines.get(0));
        assertEquals("!line 2 is longer than the limit of 5 bytes; it was skipped", lines.get(1));
        assertEquals("12345", lines.get(2));
        assertEquals("1", lines.get(3));
    }

    @Test
    void aLongLineIsSkippedAcrossReadChunksWithoutLosingTheNext() throws IOException {
        byte[] input = ascii("x".repeat(300_000) + "\nok\n");
        // one byte per read, then chunks: the reader must not depend on how the input arrives
        InputStream trickle = new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        try (Utf8LineReader reader = new Utf8LineReader(trickle, 1000)) {
            assertTrue(reader.next().problem().contains("longer than the limit of 1000 bytes"));
            assertEquals("ok", reader.next().text());
            assertNull(reader.next());
        }
        assertEquals(List.of("!line 1 is longer than the limit of 1000 bytes; it was skipped", "ok"), read(input, 1000));
    }

    @Test
    void invalidUtf8IsReportedWithItsOffsetAndValidUtf8IsDecoded() throws IOException {
        byte[] input = {'o', 'k', '\n', 'a', (byte) 0xc3, (byte) 0xa9, 'b', '\n', 'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80,
            '\n', (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, '\n', 'z', (byte) 0xe2, (byte) 0x82};
        List<String> lines = read(input, 100);
        assertEquals("ok", lines.get(0));
        assertEquals("a\u00e9b", lines.get(1));
        // an encoded surrogate (CESU-8) is not UTF-8
        assertEquals("!line 3 is not valid UTF-8 (byte 0xed at byte offset 1 of the line)", lines.get(2));
        assertEquals("\uD83D\uDE00", lines.get(3));   // a four-byte sequence
        assertEquals("!line 5 is not valid UTF-8 (byte 0xe2 at byte offset 1 of the line)", lines.get(4));  // cut short
    }
}
