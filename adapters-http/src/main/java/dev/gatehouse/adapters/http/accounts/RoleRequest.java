package dev.gatehouse.adapters.http.accounts;

import dev.gatehouse.adapters.http.users.RoleNames;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.domain.role.Role;
import java.util.Set;

/** The body of {@code PATCH /v1/account/users/{id}}: {@code {"role"}}, required. */
record RoleRequest(Role role) {
    static final Set<String> FIELDS = Set.of("role");

    static RoleRequest from(JsonFields body) {
        return new RoleRequest(RoleNames.parse("role", body.string("role")));
    }
}
