package dev.gatehouse.adapters.http.invitations;

import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.auth.SignInResponses;
import dev.gatehouse.adapters.http.users.UserListQuery;
import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.adapters.http.web.RootCredentials;
import dev.gatehouse.application.invitations.port.in.AcceptInvitationUseCase;
import dev.gatehouse.application.invitations.port.in.InvitationUseCases;
import dev.gatehouse.application.invitations.port.in.InvitationsUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.invitation.InvitationId;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.Password;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.Set;

/**
 * Invitations on the native API (docs/users.md#invitations). {@code /v1/account/invitations} takes a signed-in account
 * admin's access token (their own account) or root credentials, the root token or a secret key ({@code users:write}
 * to invite and revoke, {@code users:read} to list), which name the account. A bearer token is taken for a user's
 * access token first, for the root token when it is none. The caller is authenticated before the body, query or path id is
 * read. {@code POST /v1/invitations/accept} needs only the publishable key and the link's token; an existing user adds
 * their own access token (ADR 0026). It answers as {@code /v1/auth/signin} does.
 */
public record InvitationsController(InvitationUseCases invitations, AuthenticateUseCase authenticate,
                                    RequestContext http) implements Endpoints {
    public static final String INVITATION_ID = "id";
    private static final Set<String> ACCEPT = Set.of("token", "password");

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.POST, "/v1/account/invitations", this::invite);
        routes.add(HandlerType.GET, "/v1/account/invitations", this::list);
        routes.add(HandlerType.DELETE, "/v1/account/invitations/{" + INVITATION_ID + "}", this::revoke);
        routes.add(HandlerType.POST, "/v1/invitations/accept", this::accept);
    }

    /** {@code POST /v1/account/invitations}: 201 with the invitation; the mail is on its way. */
    public void invite(Context ctx) {
        InvitationsUseCase uses = invitations.invitations();
        Caller caller = caller(ctx, Scope.USERS_WRITE);
        InvitationsUseCase.Command command = InvitationRequest.from(http.bodies().read(ctx, InvitationRequest.FIELDS))
                .command(RequestClient.of(ctx));
        JsonResponses.write(ctx, 201, InvitationResponse.from(caller.root() != null
                ? uses.invite(caller.root(), command) : uses.invite(caller.member(), command)));
    }

    /** {@code GET /v1/account/invitations?limit=&cursor=&accountId=}: 200 with one page of pending ones, oldest first. */
    public void list(Context ctx) {
        InvitationsUseCase uses = invitations.invitations();
        Caller caller = caller(ctx, Scope.USERS_READ);
        InvitationsUseCase.Query query = query(ctx);
        JsonResponses.write(ctx, 200, InvitationResponse.Page.from(caller.root() != null
                ? uses.list(caller.root(), query) : uses.list(caller.member(), query)));
    }

    /** {@code DELETE /v1/account/invitations/{id}}: 204 once the link no longer works. */
    public void revoke(Context ctx) {
        InvitationsUseCase uses = invitations.invitations();
        Caller caller = caller(ctx, Scope.USERS_WRITE);
        if (caller.root() != null) {
            uses.revoke(caller.root(), id(ctx), RequestClient.of(ctx));
        } else {
            uses.revoke(caller.member(), id(ctx), RequestClient.of(ctx));
        }
        ctx.status(204);
    }

    /** {@code POST /v1/invitations/accept} {@code {"token","password"?}}: 200 as a sign-in answers. */
    public void accept(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        String bearer = BearerToken.from(ctx);
        Optional<Principal> signedIn = bearer == null ? Optional.empty()
                : Optional.of(authenticate.authenticate(tenant.id(), bearer));
        JsonFields body = http.bodies().read(ctx, ACCEPT);
        String password = body.string("password");
        SignInResponses.write(ctx, 200, invitations.acceptInvitation().accept(new AcceptInvitationUseCase.Command(
                tenant.id(), body.string("token"), Optional.ofNullable(password).map(Password::new), signedIn,
                RequestClient.of(ctx), TokenProfile.NATIVE)), http.clock().instant());
    }

    /** A signed-in user ({@code member}) or root credentials ({@code root}): exactly one is set. */
    private record Caller(Principal member, RootAuthority root) {
    }

    /**
     * Who calls: root credentials for a secret key; otherwise the bearer token as a user's access token, or, when it
     * is none, as the tenant's root token. A credential that is neither is refused as the access token it was taken
     * for first (401); root credentials without {@code scope} are 403.
     */
    private Caller caller(Context ctx, Scope scope) {
        if (RootCredentials.presentsSecretKey(ctx)) {
            return new Caller(null, http.rootCredentials().forNativeRoute(ctx, scope));
        }
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        String bearer = BearerToken.from(ctx);
        try {
            return new Caller(authenticate.authenticate(tenant.id(), bearer), null);
        } catch (Unauthenticated notAUser) {
            if (bearer == null) {
                throw notAUser;
            }
            try {
                return new Caller(null, http.rootCredentials().forNativeRoute(ctx, scope));
            } catch (Unauthenticated notRoot) {
                throw notAUser;
            }
        }
    }

    private static InvitationId id(Context ctx) {
        return InvitationId.parse(INVITATION_ID, ctx.pathParam(INVITATION_ID));
    }

    private static InvitationsUseCase.Query query(Context ctx) {
        String raw = ctx.queryString();
        return new InvitationsUseCase.Query(UserListQuery.value(raw, "accountId")
                .map(id -> AccountId.parse("accountId", id)), UserListQuery.value(raw, "cursor"),
                UserListQuery.limit(raw));
    }
}
