package dev.gatehouse.adapters.http.oauth;

import dev.gatehouse.adapters.http.problem.Problem;
import dev.gatehouse.adapters.http.problem.ProblemMapper;
import dev.gatehouse.domain.error.DomainError;
import dev.gatehouse.domain.mail.MailTemplate;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * The small HTML pages a browser lands on when a provider sign-in cannot go back to an app (an unknown or foreign
 * state) or is StaticBackend's popup flow. Every text is escaped; nothing is cached; no script runs.
 */
final class OAuthPages {
    private OAuthPages() {
    }

    static void page(Context ctx, int status, String title, String message) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + MailTemplate.escapeHtml(title) + "</title><meta name=\"viewport\" content=\"width=device-width\">"
                + "</head><body style=\"font-family:sans-serif;max-width:32em;margin:4em auto\"><h1>"
                + MailTemplate.escapeHtml(title) + "</h1><p>" + MailTemplate.escapeHtml(message) + "</p></body></html>";
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.contentType("text/html; charset=utf-8").result(html.getBytes(StandardCharsets.UTF_8));
    }

    /** A refusal with no app to send the browser to: the problem's status and detail as a page. */
    static void problem(Context ctx, DomainError error) {
        Problem problem = ProblemMapper.map(error);
        if (problem.retryAfterSeconds() != null) {
            ctx.header("Retry-After", problem.retryAfterSeconds());
        }
        page(ctx, problem.status(), "Sign-in failed", problem.detail());
    }
}
