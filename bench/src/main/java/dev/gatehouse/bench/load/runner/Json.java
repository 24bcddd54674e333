package dev.gatehouse.bench.load.runner;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The harness's JSON, all through one Jackson mapper: request bodies ({@link #object}, {@link #body}),
 * answers ({@link #parse}) and result files ({@link #write}: maps in their iteration order, indented by two
 * spaces). Doubles in a result are rounded to 3 decimals, which is finer than any figure here deserves;
 * NaN and infinities become null.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .addModule(new SimpleModule().addSerializer(Double.class, new RoundedDouble()))
            .build();
    /** One field a line, {@code "name": value}, arrays opened on the line of their name ({@code [1, 2]}). */
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withArrayValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter());

    private Json() {
    }

    /** A result file's text: {@code value} indented, with a final newline. */
    public static String write(Object value) {
        try {
            return MAPPER.writer(PRINTER).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a result as JSON", e);
        }
    }

    /** A new, empty JSON object, for a request body. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The compact text of a request body. */
    public static String body(JsonNode node) {
        return node.toString();
    }

    /** An answer's body as a tree; a body that is not JSON reads as a missing node (every field of it absent). */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return MAPPER.missingNode();
        }
    }

    /** A top-level string field of an answer, or null when it is absent or not a string. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /** A double rounded for a result file (3 decimals), or null when it is not a number. */
    public static BigDecimal round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** Reads a JSON file (the dataset file of bench/users.sh generate). */
    static JsonNode read(java.nio.file.Path file) throws IOException {
        return MAPPER.readTree(java.nio.file.Files.readString(file));
    }

    /** Doubles left unrounded in a result are written as {@link #round} would give them. */
    private static final class RoundedDouble extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        RoundedDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
            BigDecimal rounded = round(value);
            if (rounded == null) {
                out.writeNull();
            } else {
                out.writeNumber(rounded);
            }
        }
    }
}
