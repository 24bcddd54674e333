package dev.gatehouse.adapters.http.recovery;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.application.recovery.port.in.PasswordResetUseCase;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.util.Set;

/**
 * The body of a password reset, {@code {"email","code","password"}}, the same on both APIs
 * ({@code POST /v1/auth/password/reset} and StaticBackend's {@code POST /password/reset}). A missing code is an
 * empty one, which no code matches.
 */
public record PasswordResetRequest(EmailAddress email, String code, Password password) {
    public static final Set<String> FIELDS = Set.of("email", "code", "password");

    /** @throws dev.gatehouse.domain.error.InvalidInput when the address or the password is missing or invalid */
    public static PasswordResetRequest from(JsonFields body) {
        EmailAddress email = new EmailAddress(body.string("email"));
        String code = body.string("code");
        return new PasswordResetRequest(email, code == null ? "" : code, new Password(body.string("password")));
    }

    public PasswordResetUseCase.ResetCommand command(TenantId tenant, ClientInfo client) {
        return new PasswordResetUseCase.ResetCommand(tenant, email, code, password, client);
    }
}
