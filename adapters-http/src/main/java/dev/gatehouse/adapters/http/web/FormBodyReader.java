package dev.gatehouse.adapters.http.web;

import dev.gatehouse.adapters.http.problem.Problem;
import dev.gatehouse.adapters.http.problem.RequestRejected;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an {@code application/x-www-form-urlencoded} body (RFC 7662 introspection requests come this
 * way), by hand and strictly: percent-escapes must be well-formed and decode to UTF-8, a wanted field may
 * appear once (RFC 6749 section 3.1: "parameters MUST NOT be included more than once"); anything else
 * is 400, a body too large 413. Only the wanted fields are kept.
 */
public final class FormBodyReader {
    public static final String FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

    private final int maxBytes;

    public FormBodyReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Whether the request's {@code Content-Type} is a form (any {@code charset} parameter must say UTF-8,
     * else 415).
     */
    public static boolean isForm(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase(FORM_MEDIA_TYPE)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")) {
                String value = parameter.length < 2 ? "" : parameter[1].strip().replace("\"", "");
                if (!value.toLowerCase(Locale.ROOT).matches("utf-?8")) {
                    throw new RequestRejected(Problem.unsupportedMediaType("form bodies must be UTF-8"));
                }
            }
        }
        return true;
    }

    /** The wanted fields of the form body (call only when {@link #isForm} said yes). */
    public Map<String, String> read(Context ctx, Set<String> wanted) {
        return parse(JsonBodyReader.readBytes(ctx, maxBytes), wanted);
    }

    static Map<String, String> parse(byte[] body, Set<String> wanted) {
        Map<String, String> values = new HashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int equals = indexOf(body, (byte) '=', start);
                int nameEnd = Math.min(equals, end);
                String name = decode(body, start, nameEnd);
                if (wanted.contains(name)) {
                    if (values.containsKey(name)) {
                        throw new RequestRejected(Problem.malformedBody("the field \"" + name + "\" appears more than once"));
                    }
                    values.put(name, equals < end ? decode(body, equals + 1, end) : "");
                }
            }
            start = end + 1;
        }
        return values;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    /** {@code +} is a space, {@code %XX} a byte; the bytes must be UTF-8. */
    private static String decode(byte[] body, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                int high = i + 2 < to ? Character.digit(body[i + 1], 16) : -1;
                int low = high < 0 ? -1 : Character.digit(body[i + 2], 16);
                if (low < 0) {
                    throw new RequestRejected(Problem.malformedBody("the form body holds a malformed %-escape"));
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        return JsonBodyReader.strictUtf8(bytes.toByteArray(), "the form body");
    }
}
