package dev.gatehouse.adapters.http.v1;

import dev.gatehouse.adapters.http.JsonResponses;
import dev.gatehouse.adapters.http.QueryParameters;
import dev.gatehouse.adapters.http.RootCredentials;
import dev.gatehouse.application.mail.port.in.DevMailboxUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.user.EmailAddress;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/dev/mailbox?to=EMAIL} (dev mode only; the route is not served otherwise): the tenant's
 * latest mails to that address, newest first, under the tenant's root token.
 */
public final class DevMailboxController {
    private final DevMailboxUseCase mailbox;
    private final RootCredentials credentials;

    public DevMailboxController(DevMailboxUseCase mailbox, RootCredentials credentials) {
        this.mailbox = mailbox;
        this.credentials = credentials;
    }

    /** 200 with {@code [{to, from, subject, text, html, createdAt}]}. */
    public void list(Context ctx) {
        RootAuthority authority = credentials.forNativeRoute(ctx, Scope.SETTINGS_ADMIN);
        EmailAddress to = new EmailAddress(QueryParameters.first(ctx.queryString(), "to"));
        List<MailResponse> body = mailbox.mailsTo(authority, to).stream()
                .map(m -> new MailResponse(m.to(), m.from(), m.subject(), m.text(), m.html(), m.createdAt()))
                .toList();
        JsonResponses.write(ctx, 200, body);
    }

    record MailResponse(String to, String from, String subject, String text, String html, String createdAt) {
        MailResponse(String to, String from, String subject, String text, String html, Instant createdAt) {
            this(to, from, subject, text, html, createdAt.toString());
        }
    }
}
