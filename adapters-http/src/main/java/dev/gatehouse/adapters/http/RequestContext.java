package dev.gatehouse.adapters.http;

import dev.gatehouse.adapters.http.web.Cors;
import dev.gatehouse.adapters.http.web.FormBodyReader;
import dev.gatehouse.adapters.http.web.JsonBodyReader;
import dev.gatehouse.adapters.http.web.RootCredentials;
import dev.gatehouse.adapters.http.web.TenantSelector;
import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase;
import dev.gatehouse.application.tenants.port.in.TenantsUseCases;
import dev.gatehouse.domain.Required;
import java.time.InstantSource;

/**
 * What every controller shares: the configuration, which tenant a request names (and its CORS policy), the body
 * readers, and the root credentials (the tenant's root token or one of its secret keys).
 */
public record RequestContext(HttpConfig config, Cors cors, TenantSelector tenants, JsonBodyReader bodies,
                             FormBodyReader forms, RootCredentials rootCredentials) {
    public RequestContext {
        Required.nonNull("config", config, "cors", cors, "tenants", tenants, "bodies", bodies, "forms", forms,
                "rootCredentials", rootCredentials);
    }

    public static RequestContext create(HttpConfig config, TenantsUseCases tenants, ApiKeysUseCase apiKeys) {
        Cors cors = new Cors(tenants.resolveTenant(), tenants.allowedOrigins());
        TenantSelector selector = new TenantSelector(tenants.resolveTenant(), cors);
        return new RequestContext(config, cors, selector, new JsonBodyReader(config.maxBodyBytes()),
                new FormBodyReader(config.maxBodyBytes()), new RootCredentials(tenants.authenticateRoot(), apiKeys, selector));
    }

    public InstantSource clock() {
        return config.clock();
    }
}
