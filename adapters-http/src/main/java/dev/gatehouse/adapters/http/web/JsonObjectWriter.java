package dev.gatehouse.adapters.http.web;

import java.nio.charset.StandardCharsets;

/**
 * Writes one flat JSON object by hand, for the hottest responses (GET /me, GET /v1/me): a StringBuilder
 * instead of Jackson's serializer lookup, generator and buffer recycling, which a JFR profile of GET /me
 * showed as a third of the handler's own time (docs/performance.md). Field names are trusted literals;
 * string values are escaped per RFC 8259.
 */
public final class JsonObjectWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean first = true;

    public JsonObjectWriter field(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
        return this;
    }

    public JsonObjectWriter field(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    public JsonObjectWriter field(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    /**
     * A value that is JSON already (stored profile metadata, which was parsed and re-serialised by Jackson before it
     * was stored), written as it is.
     */
    public JsonObjectWriter rawField(String name, String json) {
        name(name);
        out.append(json);
        return this;
    }

    public byte[] toBytes() {
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        out.append('"').append(name).append("\":");
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
