package dev.gatehouse.adapters.http.problem;

import dev.gatehouse.domain.Required;
import java.time.Duration;

/**
 * One failed request in wire-neutral terms: the status, a stable slug naming the kind of problem, a
 * short title for the kind and a detail for this occurrence (safe to show: never secrets, never
 * exception text). The {@code /v1} routes render it as RFC 9457 {@code application/problem+json}; the
 * StaticBackend-compatible routes as plain text ({@code detail} and a newline).
 *
 * @param field      the input that was refused, for invalid-input problems; otherwise null
 * @param retryAfter when the caller may try again (sent as {@code Retry-After} in whole seconds, at least 1),
 *                   for overload and rate-limit problems; otherwise null
 */
public record Problem(int status, String slug, String title, String detail, String field, Duration retryAfter) {
    public static final String TYPE_PREFIX = "urn:gatehouse:problem:";

    public Problem {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
        }
        Required.nonNull("slug", slug, "title", title, "detail", detail);
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
    }

    public Problem(int status, String slug, String title, String detail, String field) {
        this(status, slug, title, detail, field, null);
    }

    public Problem(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null, null);
    }

    /** The {@code Retry-After} value in whole seconds (rounded up, at least 1), or null when there is none. */
    public String retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }

    /** The RFC 9457 {@code type}: a URN, so nobody is tempted to dereference it. */
    public String type() {
        return TYPE_PREFIX + slug;
    }

    public static Problem malformedBody(String detail) {
        return new Problem(400, "malformed-body", "Malformed request body", detail);
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(415, "unsupported-media-type", "Unsupported media type", detail);
    }

    public static Problem bodyTooLarge(int maxBytes) {
        return new Problem(413, "body-too-large", "Request body too large",
                "request body must be at most " + maxBytes + " bytes");
    }

    public static Problem notFound() {
        return new Problem(404, "not-found", "Not found", "not found");
    }

    public static Problem methodNotAllowed(String method) {
        return new Problem(405, "method-not-allowed", "Method not allowed",
                "method " + method + " is not allowed on this route");
    }

    public static Problem internalError() {
        return new Problem(500, "internal-error", "Internal server error",
                "internal server error: the request id identifies it in the server's log");
    }

    /** For a status raised by the HTTP framework itself, described only by its reason phrase. */
    public static Problem ofStatus(int status, String reason) {
        if (status >= 500) {
            return internalError();
        }
        String slug = reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return new Problem(status, slug.isEmpty() ? "client-error" : slug, reason, reason.toLowerCase(java.util.Locale.ROOT));
    }
}
