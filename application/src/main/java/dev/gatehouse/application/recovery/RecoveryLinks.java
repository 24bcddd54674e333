package dev.gatehouse.application.recovery;

import dev.gatehouse.application.tenants.port.in.SeedDevTenantUseCase;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.tenant.Tenant;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where recovery links may point: one of the tenant's allowed redirect URLs. In dev mode the dev tenant
 * allows any http(s) URL, so StaticBackend's examples work as written; every other tenant follows its
 * settings. Other features whose mails carry a link to the app (invitations) check it here too.
 */
public final class RecoveryLinks {
    private final boolean devMode;

    RecoveryLinks(boolean devMode) {
        this.devMode = devMode;
    }

    boolean isLenient(Tenant tenant) {
        return devMode && SeedDevTenantUseCase.DEV_PUBLIC_KEY.equals(tenant.publicKey());
    }

    /**
     * The link base for a mail: the requested URL when allowed, else (none requested) the tenant's first
     * allowed redirect URL in sorted order, else none.
     *
     * @throws InvalidInput naming {@code field} when the requested URL is not allowed
     */
    Optional<String> base(Tenant tenant, Optional<String> requested, String field) {
        if (requested.isPresent() && !requested.get().isBlank()) {
            return Optional.of(requireAllowed(tenant, requested.get(), field));
        }
        return tenant.settings().allowedRedirectUrls().stream().sorted().findFirst();
    }

    /** @throws InvalidInput naming {@code field} unless {@code url} may be a link target of the tenant */
    public String requireAllowed(Tenant tenant, String url, String field) {
        String value = url == null ? "" : url.strip();
        if (value.isEmpty()) {
            throw new InvalidInput(field, "is required");
        }
        if (tenant.settings().allowsRedirectUrl(value) || isLenient(tenant) && isHttpUrl(value)) {
            return value;
        }
        throw new InvalidInput(field, "must be one of the tenant's allowed redirect URLs (settings: allowedRedirectUrls)");
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
