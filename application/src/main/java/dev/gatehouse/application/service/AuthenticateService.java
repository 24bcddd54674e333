package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AuthenticateUseCase;
import dev.gatehouse.application.port.out.TokenVerifier;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.TenantId;

final class AuthenticateService implements AuthenticateUseCase {
    private final TokenVerifier verifier;

    AuthenticateService(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Principal authenticate(TenantId tenantId, String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new Unauthenticated(Unauthenticated.Reason.MISSING);
        }
        return verifier.verify(tenantId, bearerToken);
    }
}
