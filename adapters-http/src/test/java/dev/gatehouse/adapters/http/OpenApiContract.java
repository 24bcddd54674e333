package dev.gatehouse.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Holds every answer a test receives to docs/api/openapi.yaml: for a documented path and method, the status
 * must be documented for that operation, the Content-Type one of that status's media types (none when the
 * status documents no content), and a JSON body must match the schema, where an object schema that lists its
 * properties allows no other (so an undocumented field fails). Problem answers are held to the same rules.
 * <p>
 * Undocumented paths and methods (the generic 404 and 405 of unknown routes), HEAD, OPTIONS and paths Jetty
 * refuses before routing (encoded control characters or slashes: a plain-text 400 everywhere) are not checked. {@link TestServer} (adapters-http) and the server tests' clients (bootstrap) call
 * {@link #check(HttpResponse)} on every response. With {@code -Dgatehouse.contract=report} mismatches are
 * appended to {@code target/openapi-contract-mismatches.txt} instead of failing the test.
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    /**
     * Encoded control characters, slashes and backslashes: Jetty refuses such a path before any route runs, with
     * a plain-text 400 on every path (/v1 included; see PlainTextErrorHandler), so no operation answers it.
     */
    private static final Pattern REFUSED_BEFORE_ROUTING = Pattern.compile("(?i).*%(0[0-9a-f]|1[0-9a-f]|7f|2f|5c).*");
    /** The plain-text 503 of a server that is stopping (PlainTextErrorHandler), documented in the info text. */
    private static final String STOPPING = "service unavailable: the server is starting or stopping";
    private static volatile OpenApiContract instance;

    private final JsonNode document;
    private final ObjectNode definitions;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final boolean report = "report".equals(System.getProperty("gatehouse.contract"));

    private record Route(String template, Pattern pattern, int parameters) {
    }

    private OpenApiContract(JsonNode document) {
        this.document = document;
        this.definitions = (ObjectNode) strict(rewriteRefs(document.path("components").path("schemas").deepCopy()));
        document.path("paths").fieldNames().forEachRemaining(template -> {
            String regex = Pattern.quote(template).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q");
            routes.add(new Route(template, Pattern.compile(regex), template.split("\\{", -1).length - 1));
        });
        routes.sort(Comparator.comparingInt(Route::parameters));
    }

    /** The contract of docs/api/openapi.yaml, read once. */
    public static OpenApiContract get() {
        OpenApiContract current = instance;
        if (current == null) {
            synchronized (OpenApiContract.class) {
                current = instance;
                if (current == null) {
                    try {
                        current = new OpenApiContract(new YAMLMapper().readTree(findDocument().toFile()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    instance = current;
                }
            }
        }
        return current;
    }

    /** Checks a response (its request gives the method and path); fails with every mismatch found. */
    public <T> HttpResponse<T> check(HttpResponse<T> response) {
        HttpRequest request = response.request();
        Object body = response.body();
        check(request.method(), request.uri(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), body instanceof String text ? text : null);
        return response;
    }

    /** Checks one answer; {@code body} null when it was not read as text (then only status and type are checked). */
    public void check(String method, URI uri, int status, String contentType, String body) {
        List<String> problems = problems(method, uri.getRawPath(), status, contentType, body);
        if (problems.isEmpty()) {
            return;
        }
        String message = method + " " + uri.getRawPath() + " -> " + status + " " + contentType + ": "
                + String.join("; ", problems) + (body == null ? "" : "\n  body: " + abbreviate(body));
        if (report) {
            try {
                Files.writeString(Path.of("target", "openapi-contract-mismatches.txt"), message + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            throw new AssertionError("the answer does not match docs/api/openapi.yaml: " + message);
        }
    }

    List<String> problems(String method, String path, int status, String contentType, String body) {
        String verb = method.toLowerCase(Locale.ROOT);
        if (!METHODS.contains(verb)) {
            return List.of();
        }
        if (path == null || REFUSED_BEFORE_ROUTING.matcher(path).matches()) {
            return List.of();
        }
        Optional<String> template = template(path);
        if (template.isEmpty() || !document.path("paths").path(template.get()).has(verb)) {
            return List.of();
        }
        String operationPointer = "/paths/" + escape(template.get()) + "/" + verb;
        JsonNode responses = document.at(operationPointer + "/responses");
        String statusKey = String.valueOf(status);
        JsonNode answer;
        boolean unavailable = false;
        if (responses.has(statusKey)) {
            answer = resolve(responses.path(statusKey));
        } else if (responses.has(statusKey.charAt(0) + "XX")) {
            statusKey = statusKey.charAt(0) + "XX";
            answer = resolve(responses.path(statusKey));
        } else if (status == 503 && body != null && body.startsWith(STOPPING)) {
            return List.of(); // a server that stops answers a request on an open connection so, on every path
        } else if (status == 503) {
            // A database outage may reach any route: documented once, in components/responses (see the info text).
            unavailable = true;
            boolean nativeApi = path.equals("/v1") || path.startsWith("/v1/");
            answer = document.at("/components/responses/Unavailable" + (nativeApi ? "Problem" : "Text"));
        } else {
            return List.of("status " + status + " is not documented for " + verb.toUpperCase(Locale.ROOT) + " "
                    + template.get() + " (documented: " + names(responses) + ")");
        }
        JsonNode content = answer.path("content");
        String type = contentType == null ? null : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (content.isMissingNode() || content.isEmpty()) {
            return type == null || body == null || body.isEmpty() ? List.of()
                    : List.of("status " + status + " documents no content, but the answer has " + contentType);
        }
        if (type == null || !content.has(type)) {
            return List.of("Content-Type " + contentType + " is not documented for status " + status + " (documented: "
                    + names(content) + ")");
        }
        if (body == null || !(type.equals("application/json") || type.endsWith("+json"))) {
            return List.of();
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            return List.of("the body is not JSON: " + e.getMessage());
        }
        JsonNode schemaNode = content.path(type).path("schema");
        if (schemaNode.isMissingNode()) {
            return List.of();
        }
        String key = operationPointer + "/" + statusKey + "/" + type;
        JsonSchema schema = schemas.computeIfAbsent(key, k -> compile(schemaNode));
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(value)) {
            problems.add(message.getMessage());
        }
        if (unavailable && !"urn:gatehouse:problem:unavailable".equals(value.path("type").asText())) {
            problems.add("an undocumented 503 must be the database outage's problem (urn:gatehouse:problem:unavailable)");
        }
        return problems;
    }

    private JsonSchema compile(JsonNode schemaNode) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        JsonNode strictSchema = strict(rewriteRefs(schemaNode.deepCopy()));
        if (strictSchema.isObject()) {
            schema.setAll((ObjectNode) strictSchema);
        }
        schema.set("$defs", definitions);
        return factory.getSchema(schema, config);
    }

    private Optional<String> template(String path) {
        for (Route route : routes) {
            if (route.pattern().matcher(path).matches()) {
                return Optional.of(route.template());
            }
        }
        return Optional.empty();
    }

    /** A response may be a $ref to components/responses. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? document.at(ref.asText().substring(1)) : node;
    }

    /** {@code #/components/schemas/X} becomes {@code #/$defs/X}: each compiled schema carries them all. */
    private static JsonNode rewriteRefs(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/schemas/")) {
                object.put("$ref", "#/$defs/" + ref.asText().substring("#/components/schemas/".length()));
            }
            object.properties().forEach(entry -> rewriteRefs(entry.getValue()));
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::rewriteRefs);
        }
        return node;
    }

    /** Every object schema that lists its properties and says nothing of others gets additionalProperties: false. */
    private static JsonNode strict(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.has("unevaluatedProperties")) {
                object.put("additionalProperties", false);
            }
            // example is no JSON Schema 2020-12 keyword (the validator would warn of it): drop it from the copy
            object.remove("example");
            // the validator's email format also wants a real top-level domain; tests use the reserved .example and
            // .test domains (RFC 2606), so email stays unchecked (uuid, date-time and uri are checked)
            if ("email".equals(object.path("format").asText())) {
                object.remove("format");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getKey().equals("examples")) {
                    strict(entry.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::strict);
        }
        return node;
    }

    /** The document lives in the repository's docs/, above the module directory tests run in. */
    public static Path findDocument() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/api/openapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/api/openapi.yaml not found above " + Path.of("").toAbsolutePath());
    }

    private static String escape(String template) {
        return template.replace("~", "~0").replace("/", "~1");
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
