package dev.gatehouse.adapters.http.mail;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;

import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.QueryParameters;
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
public record DevMailboxController(DevMailboxUseCase mailbox, RequestContext http) implements Endpoints {
    @Override
    public void register(Routes routes) {
        // the dev mailbox shows codes and links: outside dev mode the path is not served at all (404)
        if (!http.config().devMode()) {
            return;
        }
        routes.add(HandlerType.GET, "/v1/dev/mailbox", this::list);
    }

    /** 200 with {@code [{to, from, subject, text, html, createdAt}]}. */
    public void list(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.SETTINGS_ADMIN);
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
