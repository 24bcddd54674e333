package dev.gatehouse.adapters.http.accounts;

import dev.gatehouse.adapters.http.users.RoleNames;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.util.Set;

/** The body of {@code POST /v1/account/users}: {@code {"email","password","role"?}}; the role defaults to user. */
record NewUserRequest(EmailAddress email, Password password, Role role) {
    static final Set<String> FIELDS = Set.of("email", "password", "role");

    static NewUserRequest from(JsonFields body) {
        EmailAddress email = new EmailAddress(body.string("email"));
        Password password = new Password(body.string("password"));
        String role = body.string("role");
        return new NewUserRequest(email, password, role == null ? Role.USER : RoleNames.parse("role", role));
    }
}
