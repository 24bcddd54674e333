package dev.gatehouse.adapters.http.compat;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.application.accounts.port.in.AccountsUseCases;

import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.application.accounts.port.in.ListAccountUsersUseCase;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * StaticBackend's account-user routes: {@code POST /account/users}, {@code GET /account/users} and
 * {@code DELETE /account/users/{id}}, for a signed-in user of the tenant. Who may do what is decided by
 * the use cases (account admins add and remove; nobody sees or touches another account's users except the
 * tenant's root user; another account's user is 404, never 403).
 */
public record AccountUsersController(AccountsUseCases accounts, AuthenticateUseCase authenticate, RequestContext http)
        implements Endpoints {
    public static final String USER_ID = "id";
    /** StaticBackend answers the whole list at once; Gatehouse stops after this many users. */
    public static final int MAX_LISTED = 10_000;
    /** Set to {@code true} on a list that stopped at {@link #MAX_LISTED}. */
    public static final String TRUNCATED_HEADER = "X-Gatehouse-List-Truncated";
    private static final int PAGE_SIZE = 100;

    @Override
    public void register(Routes routes) {
        String users = "/account/users";
        routes.add(HandlerType.POST, users, this::add);
        routes.add(HandlerType.GET, users, this::list);
        routes.add(HandlerType.DELETE, "/account/users/{" + USER_ID + "}", this::remove);
    }

    /**
     * {@code POST /account/users} {@code {"email","password"}}: adds a user with role 0 to the caller's
     * account (other fields, such as a role, are ignored) and answers it. Account admins only (403 for role 0).
     */
    public void add(Context ctx) {
        Principal principal = principal(ctx);
        CredentialsRequest request = CredentialsRequest.from(http.bodies().read(ctx, CredentialsRequest.FIELDS));
        User added = accounts.addAccountUser().add(principal, new AddAccountUserUseCase.Command(Optional.empty(),
                request.email(), request.password(), Role.USER, RequestClient.of(ctx)));
        JsonResponses.write(ctx, 200, CompatUserResponse.from(added));
    }

    /**
     * {@code GET /account/users}: every user of the caller's account as one array, oldest first, read page
     * by page; stops after {@link #MAX_LISTED} users and then says so in {@link #TRUNCATED_HEADER}.
     */
    public void list(Context ctx) {
        Principal principal = principal(ctx);
        List<CompatUserResponse> users = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ListAccountUsersUseCase.Page page = accounts.listAccountUsers().list(principal, page(cursor, PAGE_SIZE));
            page.users().forEach(user -> users.add(CompatUserResponse.from(user)));
            cursor = page.nextCursor();
        } while (cursor.isPresent() && users.size() < MAX_LISTED);
        // pages hold at most PAGE_SIZE, a divisor of MAX_LISTED: the list never exceeds it. A full last page
        // carries a cursor whether or not more follow; one more read of one user tells.
        if (cursor.isPresent() && !accounts.listAccountUsers().list(principal, page(cursor, 1)).users().isEmpty()) {
            ctx.header(TRUNCATED_HEADER, "true");
        }
        JsonResponses.write(ctx, 200, users);
    }

    private static ListAccountUsersUseCase.Query page(Optional<String> cursor, int limit) {
        return new ListAccountUsersUseCase.Query(Optional.empty(), Optional.empty(), Optional.empty(), cursor, limit);
    }

    /**
     * {@code DELETE /account/users/{id}}: answers {@code true}. 404 for an unknown id or, unless the caller is
     * root, another account's user; 403 for role 0 or a target of higher role; 409 for the last admin.
     */
    public void remove(Context ctx) {
        Principal principal = principal(ctx);
        UserId id = UserId.parse(USER_ID, ctx.pathParam(USER_ID));
        accounts.removeAccountUser().remove(principal, id, RequestClient.of(ctx));
        JsonResponses.write(ctx, 200, Boolean.TRUE);
    }

    private Principal principal(Context ctx) {
        Tenant tenant = http.tenants().forCompatRoute(ctx);
        return authenticate.authenticate(tenant.id(), BearerToken.from(ctx));
    }
}
