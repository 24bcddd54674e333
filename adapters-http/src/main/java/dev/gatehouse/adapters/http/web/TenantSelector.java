package dev.gatehouse.adapters.http.web;

import dev.gatehouse.application.tenants.port.in.ResolveTenantUseCase;
import dev.gatehouse.domain.tenant.Tenant;
import io.javalin.http.Context;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Finds the tenant a request speaks to from its publishable key, and adds that tenant's CORS headers
 * to the response (also to error responses that follow, so a browser app can read them).
 */
public final class TenantSelector {
    public static final String PUBLIC_KEY_HEADER = "SB-PUBLIC-KEY";
    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String PUBLIC_KEY_QUERY = "sbpk";

    private final ResolveTenantUseCase tenants;
    private final Cors cors;

    public TenantSelector(ResolveTenantUseCase tenants, Cors cors) {
        this.tenants = tenants;
        this.cors = cors;
    }

    /**
     * StaticBackend routes: header {@code SB-PUBLIC-KEY}, else query {@code ?sbpk=}.
     *
     * @throws dev.gatehouse.domain.error.UnknownTenant when the key is missing or unknown
     */
    public Tenant forCompatRoute(Context ctx) {
        return select(ctx, firstPresent(ctx.header(PUBLIC_KEY_HEADER), queryKey(ctx)));
    }

    /**
     * Native routes: header {@code SB-PUBLIC-KEY}, else header {@code X-API-Key}, else {@code ?sbpk=}.
     *
     * @throws dev.gatehouse.domain.error.UnknownTenant when the key is missing or unknown
     */
    public Tenant forNativeRoute(Context ctx) {
        return select(ctx, firstPresent(ctx.header(PUBLIC_KEY_HEADER), ctx.header(API_KEY_HEADER), queryKey(ctx)));
    }

    /**
     * Root routes where a secret key ({@code sk_...}, which names its own tenant) is the credential: the
     * tenant the request also names, if any, the same way as {@link #forCompatRoute} or
     * {@link #forNativeRoute}, except that an {@code X-API-Key} holding the secret key names nothing.
     *
     * @throws dev.gatehouse.domain.error.UnknownTenant when a named key is unknown
     */
    public Optional<Tenant> besideSecretKey(Context ctx, boolean nativeRoute) {
        String apiKey = nativeRoute ? blankToNull(ctx.header(API_KEY_HEADER)) : null;
        if (apiKey != null && RootCredentials.isSecretKey(apiKey)) {
            apiKey = null;
        }
        String named = firstPresent(ctx.header(PUBLIC_KEY_HEADER), apiKey, queryKey(ctx));
        return named == null ? Optional.empty() : Optional.of(select(ctx, named));
    }

    /**
     * Routes where the tenant is optional and named only by the URL ({@code ?sbpk=}), so that a shared
     * cache keyed on the URL never serves one tenant's answer for another's: empty when the query names
     * no key (absent or blank); the headers are not consulted.
     *
     * @throws dev.gatehouse.domain.error.UnknownTenant when {@code sbpk} is unknown or unreadable
     */
    public Optional<Tenant> fromQueryIfNamed(Context ctx) {
        String raw = ctx.queryString();
        if (!QueryParameters.has(raw, PUBLIC_KEY_QUERY)) {
            return Optional.empty();
        }
        String value = QueryParameters.first(raw, PUBLIC_KEY_QUERY);
        if (value != null && value.isBlank()) {
            return Optional.empty();
        }
        // null here: the parameter is present but its value is not valid percent-encoding
        return Optional.of(select(ctx, value == null ? null : value.strip()));
    }

    private Tenant select(Context ctx, String publishableKey) {
        Tenant tenant = tenants.byPublishableKey(publishableKey);
        cors.allowForTenant(ctx, tenant);
        ctx.attribute(RequestClient.TENANT_PROXIES, tenant.settings().trustedProxies());
        MDC.put(RequestFilter.MDC_TENANT_ID, tenant.id().toString()); // the request's later log lines name it
        return tenant;
    }

    static String queryKey(Context ctx) {
        return blankToNull(QueryParameters.first(ctx.queryString(), PUBLIC_KEY_QUERY));
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            String value = blankToNull(candidate);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
