package dev.gatehouse.adapters.http.problem;

import java.util.Objects;

/**
 * The HTTP adapter refused a request before it reached a use case (unreadable body, wrong media type,
 * too large). Expected, so it carries no stack trace.
 */
public final class RequestRejected extends RuntimeException {
    private final transient Problem problem;

    public RequestRejected(Problem problem) {
        super(Objects.requireNonNull(problem, "problem").detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
