package dev.gatehouse.adapters.http.web;

import dev.gatehouse.domain.error.Unauthenticated;
import io.javalin.http.Context;

/** Reads {@code Authorization: Bearer <token>}. */
public final class BearerToken {
    /** Far above any token Gatehouse issues; longer ones are refused without being verified. */
    public static final int MAX_TOKEN_LENGTH = 4 * 1024;
    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /**
     * The presented token, or null when the request carries none (the authenticate use case then
     * answers "missing").
     *
     * @throws Unauthenticated when the header uses another scheme or the token is absurdly long
     */
    public static String from(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new Unauthenticated(Unauthenticated.Reason.INVALID);
        }
        String token = value.substring(SCHEME.length()).strip();
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new Unauthenticated(Unauthenticated.Reason.INVALID);
        }
        return token;
    }
}
