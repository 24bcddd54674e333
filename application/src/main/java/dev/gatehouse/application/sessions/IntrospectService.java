package dev.gatehouse.application.sessions;

import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.application.sessions.port.in.IntrospectUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.error.DomainError;
import dev.gatehouse.domain.error.StorageUnavailable;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;
import java.util.Optional;

record IntrospectService(AuthenticateUseCase authenticate, UserRepository users) implements IntrospectUseCase {
    @Override
    public Introspection introspect(RootAuthority authority, String token) {
        authority.require(Scope.TOKENS_INTROSPECT);
        try {
            Principal principal = authenticate.authenticate(authority.tenantId(), token);
            boolean userActive = users.findById(principal.tenantId(), principal.userId()).filter(User::maySignIn)
                    .isPresent();
            return userActive ? new Introspection(true, Optional.of(principal)) : Introspection.INACTIVE;
        } catch (StorageUnavailable outage) {
            throw outage; // "inactive" would make the resource server drop a session that may be good: retry later
        } catch (DomainError notActive) {
            return Introspection.INACTIVE;
        }
    }
}
