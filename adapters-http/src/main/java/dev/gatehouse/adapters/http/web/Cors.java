package dev.gatehouse.adapters.http.web;

import dev.gatehouse.application.tenants.port.in.ListAllowedOriginsUseCase;
import dev.gatehouse.application.tenants.port.in.ResolveTenantUseCase;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantSettings;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CORS by hand, per tenant. A preflight names no tenant (browsers send no custom headers with it), so
 * it is answered from {@code ?sbpk=}'s tenant when present, otherwise from the union of every tenant's
 * origins; an actual response follows the tenant the request selected. An origin a tenant lists
 * explicitly may send credentials; one allowed only through {@code *} is echoed without credentials;
 * any other origin gets no {@code Access-Control-*} header at all.
 */
public final class Cors {
    public static final String ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    public static final String ALLOW_HEADERS = "Content-Type, Authorization, SB-PUBLIC-KEY, X-API-Key, X-Request-Id";
    /** The request id, and the mark of a truncated {@code GET /account/users} (see AccountUsersController). */
    public static final String EXPOSE_HEADERS = "X-Request-Id, X-Gatehouse-List-Truncated";
    public static final String MAX_AGE_SECONDS = "600";
    private static final int MAX_ORIGIN_LENGTH = 255;
    /** {@code scheme://host[:port]} with nothing else, or the opaque origin {@code null}. */
    private static final Pattern ORIGIN = Pattern.compile(
            "[a-z][a-z0-9+.-]*://(\\[[0-9a-f:.]+]|[^\\s/?#@\\[\\]:]+)(:[0-9]{1,5})?|null");

    private enum Grant { NONE, WITHOUT_CREDENTIALS, WITH_CREDENTIALS }

    private final ResolveTenantUseCase tenants;
    private final ListAllowedOriginsUseCase origins;

    public Cors(ResolveTenantUseCase tenants, ListAllowedOriginsUseCase origins) {
        this.tenants = tenants;
        this.origins = origins;
    }

    /** Answers an {@code OPTIONS} request: 204, with CORS headers when the origin is allowed. */
    public void preflight(Context ctx, Set<String> allowedMethods) {
        ctx.status(204);
        ctx.header("Allow", String.join(", ", allowedMethods));
        String origin = origin(ctx);
        if (origin == null) {
            return;
        }
        Grant grant = preflightGrant(ctx, origin);
        if (grant == Grant.NONE) {
            return;
        }
        allowOrigin(ctx, origin, grant);
        ctx.header("Access-Control-Allow-Methods", ALLOW_METHODS);
        ctx.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
        ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
    }

    /** Adds the CORS headers of an actual response, once the request has selected its tenant. */
    void allowForTenant(Context ctx, Tenant tenant) {
        String origin = origin(ctx);
        if (origin == null) {
            return;
        }
        Grant grant = grant(tenant.settings().allowedOrigins(), origin);
        if (grant != Grant.NONE) {
            allowOrigin(ctx, origin, grant);
            ctx.header("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
    }

    private Grant preflightGrant(Context ctx, String origin) {
        String publicKey = TenantSelector.queryKey(ctx);
        if (publicKey == null) {
            return grant(origins.allowedOriginsOfAllTenants(), origin);
        }
        try {
            return grant(tenants.byPublishableKey(publicKey).settings().allowedOrigins(), origin);
        } catch (UnknownTenant unknown) {
            return Grant.NONE;
        }
    }

    /** Same rule as {@link TenantSettings#allowsOrigin}, plus: credentials only for a listed origin. */
    private static Grant grant(Set<String> allowed, String origin) {
        if (allowed.contains(origin.toLowerCase(Locale.ROOT))) {
            return Grant.WITH_CREDENTIALS;
        }
        return allowed.contains(TenantSettings.ANY_ORIGIN) ? Grant.WITHOUT_CREDENTIALS : Grant.NONE;
    }

    private static void allowOrigin(Context ctx, String origin, Grant grant) {
        ctx.header("Access-Control-Allow-Origin", origin);
        if (grant == Grant.WITH_CREDENTIALS) {
            ctx.header("Access-Control-Allow-Credentials", "true");
        }
    }

    /** The request's Origin when it is a well-formed origin (anything else is never echoed). */
    private static String origin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origin.length() > MAX_ORIGIN_LENGTH
                || !ORIGIN.matcher(origin.toLowerCase(Locale.ROOT)).matches()) {
            return null;
        }
        return origin;
    }
}
