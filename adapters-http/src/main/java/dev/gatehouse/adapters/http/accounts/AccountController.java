package dev.gatehouse.adapters.http.accounts;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.application.accounts.port.in.AccountsUseCases;

import dev.gatehouse.adapters.http.users.RoleNames;
import dev.gatehouse.adapters.http.users.UserListQuery;
import dev.gatehouse.adapters.http.users.UserPageResponse;
import dev.gatehouse.adapters.http.users.UserResponse;

import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.application.accounts.port.in.ListAccountUsersUseCase;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.UserId;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The signed-in user's account on the native API: {@code GET|PATCH /v1/account} and its users under
 * {@code /v1/account/users}. The use cases decide who may do what: members read, account admins change;
 * a user of another account (unless the caller is the tenant's root user) or of another tenant is 404,
 * never 403, so ids reveal nothing. Every route authenticates before it reads the body or the path id.
 */
public record AccountController(AccountsUseCases accounts, AuthenticateUseCase authenticate, RequestContext http)
        implements Endpoints {
    public static final String USER_ID = "id";

    @Override
    public void register(Routes routes) {
        String account = "/v1/account";
        String users = "/v1/account/users";
        String user = "/v1/account/users/{" + USER_ID + "}";
        routes.add(HandlerType.GET, account, this::get);
        routes.add(HandlerType.PATCH, account, this::rename);
        routes.add(HandlerType.GET, users, this::listUsers);
        routes.add(HandlerType.POST, users, this::addUser);
        routes.add(HandlerType.PATCH, user, this::changeRole);
        routes.add(HandlerType.DELETE, user, this::removeUser);
    }

    /** {@code GET /v1/account}: 200 with the caller's account and its member count. */
    public void get(Context ctx) {
        Principal principal = principal(ctx);
        JsonResponses.write(ctx, 200, AccountResponse.from(accounts.account().get(principal)));
    }

    /** {@code PATCH /v1/account} {@code {"name"}}: 200 with the renamed account; 403 below account admin. */
    public void rename(Context ctx) {
        Principal principal = principal(ctx);
        RenameAccountRequest request = RenameAccountRequest.from(http.bodies().read(ctx, RenameAccountRequest.FIELDS));
        JsonResponses.write(ctx, 200, AccountResponse.from(accounts.account().rename(principal, request.name())));
    }

    /** {@code GET /v1/account/users?limit=&cursor=&role=&emailPrefix=}: 200 with one page, oldest first. */
    public void listUsers(Context ctx) {
        Principal principal = principal(ctx);
        ListAccountUsersUseCase.Page page = accounts.listAccountUsers().list(principal,
                UserListQuery.from(ctx.queryString()));
        JsonResponses.write(ctx, 200, UserPageResponse.from(page));
    }

    /**
     * {@code POST /v1/account/users} {@code {"email","password","role"?}}: 201 with the new user. Under the tenant's
     * {@code signupEnumerationProtection}, 202 {@code {"accepted":true,"email","role"}} for a taken address and a free
     * one alike (the free one is added, the owner of the taken one is sent a notice).
     */
    public void addUser(Context ctx) {
        Principal principal = principal(ctx);
        NewUserRequest request = NewUserRequest.from(http.bodies().read(ctx, NewUserRequest.FIELDS));
        AddAccountUserUseCase.AddOutcome outcome = accounts.addAccountUser().addAnsweringAlike(principal,
                new AddAccountUserUseCase.Command(Optional.empty(), request.email(), request.password(), request.role(),
                        RequestClient.of(ctx)));
        switch (outcome) {
            case AddAccountUserUseCase.AddOutcome.Added added ->
                    JsonResponses.write(ctx, 201, UserResponse.member(added.user()));
            case AddAccountUserUseCase.AddOutcome.Accepted accepted -> JsonResponses.write(ctx, 202,
                    new AcceptedUserResponse(true, accepted.email().value(), RoleNames.name(accepted.role())));
        }
    }

    /** The answer of an addition under enumeration protection: the same for a taken and a free address. */
    record AcceptedUserResponse(boolean accepted, String email, String role) {
    }

    /** {@code PATCH /v1/account/users/{id}} {@code {"role"}}: 200 with the user as changed; their sessions end. */
    public void changeRole(Context ctx) {
        Principal principal = principal(ctx);
        UserId id = UserId.parse(USER_ID, ctx.pathParam(USER_ID));
        RoleRequest request = RoleRequest.from(http.bodies().read(ctx, RoleRequest.FIELDS));
        JsonResponses.write(ctx, 200, UserResponse.member(accounts.changeUserRole().changeRole(principal, id,
                request.role(), RequestClient.of(ctx))));
    }

    /** {@code DELETE /v1/account/users/{id}}: 204 once the user and their sessions are gone. */
    public void removeUser(Context ctx) {
        Principal principal = principal(ctx);
        accounts.removeAccountUser().remove(principal, UserId.parse(USER_ID, ctx.pathParam(USER_ID)),
                RequestClient.of(ctx));
        ctx.status(204);
    }

    private Principal principal(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        return authenticate.authenticate(tenant.id(), BearerToken.from(ctx));
    }
}
