package dev.gatehouse.adapters.http.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.util.LinkedHashSet;
import java.util.Set;

/** Typed reads of a JSON tree's values (settings and profile patches), each refusing the wrong type with the field's name. */
public final class JsonNodeValues {
    private JsonNodeValues() {
    }

    public static Set<String> stringSet(JsonNode value, String field) {
        if (!value.isArray()) {
            throw new InvalidInput(field, "must be a JSON array of strings, not " + describe(value));
        }
        if (value.size() > TenantSettings.MAX_LIST_ENTRIES) {
            throw new InvalidInput(field, "at most " + TenantSettings.MAX_LIST_ENTRIES + " entries");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode element : value) {
            values.add(text(element, field));
        }
        return values;
    }

    public static String optionalText(ObjectNode node, String name, String prefix) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : text(value, prefix + "." + name);
    }

    public static String text(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw new InvalidInput(field, "must be a JSON string, not " + describe(value));
        }
        String text = value.textValue();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInput(field, "must be valid Unicode text (it holds an unpaired surrogate escape)");
            }
        }
        return text;
    }

    public static boolean bool(JsonNode value, String field) {
        if (!value.isBoolean()) {
            throw new InvalidInput(field, "must be true or false, not " + describe(value));
        }
        return value.booleanValue();
    }

    public static int integer(JsonNode value, String field) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidInput(field, "must be a whole number, not " + describe(value));
        }
        return value.intValue();
    }

    public static ObjectNode object(JsonNode value, String field) {
        if (!value.isObject()) {
            throw new InvalidInput(field, "must be a JSON object, not " + describe(value));
        }
        return (ObjectNode) value;
    }

    public static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "another JSON type";
        };
    }
}
