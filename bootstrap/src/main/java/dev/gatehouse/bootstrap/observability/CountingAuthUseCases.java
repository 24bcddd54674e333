package dev.gatehouse.bootstrap.observability;

import dev.gatehouse.application.auth.port.in.AuthUseCases;
import dev.gatehouse.application.auth.port.in.ExternalTokenUseCase;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import io.micrometer.core.instrument.Counter;

/**
 * The auth feature as the HTTP adapter sees it, with password sign-ins that ask for a second step counted as
 * {@code gatehouse_logins_total{outcome="mfa_required"}}: that answer is no audit event (nothing happened yet), so
 * it is counted where the use case gives it. The other outcomes come from the audit log ({@link AuditEventCounters}).
 */
record CountingAuthUseCases(AuthUseCases delegate, Counter mfaRequired) implements AuthUseCases {
    @Override
    public RegisterUserUseCase registerUser() {
        return delegate.registerUser();
    }

    @Override
    public LoginUseCase login() {
        LoginUseCase login = delegate.login();
        return command -> {
            var outcome = login.login(command);
            if (outcome instanceof SecondFactorRequired) {
                mfaRequired.increment();
            }
            return outcome;
        };
    }

    @Override
    public ExternalTokenUseCase externalTokens() {
        return delegate.externalTokens();
    }
}
