package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/api/openapi.yaml is a valid OpenAPI 3.1 document: swagger-parser reads it without a single message
 * (error or warning), every key of every schema is a JSON Schema or OpenAPI keyword (a flow mapping whose
 * unquoted description holds a comma turns the rest of the text into a bogus key, which JSON Schema would
 * otherwise ignore), and every operation has a unique camelCase operationId and its client errors.
 * OpenApiDocumentTest compares the document's routes with the route table.
 */
class OpenApiValidityTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** Operations that have no client error to document (they read no input): the health checks. */
    private static final Set<String> WITHOUT_CLIENT_ERRORS = Set.of("getLiveness", "getReadiness");
    /** JSON Schema 2020-12 keywords (core, applicator, validation, format, content, meta-data) and OpenAPI's. */
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("$ref", "$id", "$schema", "$anchor", "$defs",
            "$comment", "$dynamicRef", "$dynamicAnchor", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
            "dependentSchemas", "prefixItems", "items", "contains", "properties", "patternProperties",
            "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "type", "enum",
            "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
            "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
            "maxProperties", "minProperties", "required", "dependentRequired", "format", "contentEncoding",
            "contentMediaType", "contentSchema", "title", "description", "default", "deprecated", "readOnly",
            "writeOnly", "examples", "example", "discriminator", "xml", "externalDocs");
    /** Schema keywords whose value is one schema; and those whose value maps names to schemas. */
    private static final Set<String> ONE_SCHEMA = Set.of("items", "not", "if", "then", "else", "contains",
            "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema");
    private static final Set<String> NAMED_SCHEMAS = Set.of("properties", "patternProperties", "$defs", "dependentSchemas");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

    private static String text;
    private static JsonNode document;

    @BeforeAll
    static void load() throws IOException {
        text = Files.readString(findDocument(), StandardCharsets.UTF_8);
        document = new ObjectMapper(new YAMLFactory()).readTree(text);
    }

    @Test
    void swaggerParserReadsTheDocumentAsOpenApi31WithoutAnyMessage() {
        SwaggerParseResult result = parse(text);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api).isNotNull();
        assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(api.getInfo().getLicense().getIdentifier()).isEqualTo("Apache-2.0");
        assertThat(api.getPaths()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void everySchemaKeyIsAKeyword() {
        assertThat(strayKeys(document)).as("keys that are no schema keyword").isEmpty();
    }

    @Test
    void theChecksCatchAFlowMappingSplitByAComma() {
        String broken = text.replaceFirst("(?m)^(\\s+accountId: \\{type: string, format: uuid), description: '([^']*)'}",
                "$1, description: Of the account, the user's}");
        assertThat(broken).isNotEqualTo(text);
        List<String> stray;
        try {
            stray = strayKeys(new ObjectMapper(new YAMLFactory()).readTree(broken));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(stray).anyMatch(key -> key.endsWith("/the user's}") || key.endsWith("/the user's"));
        assertThat(parse("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
                + "      responses: {'200': {description: ok}}\n      bogus: 1\n").getMessages())
                .as("the parser reports an unexpected key").isNotEmpty();
    }

    @Test
    void everyOperationHasAUniqueCamelCaseOperationIdAndItsClientErrors() {
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (!METHODS.contains(entry.getKey())) {
                return;
            }
            String where = entry.getKey().toUpperCase() + " " + path.getKey();
            String id = entry.getValue().path("operationId").asText("");
            if (!id.matches("[a-z][a-zA-Z0-9]*")) {
                problems.add(where + ": operationId '" + id + "' is not camelCase");
            }
            if (!ids.add(id)) {
                problems.add(where + ": operationId '" + id + "' is used twice");
            }
            boolean clientError = false;
            for (Map.Entry<String, JsonNode> response : entry.getValue().path("responses").properties()) {
                clientError |= response.getKey().startsWith("4");
            }
            if (!clientError && !WITHOUT_CLIENT_ERRORS.contains(id)) {
                problems.add(where + ": no 4xx answer documented");
            }
        }));
        assertThat(problems).isEmpty();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(40);
    }

    static SwaggerParseResult parse(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(yaml, null, options);
    }

    /** Every key, under any schema of the document, that is not a schema keyword or an extension (x-...). */
    private static List<String> strayKeys(JsonNode root) {
        List<String> stray = new ArrayList<>();
        root.path("components").path("schemas").properties()
                .forEach(schema -> checkSchema(schema.getValue(), "#/components/schemas/" + schema.getKey(), stray));
        findSchemas(root.path("paths"), "#/paths", stray);
        findSchemas(root.path("components").path("responses"), "#/components/responses", stray);
        findSchemas(root.path("components").path("parameters"), "#/components/parameters", stray);
        findSchemas(root.path("components").path("headers"), "#/components/headers", stray);
        findSchemas(root.path("components").path("requestBodies"), "#/components/requestBodies", stray);
        return stray;
    }

    /** Walks operations, parameters, bodies, responses and headers: any `schema` key holds a schema. */
    private static void findSchemas(JsonNode node, String where, List<String> stray) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findSchemas(node.get(i), where + "/" + i, stray);
            }
        } else if (node.isObject()) {
            node.properties().forEach(entry -> {
                String at = where + "/" + entry.getKey();
                if (entry.getKey().equals("schema")) {
                    checkSchema(entry.getValue(), at, stray);
                } else if (!entry.getKey().equals("example") && !entry.getKey().equals("examples")) {
                    findSchemas(entry.getValue(), at, stray);
                }
            });
        }
    }

    private static void checkSchema(JsonNode schema, String where, List<String> stray) {
        if (!schema.isObject()) {
            return;
        }
        schema.properties().forEach(entry -> {
            String key = entry.getKey();
            String at = where + "/" + key;
            JsonNode value = entry.getValue();
            if (!SCHEMA_KEYWORDS.contains(key) && !key.startsWith("x-")) {
                stray.add(at);
            } else if (ONE_SCHEMA.contains(key)) {
                checkSchema(value, at, stray);
            } else if (NAMED_SCHEMAS.contains(key)) {
                value.properties().forEach(named -> checkSchema(named.getValue(), at + "/" + named.getKey(), stray));
            } else if (SCHEMA_LISTS.contains(key)) {
                for (int i = 0; i < value.size(); i++) {
                    checkSchema(value.get(i), at + "/" + i, stray);
                }
            }
        });
    }

    static Path findDocument() {
        return OpenApiContract.findDocument();
    }
}
