package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.policy.PasswordPolicy;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Per-tenant settings. {@code allowedOrigins} lists the browser origins that may call the tenant's
 * routes (exact {@code scheme://host[:port]}); the single entry {@code *} allows any origin, which the
 * HTTP adapter answers without credentials.
 */
public record TenantSettings(Set<String> allowedOrigins, PasswordPolicy passwordPolicy) {
    public static final String ANY_ORIGIN = "*";
    public static final TenantSettings DEFAULT = new TenantSettings(Set.of(), PasswordPolicy.DEFAULT);

    public TenantSettings {
        Objects.requireNonNull(passwordPolicy, "password policy");
        allowedOrigins = allowedOrigins == null ? Set.of()
                : allowedOrigins.stream().map(TenantSettings::normaliseOrigin).collect(Collectors.toUnmodifiableSet());
    }

    public boolean allowsAnyOrigin() {
        return allowedOrigins.contains(ANY_ORIGIN);
    }

    public boolean allowsOrigin(String origin) {
        return origin != null && (allowsAnyOrigin() || allowedOrigins.contains(origin.toLowerCase(Locale.ROOT)));
    }

    private static String normaliseOrigin(String origin) {
        if (ANY_ORIGIN.equals(origin)) {
            return origin;
        }
        try {
            URI uri = new URI(origin);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            boolean bare = uri.getHost() != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            if (http && bare) {
                return origin.toLowerCase(Locale.ROOT);
            }
        } catch (java.net.URISyntaxException | NullPointerException e) {
            // falls through to the refusal below
        }
        throw new InvalidInput("allowedOrigins", "each entry must be '*' or an origin such as https://app.example.com");
    }
}
