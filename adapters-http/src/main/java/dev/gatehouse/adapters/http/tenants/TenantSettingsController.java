package dev.gatehouse.adapters.http.tenants;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;

import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.tenants.port.in.TenantSettingsUseCase;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.tenant.TenantSettings;
import io.javalin.http.Context;

/**
 * {@code GET|PATCH /v1/admin/settings}: the tenant's settings under root authority with {@code settings:admin}.
 * PATCH takes a JSON merge patch (see {@link TenantSettingsJson}) and answers 200 with the settings as stored;
 * secrets are never shown.
 */
public record TenantSettingsController(TenantSettingsUseCase settings, RequestContext http) implements Endpoints {
    @Override
    public void register(Routes routes) {
        String path = "/v1/admin/settings";
        routes.add(HandlerType.GET, path, this::get);
        routes.add(HandlerType.PATCH, path, this::patch);
    }

    public void get(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.SETTINGS_ADMIN);
        JsonResponses.write(ctx, 200, TenantSettingsJson.render(settings.get(authority)));
    }

    public void patch(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.SETTINGS_ADMIN);
        TenantSettingsUseCase.Change change = TenantSettingsJson.patch(http.bodies().readObject(ctx));
        TenantSettings stored = settings.change(authority, change, RequestClient.of(ctx));
        JsonResponses.write(ctx, 200, TenantSettingsJson.render(stored));
    }
}
