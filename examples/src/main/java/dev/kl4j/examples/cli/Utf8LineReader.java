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
 * being held in memory; so is a line the heap cannot hold (an {@link OutOfMemoryError} while it is read
 * spoils only that line: its bytes are let go before the next one).
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
    /** Scratch space for checking a line's UTF-8: the decoded text itself is made by {@code new String}. */
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private long lineNumber;
    private boolean eof;

    /**
     * A reader of UTF-8 lines from a stream, refusing lines longer than a byte limit.
     *
     * @param in           the bytes to read (closed by {@link #close()})
     * @param maxLineBytes the most bytes a line may hold, line end excluded
     */
    Utf8LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Why a line's bytes were not kept. */
    private enum Dropped {
        /** They were all kept. */
        NONE,
        /** The line is longer than the limit. */
        TOO_LONG,
        /** The heap could not hold the line. */
        NO_MEMORY
    }

    /**
     * {@return the next line, or {@code null} at the end of the input}
     *
     * @throws IOException when reading fails
     */
    Line next() throws IOException {
        if (eof) {
            return null;
        }
        boolean any = false;   // whether this line has a byte or its '\n'
        int kept = 0;
        Dropped dropped = Dropped.NONE;
        boolean ended = false;
        while (!ended) {
            if (chunkPos == chunkEnd) {
                int n = in.read(chunk, 0, CHUNK);
                if (n < 0) {
                    eof = true;
                    if (!any) {
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
            any = true;
            int n = end - start;
            if (dropped != Dropped.NONE) {
                continue;   // skip to the end of the line
            }
            if (kept + (long) n > maxLineBytes + 1L) {   // + 1: room for a '\r' before the '\n'
                dropped = Dropped.TOO_LONG;
                continue;
            }
            if (kept + n > line.length) {
                try {
                    line = Arrays.copyOf(line, (int) Math.min(Math.max(2L * line.length, kept + n), maxLineBytes + 1L));
                } catch (OutOfMemoryError e) {
                    line = new byte[1024];
                    dropped = Dropped.NO_MEMORY;
                    continue;
                }
            }
            System.arraycopy(chunk, start, line, kept, n);
            kept += n;
        }
        lineNumber++;
        if (dropped == Dropped.NONE && kept > 0 && line[kept - 1] == '\r') {
            kept--;
        }
        Line result;
        if (dropped == Dropped.TOO_LONG || kept > maxLineBytes) {
            result = problem("is longer than the limit of " + maxLineBytes + " bytes; it was skipped");
        } else if (dropped == Dropped.NO_MEMORY) {
            result = noMemory();
        } else {
            result = decode(kept);
        }
        if (line.length > KEEP_BUFFER_BYTES) {
            line = new byte[1024];
        }
        return result;
    }

    /** Checks the bytes with the strict decoder in small pieces, then makes the String in one step. */
    private Line decode(int length) {
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        decoder.reset();
        CoderResult result;
        do {
            chars.clear();
            result = decoder.decode(bytes, chars, true);
        } while (result.isOverflow());
        if (!result.isError()) {
            chars.clear();
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            return problem("is not valid UTF-8 (byte " + String.format("0x%02x", line[bytes.position()] & 0xff)
                    + " at byte offset " + bytes.position() + " of the line)");
        }
        try {
            // valid, so the JDK's decoding (which would replace bad bytes) gives exactly the same text
            return new Line(lineNumber, new String(line, 0, length, StandardCharsets.UTF_8), null);
        } catch (OutOfMemoryError e) {
            return noMemory();
        }
    }

    private Line problem(String what) {
        return new Line(lineNumber, null, "line " + lineNumber + " " + what);
    }

    private Line noMemory() {
        return problem("needs more memory than the Java heap allows (raise it with JAVA_OPTS=-Xmx...); it was skipped");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
