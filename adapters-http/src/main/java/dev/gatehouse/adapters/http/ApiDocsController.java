package dev.gatehouse.adapters.http;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.web.JsonResponses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The API reference: {@code GET /openapi.json} and {@code GET /openapi.yaml} (docs/api/openapi.yaml as built
 * into the jar, its {@code servers} naming this server) and {@code GET /docs}, Swagger UI from its webjar with
 * an initializer of ours, all from this origin. The page's Content-Security-Policy allows scripts, styles and
 * requests from this origin only (and the configured public URL's, for "try it out"), no inline script or
 * style, images from this origin and {@code data:} (the stylesheet's icons).
 * <p>
 * The document is read on the first request, not at start.
 */
final class ApiDocsController implements Endpoints {
    static final String ASSET = "asset";
    static final String DOCUMENT = "/dev/gatehouse/adapters/http/api/openapi.yaml";
    private static final String PAGE = "/dev/gatehouse/adapters/http/api/docs.html";
    private static final String INITIALIZER = "/dev/gatehouse/adapters/http/api/gatehouse-docs.js";
    private static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final String WEBJAR_FILES = "/META-INF/resources/webjars/swagger-ui/";
    static final String YAML = "application/yaml; charset=utf-8";
    private static final String RELATIVE_SERVER = "\nservers:\n  - url: /\n";
    /** A Host header that is a plain host name or address with an optional port: nothing else is echoed. */
    private static final Pattern PLAIN_HOST = Pattern.compile("([A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})*|\\[[0-9A-Fa-f:.]{2,45}])(:[0-9]{1,5})?");
    private static final String ASSET_CACHE = "public, max-age=3600";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The files of {@code /docs/{asset}}: name, content type, and whether it comes from the webjar. */
    private record Asset(String contentType, boolean fromWebjar) {
    }

    private static final Map<String, Asset> ASSETS = Map.of(
            "swagger-ui-bundle.js", new Asset("text/javascript; charset=utf-8", true),
            "swagger-ui.css", new Asset("text/css; charset=utf-8", true),
            "favicon-32x32.png", new Asset("image/png", true),
            "gatehouse-docs.js", new Asset("text/javascript; charset=utf-8", false));

    private final Optional<URI> publicUrl;
    private final String pagePolicy;
    private volatile Loaded loaded;

    private record Loaded(String yaml, JsonNode tree, String webjarDirectory) {
    }

    ApiDocsController(HttpConfig.ApiDocs config) {
        this.publicUrl = config.publicUrl();
        String connect = publicUrl.map(url -> " " + origin(url)).orElse("");
        this.pagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'" + connect + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.GET, "/openapi.json", this::json);
        routes.add(HandlerType.GET, "/openapi.yaml", this::yaml);
        routes.add(HandlerType.GET, "/docs", this::page);
        routes.add(HandlerType.GET, "/docs/{" + ASSET + "}", this::asset);
    }

    void json(Context ctx) {
        ObjectNode document = loaded().tree().deepCopy();
        ArrayNode servers = document.putArray("servers");
        servers.addObject().put("url", serverUrl(ctx)).put("description", "This server.");
        try {
            ctx.status(200).contentType(JsonResponses.APPLICATION_JSON).result(JSON.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void yaml(Context ctx) {
        String url = serverUrl(ctx).replace("'", "''");
        String text = loaded().yaml().replace(RELATIVE_SERVER, "\nservers:\n  - url: '" + url + "'\n");
        ctx.status(200).contentType(YAML).result(text.getBytes(StandardCharsets.UTF_8));
    }

    void page(Context ctx) {
        ctx.header("Content-Security-Policy", pagePolicy);
        ctx.status(200).contentType("text/html; charset=utf-8").result(resource(PAGE));
    }

    void asset(Context ctx) {
        String name = ctx.pathParam(ASSET);
        Asset asset = ASSETS.get(name);
        if (asset == null) {
            throw new NotFoundResponse();
        }
        byte[] body = resource(asset.fromWebjar() ? loaded().webjarDirectory() + name : INITIALIZER);
        ctx.header("Cache-Control", ASSET_CACHE);
        ctx.status(200).contentType(asset.contentType()).result(body);
    }

    /** The configured public URL; else the scheme and host this request came with, when plain; else relative. */
    private String serverUrl(Context ctx) {
        if (publicUrl.isPresent()) {
            String url = publicUrl.get().toString();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        String host = ctx.header("Host");
        return host != null && PLAIN_HOST.matcher(host).matches() ? ctx.scheme() + "://" + host : "/";
    }

    private static String origin(URI url) {
        return url.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + url.getRawAuthority();
    }

    private Loaded loaded() {
        Loaded current = loaded;
        if (current == null) {
            synchronized (this) {
                current = loaded;
                if (current == null) {
                    current = load();
                    loaded = current;
                }
            }
        }
        return current;
    }

    static Loaded load() {
        String yaml = new String(resource(DOCUMENT), StandardCharsets.UTF_8);
        if (!yaml.contains(RELATIVE_SERVER)) {
            throw new IllegalStateException("the built-in OpenAPI document no longer lists `servers: - url: /`");
        }
        try {
            JsonNode tree = new YAMLMapper().readTree(yaml);
            Properties webjar = new Properties();
            try (InputStream in = ApiDocsController.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
                if (in == null) {
                    throw new IllegalStateException("the Swagger UI webjar is not on the class path");
                }
                webjar.load(in);
            }
            return new Loaded(yaml, tree, WEBJAR_FILES + webjar.getProperty("version") + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiDocsController.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
