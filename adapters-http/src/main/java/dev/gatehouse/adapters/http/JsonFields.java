package dev.gatehouse.adapters.http;

import com.fasterxml.jackson.core.JsonToken;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.Map;

/**
 * The fields a route asked for, read from a JSON object body. Unknown fields were skipped (clients send
 * extras); a field's type is checked only when the route asks for it.
 */
public final class JsonFields {
    private final Map<String, Object> values; // a String for a JSON string, else the value's first token

    JsonFields(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * The field's value when it is a JSON string; null when it is absent or JSON {@code null} (the value
     * object then says that it is required).
     *
     * @throws InvalidInput naming the field when it holds another JSON type
     */
    public String string(String name) {
        Object value = values.get(name);
        if (value == null || value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value instanceof String text) {
            if (!isWellFormed(text)) {
                // JSON escapes can spell a lone surrogate; no store, hasher or JSON writer should see one.
                throw new InvalidInput(name, "must be valid Unicode text (it holds an unpaired surrogate escape)");
            }
            return text;
        }
        throw new InvalidInput(name, "must be a JSON string, not " + describe((JsonToken) value));
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "another JSON type";
        };
    }
}
