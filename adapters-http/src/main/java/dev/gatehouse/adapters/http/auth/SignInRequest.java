package dev.gatehouse.adapters.http.auth;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.util.Set;

/** The body of {@code POST /v1/auth/signin}. */
record SignInRequest(EmailAddress email, Password password) {
    static final Set<String> FIELDS = Set.of("email", "password");

    static SignInRequest from(JsonFields body) {
        return new SignInRequest(new EmailAddress(body.string("email")), new Password(body.string("password")));
    }
}
