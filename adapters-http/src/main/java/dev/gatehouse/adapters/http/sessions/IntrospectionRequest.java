package dev.gatehouse.adapters.http.sessions;

import dev.gatehouse.adapters.http.web.FormBodyReader;
import dev.gatehouse.adapters.http.web.JsonBodyReader;
import dev.gatehouse.domain.error.InvalidInput;
import io.javalin.http.Context;
import java.util.Set;

/**
 * The body of {@code POST /v1/auth/introspect}: {@code {"token"}} as JSON, or {@code token=...} as an
 * {@code application/x-www-form-urlencoded} form, as RFC 7662 sends it (other parameters, such as
 * {@code token_type_hint}, are ignored).
 */
record IntrospectionRequest(String token) {
    static final String TOKEN = "token";
    private static final Set<String> FIELDS = Set.of(TOKEN);

    IntrospectionRequest {
        if (token == null || token.isBlank()) {
            throw new InvalidInput(TOKEN, "is required");
        }
    }

    static IntrospectionRequest from(Context ctx, JsonBodyReader json, FormBodyReader forms) {
        String token = FormBodyReader.isForm(ctx) ? forms.read(ctx, FIELDS).get(TOKEN) : json.read(ctx, FIELDS).string(TOKEN);
        return new IntrospectionRequest(token);
    }
}
