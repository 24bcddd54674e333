package dev.gatehouse.adapters.http.imports;

import dev.gatehouse.adapters.http.problem.Problem;
import dev.gatehouse.adapters.http.problem.RequestRejected;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Line;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Unreadable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of a newline-delimited JSON body, read from the stream as they are asked for: the body is never held
 * whole, only the line being read (at most {@value #MAX_LINE_BYTES} bytes; a longer line is skipped to its end and
 * reported, not kept). Past {@code maxBytes} in all, reading stops with 413. Blank lines are skipped (but counted, so
 * line numbers are the file's); a trailing {@code \r} and a leading byte order mark are dropped.
 */
final class NdjsonLines implements Iterator<Line> {
    static final int MAX_LINE_BYTES = 16 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxBytes;
    private final ImportLineParser parser;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkLength;
    private int chunkPosition;
    private byte[] line = new byte[1024];
    private long total;
    private long number;
    private boolean ended;
    private Line next;

    NdjsonLines(InputStream in, int maxBytes, ImportLineParser parser) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.parser = parser;
    }

    /** Whether the body was read to its end. */
    boolean ended() {
        return ended && next == null;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !ended) {
            next = readLine();
        }
        return next != null;
    }

    @Override
    public Line next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Line current = next;
        next = null;
        return current;
    }

    /** The next line, null for a blank one or at the end. */
    private Line readLine() {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            int b = read();
            if (b < 0) {
                ended = true;
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            if (b == '\n') {
                break;
            }
            if (length < MAX_LINE_BYTES) {
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
                }
                line[length++] = (byte) b;
            } else {
                tooLong = true;
            }
        }
        number++;
        if (tooLong) {
            return new Unreadable(number, "the line is longer than " + MAX_LINE_BYTES + " bytes");
        }
        int start = number == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
                && (line[2] & 0xff) == 0xBF ? 3 : 0;
        int end = length > start && line[length - 1] == '\r' ? length - 1 : length;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            return new Unreadable(number, "the line is not valid UTF-8");
        }
        return text.isBlank() ? null : parser.parse(number, text);
    }

    private int read() {
        if (chunkPosition == chunkLength) {
            try {
                chunkLength = in.read(chunk);
            } catch (IOException e) {
                throw new RequestRejected(Problem.malformedBody("the request body could not be read to its end"));
            }
            chunkPosition = 0;
            if (chunkLength <= 0) {
                chunkLength = 0;
                return -1;
            }
            total += chunkLength;
            if (total > maxBytes) {
                throw new RequestRejected(new Problem(413, "body-too-large", "Request body too large",
                        "request body must be at most " + maxBytes + " bytes; the lines before that point were"
                                + " imported or skipped (an import is idempotent: split the file and send the parts)"));
            }
        }
        return chunk[chunkPosition++] & 0xff;
    }
}
