package dev.gatehouse.adapters.http.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads query parameters from the raw query string, always as UTF-8. Not {@code ctx.queryParam}: Javalin
 * 7 decodes the query with the charset of the request's Content-Type and throws (a 500) on a malformed
 * one such as {@code application/json; charset}, which a client controls.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The first value of {@code name}, or null when absent; malformed escapes make a pair unreadable. */
    public static String first(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name.equals(key)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    /** Whether {@code name} appears at all, with or without a (readable) value. */
    public static boolean has(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return false;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (name.equals(decode(equals < 0 ? pair : pair.substring(0, equals)))) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
