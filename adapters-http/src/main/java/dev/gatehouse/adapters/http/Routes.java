package dev.gatehouse.adapters.http;

import dev.gatehouse.adapters.http.web.Cors;
import dev.gatehouse.adapters.http.web.RequestFilter;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.MDC;

/**
 * Registers routes and remembers each path's methods, for preflights, {@code Allow} headers and the
 * route table. Paths are literal but for whole segments in braces ({@code {id}}), which match any one
 * segment.
 */
public final class Routes {
    private final JavalinConfig javalin;
    private final Cors cors;
    private final Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
    private final Map<String, Set<String>> declared = new LinkedHashMap<>();

    Routes(JavalinConfig javalin, Cors cors) {
        this.javalin = javalin;
        this.cors = cors;
    }

    public void add(HandlerType method, String path, Handler route) {
        // Every log line written while the route runs (a failure, say) names its template (RequestFilter.MDC_ROUTE).
        Handler handler = ctx -> {
            MDC.put(RequestFilter.MDC_ROUTE, path);
            route.handle(ctx);
        };
        javalin.routes.addHttpHandler(method, path, handler);
        declared.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(method.name());
        Set<String> methods = methodsByPath.computeIfAbsent(path, p -> new LinkedHashSet<>());
        methods.add(method.name());
        if (method == HandlerType.GET) {
            // Javalin would answer HEAD with an empty 200 without running the route; run it instead.
            javalin.routes.addHttpHandler(HandlerType.HEAD, path, handler);
            methods.add(HandlerType.HEAD.name());
        }
    }

    /** Every path answers {@code OPTIONS}: CORS preflights name no tenant and need no route of their own. */
    void addPreflights() {
        methodsByPath.forEach((path, methods) -> {
            methods.add(HandlerType.OPTIONS.name());
            javalin.routes.addHttpHandler(HandlerType.OPTIONS, path, ctx -> cors.preflight(ctx, methods));
        });
    }

    /** The methods served at a request path: those of the first route path that matches it. */
    Set<String> methodsOf(String path) {
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Set<String> exact = methodsByPath.get(normalised);
        if (exact != null) {
            return exact;
        }
        String[] segments = normalised.split("/", -1);
        for (Map.Entry<String, Set<String>> route : methodsByPath.entrySet()) {
            if (matches(route.getKey().split("/", -1), segments)) {
                return route.getValue();
            }
        }
        return Set.of();
    }

    private static boolean matches(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean parameter = template[i].startsWith("{") && template[i].endsWith("}");
            if (parameter ? segments[i].isEmpty() : !template[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    Map<String, Set<String>> declared() {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        declared.forEach((path, methods) -> copy.put(path, Collections.unmodifiableSet(new LinkedHashSet<>(methods))));
        return Collections.unmodifiableMap(copy);
    }
}
