package dev.gatehouse.adapters.http.compat;

import dev.gatehouse.adapters.http.BearerToken;
import dev.gatehouse.adapters.http.JsonResponses;
import dev.gatehouse.adapters.http.RequestClient;
import dev.gatehouse.adapters.http.TenantSelector;
import dev.gatehouse.application.port.in.AuthenticateRootUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.ImpersonateUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.tenant.Tenant;
import io.javalin.http.Context;

/**
 * StaticBackend's {@code GET /sudogettoken/{accountId}}: with the tenant's root token in
 * {@code Authorization: Bearer}, a session token (long-lived, as on every compatible route) of the
 * account's first user, for server-side work on the account's behalf. A user's session token is not a
 * root token (401); an account the tenant does not have, or one without a user who may sign in, is 404.
 */
public final class SudoController {
    public static final String ACCOUNT_ID = "accountId";

    private final AuthenticateRootUseCase authenticateRoot;
    private final ImpersonateUseCase impersonate;
    private final TenantSelector tenants;

    public SudoController(AuthenticateRootUseCase authenticateRoot, ImpersonateUseCase impersonate,
                          TenantSelector tenants) {
        this.authenticateRoot = authenticateRoot;
        this.impersonate = impersonate;
        this.tenants = tenants;
    }

    public void token(Context ctx) {
        Tenant tenant = tenants.forCompatRoute(ctx);
        RootAuthority root = authenticateRoot.authenticateRoot(tenant.id(), BearerToken.from(ctx));
        AccountId account = AccountId.parse(ACCOUNT_ID, ctx.pathParam(ACCOUNT_ID));
        Authenticated session = impersonate.impersonateAccount(root, account, RequestClient.of(ctx));
        JsonResponses.write(ctx, 200, session.accessToken().value());
    }
}
