package dev.kl4j.examples.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of bytes and decodes each one on its own with a strict UTF-8 decoder, so that a bad byte
 * or an over-long line spoils only its own line: the line comes back with a {@link Line#problem()} and
 * the reader goes on with the next one. (A {@code BufferedReader} either stops at the first bad byte or,
 * from standard input, silently replaces it with U+FFFD.)
 *
 * <p>A line ends at {@code \n}; a {@code \r} just before it is dropped (Windows line ends). The last line
 * need not end in {@code \n}. A line longer than {@code maxLineBytes} is skipped up to its end without
 * being held in memory.
 */
final class Utf8LineReader implements Closeable {

    /**
     * One input line: its text, or why it has none.
     *
     * @param number  1-based line number
     * @param text    the decoded line without its line end, or {@code null} when {@code problem} is set
     * @param problem what is wrong with the line ("line 3 is not valid UTF-8 ..."), or {@code null}
     */
    record Line(long number, String text, String problem) {
    }

    private static final int CHUNK = 1 << 16;
    /** A line buffer that grew past this is given back after its line, so one long line is not kept. */
    private static final int KEEP_BUFFER_BYTES = 1 << 20;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[1024];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private long lineNumber;
    private boolean eof;

    /**
     * @param in           the bytes to read (closed by {@link #close()})
     * @param maxLineBytes the most bytes a line may hold, line end excluded
     */
    Utf8LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * @return the next line, or {@code null} at the end of the input
     * @throws IOException when reading fails
     */
    Line next() throws IOException {
        if (eof) {
            return null;
        }
        long length = 0;   // bytes of this line seen so far, kept or not
        int kept = 0;
        boolean ended = false;
        while (!ended) {
            if (chunkPos == chunkEnd) {
                int n = in.read(chunk, 0, CHUNK);
                if (n < 0) {
                    eof = true;
                    if (length == 0) {
                        return null;   // the input ended with a line end (or was empty)
                    }
                    break;
                }
                chunkPos = 0;
                chunkEnd = n;
            }
            int start = chunkPos;
            int end = start;
            while (end < chunkEnd && chunk[end] != '\n') {
                end++;
            }
            ended = end < chunkEnd;
            chunkPos = ended ? end + 1 : end;
            int n = end - start;
            if (ended && length == 0 && n == 0) {
                break;  // an empty line
            }
            length += ended ? n + 1 : n;   // counts the '\n' so that an empty line still counts as a line
            if (kept + (long) n <= maxLineBytes + 1L) {   // + 1: room for a '\r' before '\n'
                if (kept + n > line.length) {
                    line = Arrays.copyOf(line, (int) Math.min(Math.max(2L * line.length, kept + n), maxLineBytes + 1L));
                }
                System.arraycopy(chunk, start, line, kept, n);
                kept += n;
            } else {
                kept = maxLineBytes + 2;   // marks the line as too long; its bytes are dropped
            }
        }
        lineNumber++;
        if (kept > 0 && kept <= maxLineBytes + 1 && line[kept - 1] == '\r') {
            kept--;
        }
        Line result;
        if (kept > maxLineBytes) {
            result = new Line(lineNumber, null, "line " + lineNumber + " is longer than the limit of " + maxLineBytes
                    + " bytes; it was skipped");
        } else {
            result = decode(kept);
        }
        if (line.length > KEEP_BUFFER_BYTES) {
            line = new byte[1024];
        }
        return result;
    }

    private Line decode(int length) {
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        CharBuffer chars = CharBuffer.allocate(length);   // UTF-8 never needs more chars than bytes
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            return new Line(lineNumber, null, "line " + lineNumber + " is not valid UTF-8 (byte "
                    + String.format("0x%02x", line[bytes.position()] & 0xff) + " at byte offset " + bytes.position()
                    + " of the line)");
        }
        chars.flip();
        return new Line(lineNumber, chars.toString(), null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
