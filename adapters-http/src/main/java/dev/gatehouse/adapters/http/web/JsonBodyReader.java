package dev.gatehouse.adapters.http.web;


import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.gatehouse.adapters.http.problem.Problem;
import dev.gatehouse.adapters.http.problem.RequestRejected;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a request body that must be one JSON object, by hand rather than by data binding, so that every
 * way a body can be wrong gets a 4xx that says what is wrong: missing or wrong media type (415), too
 * large (413), not UTF-8, empty, not JSON, not an object, trailing content, too deeply nested, a
 * wanted field given twice (400). Only the fields a route asks for are kept; the rest are skipped unread.
 */
public final class JsonBodyReader {
    private static final String JSON_MEDIA_TYPE = "application/json";
    private static final String MEDIA_TYPE_HINT = "Content-Type must be application/json";
    /** The bodies are flat objects: anything nested deeper than this is refused, not walked. */
    private static final int MAX_NESTING_DEPTH = 32;

    private final int maxBytes;
    private final JsonFactory factory;

    public JsonBodyReader(int maxBytes) {
        this.maxBytes = maxBytes;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(maxBytes)
                        .maxNumberLength(100)
                        .maxNameLength(1000)
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // Field names come from strangers: do not intern or cache them.
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .build();
    }

    /**
     * Checks the media type and size, then parses the body as one JSON object of any shape (for the few routes
     * whose bodies nest, such as a settings patch), with the same limits, and refusing a field given twice at
     * any level.
     */
    public com.fasterxml.jackson.databind.node.ObjectNode readObject(Context ctx) {
        requireJsonMediaType(ctx.header("Content-Type"));
        return parseObject(decodeUtf8(readBytes(ctx, maxBytes)));
    }

    /** {@link #readObject} for text that did not come over HTTP (the CLI's {@code --json}). */
    public com.fasterxml.jackson.databind.node.ObjectNode parseObject(String text) {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper(factory)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        com.fasterxml.jackson.databind.JsonNode node;
        try (JsonParser parser = factory.createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() == null) {
                throw new RequestRejected(Problem.malformedBody("the request body is empty: expected a JSON object"));
            }
            node = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw new RequestRejected(Problem.malformedBody("the request body has content after the JSON object"));
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (node == null || !node.isObject()) {
            throw new RequestRejected(Problem.malformedBody("the request body must be a JSON object"));
        }
        return (com.fasterxml.jackson.databind.node.ObjectNode) node;
    }

    /** Checks the media type and size, then parses the body, keeping the {@code wanted} fields. */
    public JsonFields read(Context ctx, Set<String> wanted) {
        requireJsonMediaType(ctx.header("Content-Type"));
        return parse(readBytes(ctx, maxBytes), wanted);
    }

    /** The whole body, at most {@code maxBytes} (413 beyond), marked as consumed. */
    static byte[] readBytes(Context ctx, int maxBytes) {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw new RequestRejected(Problem.bodyTooLarge(maxBytes));
        }
        byte[] body;
        try {
            InputStream in = ctx.req().getInputStream();
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new RequestRejected(Problem.malformedBody("the request body could not be read to its end"));
        }
        if (body.length > maxBytes) {
            throw new RequestRejected(Problem.bodyTooLarge(maxBytes));
        }
        RequestFilter.markBodyConsumed(ctx);
        return body;
    }

    static void requireJsonMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new RequestRejected(Problem.unsupportedMediaType(MEDIA_TYPE_HINT + ", and it is missing"));
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase(JSON_MEDIA_TYPE)) {
            throw new RequestRejected(Problem.unsupportedMediaType(MEDIA_TYPE_HINT));
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).strip();
            if (name.equalsIgnoreCase("charset")) {
                String value = equals < 0 ? "" : parameter.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.toLowerCase(Locale.ROOT).matches("utf-?8")) {
                    throw new RequestRejected(Problem.unsupportedMediaType(
                            "JSON bodies must be UTF-8: send Content-Type application/json or application/json; charset=utf-8"));
                }
            }
        }
    }

    JsonFields parse(byte[] body, Set<String> wanted) {
        String text = decodeUtf8(body);
        Map<String, Object> values = new HashMap<>();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new RequestRejected(Problem.malformedBody("the request body is empty: expected a JSON object"));
            }
            if (first != JsonToken.START_OBJECT) {
                throw new RequestRejected(Problem.malformedBody(
                        "the request body must be a JSON object, not " + JsonFields.describe(first)));
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    throw new RequestRejected(malformed(parser.currentLocation()));
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == null) {
                    throw new RequestRejected(malformed(parser.currentLocation()));
                }
                if (wanted.contains(name)) {
                    if (values.containsKey(name)) {
                        throw new RequestRejected(Problem.malformedBody(
                                "the field \"" + name + "\" appears more than once"));
                    }
                    values.put(name, switch (value) {
                        case VALUE_STRING -> parser.getText();
                        case START_ARRAY -> readArray(parser);
                        default -> value;
                    });
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new RequestRejected(Problem.malformedBody("the request body has content after the JSON object"));
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
        return new JsonFields(values);
    }

    /**
     * A wanted field's array: each element a String for a JSON string, else its first token (its content is
     * skipped). Leaves the parser on the array's end.
     */
    private static List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> elements = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new RequestRejected(malformed(parser.currentLocation()));
            }
            elements.add(token == JsonToken.VALUE_STRING ? parser.getText() : token);
            parser.skipChildren();
        }
        return elements;
    }

    /** JSON is UTF-8 (RFC 8259); checked for the whole body, also inside the values that are skipped. */
    private static String decodeUtf8(byte[] body) {
        String text = strictUtf8(body, "the request body");
        return text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte order mark may be ignored
    }

    /** The text of bytes that must be UTF-8, checked strictly (nothing is replaced); else 400 naming {@code what}. */
    static String strictUtf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RequestRejected(Problem.malformedBody(what + " is not valid UTF-8"));
        }
    }

    /**
     * What a body the parser could not read is answered with. A field given twice is reported by the parser only
     * where duplicate detection is on ({@link #parseObject}); {@link #parse} finds the wanted ones itself.
     */
    private static RequestRejected unreadable(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return new RequestRejected(Problem.malformedBody(
                    "the request body is nested too deeply or holds too long a value"));
        }
        if (e instanceof JsonProcessingException json) {
            String message = String.valueOf(json.getOriginalMessage());
            if (message.startsWith("Duplicate field")) {
                return new RequestRejected(Problem.malformedBody("a field appears more than once: " + message
                        .replaceFirst("^Duplicate field ", "")));
            }
            return new RequestRejected(malformed(json.getLocation()));
        }
        return new RequestRejected(malformed(null));
    }

    private static Problem malformed(JsonLocation location) {
        String where = location == null || location.getLineNr() < 1 ? ""
                : " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return Problem.malformedBody("the request body is not valid JSON" + where);
    }
}
