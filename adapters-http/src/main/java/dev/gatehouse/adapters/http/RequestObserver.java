package dev.gatehouse.adapters.http;

/**
 * Told about every request the API answered, on the request's thread once the response is written: the metrics
 * (bootstrap) time requests through it without the HTTP adapter knowing the metrics library. Every label it gets is
 * bounded: the method (one of the standard methods, else {@code OTHER}), the route TEMPLATE the request matched
 * ({@code /v1/admin/users/{id}}, never the raw path; {@link #UNMATCHED} when no route matched, as for a 404 or a
 * 405) and the status.
 */
@FunctionalInterface
public interface RequestObserver {
    /** The route of a request that matched none: unknown paths and methods share it. */
    String UNMATCHED = dev.gatehouse.adapters.http.web.RequestFilter.UNMATCHED_ROUTE;
    /** Observes nothing (the default: metrics off). */
    RequestObserver NONE = (method, route, status, nanos) -> {
    };

    void answered(String method, String route, int status, long nanos);
}
