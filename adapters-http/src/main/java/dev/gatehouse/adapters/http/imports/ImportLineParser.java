package dev.gatehouse.adapters.http.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.adapters.http.users.RoleNames;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.HashInput;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Line;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Row;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Unreadable;
import dev.gatehouse.domain.error.InvalidInput;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * One line of an import file: a JSON object {@code {"email", "passwordHash"?, "emailVerified"?, "name"?,
 * "metadata"?, "accountId"?, "role"?}} (null stands for absent). {@code passwordHash} is a string, or Keycloak's
 * exported credential {@code {"keycloak": {"secretData", "credentialData"}}}, each of those two a JSON string as
 * Keycloak exports them or the object it holds. {@code metadata} must be a JSON object. Anything else on the line
 * (a field of another name, a value of the wrong type, not JSON) makes it {@link Unreadable}, naming why; the values'
 * own rules are the application's.
 */
final class ImportLineParser {
    static final List<String> FIELDS = List.of("email", "passwordHash", "emailVerified", "name", "metadata",
            "accountId", "role");
    private static final int MAX_NESTING_DEPTH = 32;

    private final ObjectMapper mapper;

    ImportLineParser() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(NdjsonLines.MAX_LINE_BYTES)
                        .maxNumberLength(100)
                        .maxNameLength(1000)
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    Line parse(long number, String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Duplicate field")) {
                return new Unreadable(number, "a field appears more than once");
            }
            return new Unreadable(number, "the line is not valid JSON" + (e.getLocation() == null ? ""
                    : " (at column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            return new Unreadable(number, "the line is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return new Unreadable(number, "the line must be a JSON object");
        }
        try {
            return row(number, node);
        } catch (InvalidInput wrong) {
            return new Unreadable(number, wrong.getMessage());
        }
    }

    private Row row(long number, JsonNode node) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidInput(shorten(name), "is not a field of an import line (expected "
                        + String.join(", ", FIELDS) + ")");
            }
        }
        JsonNode metadata = present(node, "metadata");
        if (metadata != null && !metadata.isObject()) {
            throw new InvalidInput("metadata", "must be a JSON object");
        }
        JsonNode verified = present(node, "emailVerified");
        if (verified != null && !verified.isBoolean()) {
            throw new InvalidInput("emailVerified", "must be true or false");
        }
        String role = text(node, "role");
        return new Row(number, text(node, "email"), hash(present(node, "passwordHash")),
                verified != null && verified.booleanValue(), text(node, "name"),
                metadata == null ? null : metadata.toString(), text(node, "accountId"),
                role == null ? null : RoleNames.parse("role", role));
    }

    private HashInput hash(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return new HashInput.Encoded(value.textValue());
        }
        JsonNode keycloak = value.isObject() && value.size() == 1 ? value.get("keycloak") : null;
        if (keycloak == null || !keycloak.isObject()) {
            throw new InvalidInput("passwordHash", "must be a string, or {\"keycloak\": {\"secretData\","
                    + " \"credentialData\"}} as Keycloak exports a password credential");
        }
        JsonNode secret = embedded(keycloak, "secretData");
        JsonNode credential = embedded(keycloak, "credentialData");
        JsonNode iterations = credential.get("hashIterations");
        if (iterations == null || !iterations.canConvertToLong()) {
            throw new InvalidInput("passwordHash", "keycloak.credentialData.hashIterations must be a number");
        }
        return new HashInput.Keycloak(text(credential, "algorithm"), iterations.longValue(), text(secret, "salt"),
                text(secret, "value"));
    }

    /** A Keycloak field: the object, or a JSON string holding it (as exported). */
    private JsonNode embedded(JsonNode keycloak, String field) {
        JsonNode value = keycloak.get(field);
        if (value != null && value.isTextual()) {
            try {
                value = mapper.readTree(value.textValue());
            } catch (IOException e) {
                throw new InvalidInput("passwordHash", "keycloak." + field + " is not valid JSON");
            }
        }
        if (value == null || !value.isObject()) {
            throw new InvalidInput("passwordHash", "keycloak." + field + " must be a JSON object or a string of one");
        }
        return value;
    }

    private static JsonNode present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = present(node, field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInput(field, "must be a string");
        }
        return value.textValue();
    }

    private static String shorten(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "…";
    }
}
