package dev.gatehouse.adapters.http.web;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Runs around every route. Before: gives the request its id (a well-formed incoming {@code X-Request-Id},
 * else a new random one) and sets the headers every response carries. After: deals with a body the route
 * left unread (refused before it mattered, or too large): drains it when it is of bounded size, otherwise
 * answers {@code Connection: close}, so that a client never sends its next request on a connection the
 * server is about to drop.
 */
public final class RequestFilter {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID_ATTRIBUTE = "gatehouse.requestId";
    private static final String BODY_CONSUMED_ATTRIBUTE = "gatehouse.bodyConsumed";
    /** The MDC key of the request id. */
    public static final String MDC_REQUEST_ID = "requestId";
    /** The MDC key of the tenant the request named, once it is resolved ({@link TenantSelector}). */
    public static final String MDC_TENANT_ID = "tenantId";
    /** The MDC key of the route template the request matched, while its handler runs and on the request line. */
    public static final String MDC_ROUTE = "route";
    /** The route of every request that matched none. */
    public static final String UNMATCHED_ROUTE = "UNMATCHED";
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");
    private static final String THREAD_PREFIX = "req ";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /**
     * The headers every response carries, also those Jetty answers before any route runs
     * ({@link PlainTextErrorHandler}): one list, so the two cannot drift apart.
     */
    public static final Map<String, String> PROTECTIVE_HEADERS = protectiveHeaders();

    private RequestFilter() {
    }

    public static void before(Context ctx) {
        String requestId = requestIdFor(ctx.header(REQUEST_ID_HEADER));
        ctx.attribute(REQUEST_ID_ATTRIBUTE, requestId);
        ctx.header(REQUEST_ID_HEADER, requestId);
        // Every log line written while this request runs names it: in the MDC for backends that print it, and in
        // the thread's name (a virtual thread of its own per request) for the simple logger, which prints that.
        finished(); // nothing of an earlier request on this thread carries over
        MDC.put(MDC_REQUEST_ID, requestId);
        Thread.currentThread().setName(THREAD_PREFIX + requestId);
        PROTECTIVE_HEADERS.forEach(ctx::header);
        ctx.header("Vary", "Origin");
    }

    private static Map<String, String> protectiveHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cache-Control", "no-store");
        headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        return Collections.unmodifiableMap(headers);
    }

    /** After the route (the request's log context stays for the request line, see {@link #finished}). */
    public static void after(Context ctx, long drainLimit) {
        drainIfUnread(ctx, drainLimit);
    }

    /** Once the request is answered and logged: clears its log context (MDC) and its thread's name. */
    public static void finished() {
        MDC.remove(MDC_REQUEST_ID);
        MDC.remove(MDC_TENANT_ID);
        MDC.remove(MDC_ROUTE);
        if (Thread.currentThread().getName().startsWith(THREAD_PREFIX)) {
            Thread.currentThread().setName("");
        }
    }

    /**
     * The template of the route the request matched ({@code /v1/admin/users/{id}}), never the raw path; the same
     * {@code UNMATCHED} for every request that matched none (unknown paths, unsupported methods).
     */
    public static String routeTemplate(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? UNMATCHED_ROUTE : matched.path;
    }

    /** The request's method when it is a standard one, else {@code OTHER}: a bounded label for metrics. */
    public static String methodLabel(Context ctx) {
        String method = ctx.method().name();
        return STANDARD_METHODS.contains(method) ? method : "OTHER";
    }

    private static void drainIfUnread(Context ctx, long drainLimit) {
        if (ctx.attribute(BODY_CONSUMED_ATTRIBUTE) != null) {
            return;
        }
        long declaredLength = ctx.req().getContentLengthLong();
        boolean hasBody = declaredLength > 0 || declaredLength < 0 && ctx.header("Transfer-Encoding") != null;
        if (hasBody && (declaredLength > drainLimit || !drained(ctx, drainLimit))) {
            ctx.header("Connection", "close");
        }
    }

    /**
     * Reads and drops what is left of a body the route did not read (a request refused before its body
     * mattered), up to {@code limit} bytes, so that the client can finish sending and reuse the connection.
     */
    private static boolean drained(Context ctx, long limit) {
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > limit) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** Called once the body has been read to its end. */
    public static void markBodyConsumed(Context ctx) {
        ctx.attribute(BODY_CONSUMED_ATTRIBUTE, Boolean.TRUE);
    }

    /** The id given to this request, for log lines. */
    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID_ATTRIBUTE);
        return id == null ? "-" : id;
    }

    /** The incoming id when it is well-formed, else a new random one. */
    public static String requestIdFor(String incoming) {
        return incoming != null && SAFE_REQUEST_ID.matcher(incoming).matches() ? incoming : newRequestId();
    }

    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    }
}
