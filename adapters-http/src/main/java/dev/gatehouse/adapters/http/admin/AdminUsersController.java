package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapters.http.users.ProfilePatch;
import dev.gatehouse.application.lifecycle.port.in.LifecycleUseCases;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.user.User;
import java.util.Optional;
import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;

import dev.gatehouse.adapters.http.users.UserResponse;

import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.admin.port.in.AdminUsersUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.user.UserId;
import io.javalin.http.Context;

/**
 * The tenant's users under root authority (root token, or a secret key with {@code users:read} to read and
 * {@code users:write} to change): {@code GET /v1/admin/users}, {@code GET|PATCH|DELETE /v1/admin/users/{id}}.
 * A user of another tenant is 404, like one that exists nowhere. The credential and its scope are checked
 * before the query, the path id or the body is read.
 */
public record AdminUsersController(AdminUsersUseCase users, LifecycleUseCases lifecycle, RequestContext http)
        implements Endpoints {
    public static final String USER_ID = "id";

    @Override
    public void register(Routes routes) {
        String user = "/v1/admin/users/{" + USER_ID + "}";
        routes.add(HandlerType.GET, "/v1/admin/users", this::list);
        routes.add(HandlerType.GET, "/v1/admin/users/export", this::export); // before {id}, which it would match
        routes.add(HandlerType.GET, user, this::get);
        routes.add(HandlerType.PATCH, user, this::change);
        routes.add(HandlerType.DELETE, user, this::delete);
    }

    /**
     * {@code GET /v1/admin/users?limit=&cursor=&emailPrefix=&role=&accountId=&status=}: 200 with one page of the
     * tenant's users, oldest first.
     */
    public void list(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.USERS_READ);
        AdminUsersUseCase.Page page = users.list(authority, AdminUserListQuery.from(ctx.queryString()));
        JsonResponses.write(ctx, 200, AdminUserPageResponse.from(page));
    }

    /** {@code GET /v1/admin/users/{id}}: 200 with the user. */
    public void get(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.USERS_READ);
        UserId id = UserId.parse(USER_ID, ctx.pathParam(USER_ID));
        JsonResponses.write(ctx, 200, UserResponse.from(users.get(authority, id)));
    }

    /**
     * {@code PATCH /v1/admin/users/{id}} {@code {"role"?, "accountId"?, "status"?, "name"?, "avatarUrl"?,
     * "metadata"?}}: 200 with the user as changed. A membership change ends the user's sessions unless it only
     * re-enables; a profile change (a JSON merge patch, as on {@code PATCH /v1/me}) ends none.
     */
    public void change(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.USERS_WRITE);
        UserId id = UserId.parse(USER_ID, ctx.pathParam(USER_ID));
        ObjectNode body = http.bodies().readObject(ctx);
        ProfilePatch.refuseUnknown(body, UserChangeRequest.FIELDS, "PATCH /v1/admin/users/{id}");
        Optional<UserChangeRequest> membership = UserChangeRequest.from(body);
        ProfilePatch profile = ProfilePatch.of(body);
        if (membership.isEmpty() && profile.isEmpty()) {
            throw new InvalidInput("body", "give at least one of role, accountId, status, name, avatarUrl, metadata");
        }
        User changed = membership.isPresent()
                ? users.change(authority, id, membership.get().change(), RequestClient.of(ctx)) : null;
        if (!profile.isEmpty()) {
            changed = lifecycle.updateUserProfile().update(authority, id, profile.edit(), RequestClient.of(ctx));
        }
        JsonResponses.write(ctx, 200, UserResponse.from(changed));
    }

    /**
     * {@code GET /v1/admin/users/export[?includePasswordHashes=true]}: 200, an NDJSON stream of every user of the
     * tenant, oldest first, without secrets; the password hashes only with the root token itself.
     */
    public void export(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.USERS_READ);
        boolean hashes = ExportedUser.includeHashes(ctx.queryParam("includePasswordHashes"));
        ExportedUser.Stream stream = new ExportedUser.Stream(ctx, hashes);
        lifecycle.exportUsers().export(authority, hashes, stream::write);
        stream.finish();
    }

    /** {@code DELETE /v1/admin/users/{id}}: 204 once the user and their sessions are gone. */
    public void delete(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.USERS_WRITE);
        users.delete(authority, UserId.parse(USER_ID, ctx.pathParam(USER_ID)), RequestClient.of(ctx));
        ctx.status(204);
    }
}
