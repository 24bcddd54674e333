package dev.gatehouse.adapters.http.compat;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;

import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.admin.port.in.ImpersonateUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import io.javalin.http.Context;

/**
 * StaticBackend's {@code GET /sudogettoken/{accountId}}: with the tenant's root token in
 * {@code Authorization: Bearer} (and its publishable key), or one of its secret keys with the
 * {@code users:write} scope there instead (403 without it), a session token (long-lived, as on every
 * compatible route) of the account's first user, for server-side work on the account's behalf. A user's
 * session token is not a root token (401); an account the tenant does not have, or one without a user who
 * may sign in, is 404. Only the root token mints a token for an account that holds the tenant's root user: a
 * secret key gets 403 there (docs/adr/0011-admin-user-management.md).
 */
public record SudoController(ImpersonateUseCase impersonate, RequestContext http) implements Endpoints {
    public static final String ACCOUNT_ID = "accountId";

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.GET, "/sudogettoken/{" + SudoController.ACCOUNT_ID + "}", this::token);
    }

    public void token(Context ctx) {
        RootAuthority root = http.rootCredentials().forCompatRoute(ctx, Scope.USERS_WRITE);
        AccountId account = AccountId.parse(ACCOUNT_ID, ctx.pathParam(ACCOUNT_ID));
        Authenticated session = impersonate.impersonateAccount(root, account, RequestClient.of(ctx));
        JsonResponses.write(ctx, 200, session.accessToken().value());
    }
}
