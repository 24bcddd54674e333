package dev.gatehouse.adapters.http.auth;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.util.Set;

/** The body of {@code POST /v1/auth/signup}. */
record SignUpRequest(EmailAddress email, Password password) {
    static final Set<String> FIELDS = Set.of("email", "password");

    static SignUpRequest from(JsonFields body) {
        return new SignUpRequest(new EmailAddress(body.string("email")), new Password(body.string("password")));
    }
}
