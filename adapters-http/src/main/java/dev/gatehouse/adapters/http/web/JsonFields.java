package dev.gatehouse.adapters.http.web;

import com.fasterxml.jackson.core.JsonToken;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields a route asked for, read from a JSON object body. Unknown fields were skipped (clients send
 * extras); a field's type is checked only when the route asks for it.
 */
public final class JsonFields {
    // a String for a JSON string, a List (of Strings and first tokens) for an array, else the value's first token
    private final Map<String, Object> values;

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
        throw new InvalidInput(name, "must be a JSON string, not " + describe(value));
    }

    /**
     * The field's value when it is a JSON array of strings; null when it is absent or JSON {@code null}.
     *
     * @throws InvalidInput naming the field when it is not an array or holds anything but strings
     */
    public List<String> strings(String name) {
        Object value = values.get(name);
        if (value == null || value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!(value instanceof List<?> elements)) {
            throw new InvalidInput(name, "must be a JSON array of strings, not " + describe(value));
        }
        List<String> texts = new ArrayList<>(elements.size());
        for (Object element : elements) {
            if (!(element instanceof String text)) {
                throw new InvalidInput(name, "must hold only strings, not " + describe(element));
            }
            if (!isWellFormed(text)) {
                throw new InvalidInput(name, "must hold valid Unicode text (an element holds an unpaired surrogate escape)");
            }
            texts.add(text);
        }
        return List.copyOf(texts);
    }

    /**
     * The field's value when it is JSON {@code true} or {@code false}; null when it is absent or JSON {@code null}.
     *
     * @throws InvalidInput naming the field when it holds another JSON type
     */
    public Boolean bool(String name) {
        Object value = values.get(name);
        if (value == null || value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
            return value == JsonToken.VALUE_TRUE;
        }
        throw new InvalidInput(name, "must be true or false, not " + describe(value));
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

    private static String describe(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return describe((JsonToken) value);
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
