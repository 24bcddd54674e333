package dev.gatehouse.adapters.http;

import dev.gatehouse.adapters.http.web.RequestFilter;

import dev.gatehouse.adapters.http.web.JsonResponses;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.adapters.http.problem.Problem;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link Problem} on the wire in the form its route family speaks: RFC 9457
 * {@code application/problem+json} under {@code /v1}, StaticBackend's plain text (the detail and a
 * newline) everywhere else. Never an exception's text or a stack trace.
 */
final class ErrorResponder {
    static final String PLAIN_TEXT = "text/plain; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private ErrorResponder() {
    }

    static void respond(Context ctx, Problem problem) {
        ctx.status(problem.status());
        if ("unauthenticated".equals(problem.slug())) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        String retryAfter = problem.retryAfterSeconds();
        if (retryAfter != null) {
            ctx.header("Retry-After", retryAfter);
        }
        if (isNativeApi(ctx.path())) {
            JsonResponses.write(ctx, problem.status(), JsonResponses.PROBLEM_JSON, ProblemBody.of(problem));
        } else {
            ctx.contentType(PLAIN_TEXT).result((problem.detail() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A bug or an outage: logged in full with the request id, answered with a generic 500. */
    static void unexpected(Context ctx, Exception exception) {
        LOG.error("request {} {} {} failed unexpectedly", RequestFilter.requestId(ctx), ctx.method(), ctx.path(),
                exception);
        respond(ctx, Problem.internalError());
    }

    /** A {@link java.lang.Error} escaped a handler; Javalin hands over only the raw response here. */
    static void fatal(HttpServletResponse response, Error error) {
        String requestId = response.getHeader(RequestFilter.REQUEST_ID_HEADER);
        LOG.error("request {} failed with an error", requestId == null ? "-" : requestId, error);
        try {
            if (!response.isCommitted()) {
                response.resetBuffer();
                response.setStatus(500);
                response.setContentType(PLAIN_TEXT);
                response.getOutputStream().write(
                        (Problem.internalError().detail() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException writeFailed) {
            LOG.debug("request {}: could not write the error response", requestId, writeFailed);
        }
    }

    static boolean isNativeApi(String path) {
        return path != null && (path.equals("/v1") || path.startsWith("/v1/"));
    }

    /** The RFC 9457 body; {@code field} only for invalid input. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProblemBody(String type, String title, int status, String detail, String field) {
        static ProblemBody of(Problem problem) {
            return new ProblemBody(problem.type(), problem.title(), problem.status(), problem.detail(), problem.field());
        }
    }
}
