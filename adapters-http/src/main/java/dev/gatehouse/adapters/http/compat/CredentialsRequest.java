package dev.gatehouse.adapters.http.compat;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.util.Set;

/**
 * The body of {@code POST /register} and {@code POST /login}: {@code {"email","password"}}. Other fields
 * (the JS client may send {@code accountId} on login) are ignored.
 */
record CredentialsRequest(EmailAddress email, Password password) {
    static final Set<String> FIELDS = Set.of("email", "password");

    /** @throws dev.gatehouse.domain.error.InvalidInput when a field is missing, mistyped or invalid */
    static CredentialsRequest from(JsonFields body) {
        return new CredentialsRequest(new EmailAddress(body.string("email")), new Password(body.string("password")));
    }
}
