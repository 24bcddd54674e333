package dev.gatehouse.adapters.http.mail;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.application.mail.port.in.EmailTemplatesUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.MailTemplate;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * {@code GET} and {@code PUT /v1/admin/email-templates/{kind}} under the root token or a secret key with
 * {@code settings:admin}; {@code kind} is a lower-kebab mail kind ({@code password-reset}, ...). The body of a
 * PUT is {@code {"subject", "text", "html"}} ({@code html} optional: a text-only mail); a placeholder the kind
 * does not offer is a 400 naming it.
 */
public record EmailTemplatesController(EmailTemplatesUseCase templates, RequestContext http) implements Endpoints {
    public static final String KIND = "kind";
    private static final Set<String> FIELDS = Set.of("subject", "text", "html");

    @Override
    public void register(Routes routes) {
        String template = "/v1/admin/email-templates/{" + KIND + "}";
        routes.add(HandlerType.GET, template, this::get);
        routes.add(HandlerType.PUT, template, this::put);
    }

    /** 200 with the template in use (the tenant's own or the built-in one). */
    public void get(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.SETTINGS_ADMIN);
        MailKind kind = MailKind.fromSlug(ctx.pathParam(KIND));
        JsonResponses.write(ctx, 200, TemplateResponse.from(templates.get(authority, kind)));
    }

    /** 200 with the stored template; the next mail of the kind uses it. */
    public void put(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.SETTINGS_ADMIN);
        MailKind kind = MailKind.fromSlug(ctx.pathParam(KIND));
        JsonFields body = http.bodies().read(ctx, FIELDS);
        String subject = body.string("subject");
        String text = body.string("text");
        if (subject == null) {
            throw new InvalidInput("subject", "is required");
        }
        if (text == null) {
            throw new InvalidInput("text", "is required");
        }
        MailTemplate template = new MailTemplate(subject, text, body.string("html"));
        JsonResponses.write(ctx, 200, TemplateResponse.from(templates.put(authority, kind, template)));
    }

    record TemplateResponse(String kind, String subject, String text, String html, boolean builtIn,
                            List<String> placeholders) {
        static TemplateResponse from(EmailTemplatesUseCase.View view) {
            return new TemplateResponse(view.kind().slug(), view.template().subject(), view.template().text(),
                    view.template().html(), view.builtIn(), view.placeholders().stream().sorted().toList());
        }
    }
}
