package dev.gatehouse.adapters.http.oauth;

import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The cookie that binds a provider sign-in to the browser that started it (login CSRF): set by the start route,
 * required by the callback. HttpOnly, {@code SameSite=Lax} (sent on the provider's top-level redirect back, not on
 * cross-site subrequests), {@code Path=/}, ten minutes; over https {@code Secure} with the {@code __Host-} prefix, so
 * no other host or path can set or shadow it. Its value is random (256 bits) and stored only as a hash.
 */
final class BrowserBinding {
    static final String PLAIN_NAME = "gatehouse_oauth";
    static final String SECURE_NAME = "__Host-gatehouse_oauth";
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private BrowserBinding() {
    }

    /** The binding this browser holds, if any (a value the server set; the use case ignores anything else). */
    static String read(Context ctx) {
        String secure = ctx.cookie(SECURE_NAME);
        return secure != null ? secure : ctx.cookie(PLAIN_NAME);
    }

    static void set(Context ctx, String value, Optional<URI> publicUrl) {
        boolean https = publicUrl.map(url -> "https".equalsIgnoreCase(url.getScheme()))
                .orElse("https".equalsIgnoreCase(ctx.scheme()));
        String name = https ? SECURE_NAME : PLAIN_NAME;
        ctx.header("Set-Cookie", name + "=" + value + "; Path=/; Max-Age=" + LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Lax" + (https ? "; Secure" : ""));
    }
}
