package dev.gatehouse.application.support;

import dev.gatehouse.domain.error.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;

/**
 * The opaque cursor of every paged listing: where the last page ended, as an instant and a tie-breaker (an id or a
 * sequence number), written {@code seconds.nanos:tail} and encoded URL-safe without padding. A cursor that does not
 * decode, is over {@value #MAX_LENGTH} characters or names an instant outside years 1 to 9999 is refused with the
 * same 400 problem, never a 500.
 */
public record PageCursor(Instant time, String tail) {
    static final int MAX_LENGTH = 100;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public String encode() {
        String raw = time.getEpochSecond() + "." + time.getNano() + ":" + tail;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes a cursor and turns it into the listing's position; any failure of either step is the same 400. */
    public static <P> P decode(String cursor, Function<PageCursor, P> position) {
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int dot = raw.indexOf('.');
            int colon = raw.indexOf(':');
            Instant time = Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)),
                    Long.parseLong(raw.substring(dot + 1, colon)));
            if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
                throw new IllegalArgumentException("out of range");
            }
            return position.apply(new PageCursor(time, raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new InvalidInput("cursor", "is not a cursor from a previous page");
        }
    }
}
