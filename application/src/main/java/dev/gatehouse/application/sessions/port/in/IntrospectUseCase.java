package dev.gatehouse.application.sessions.port.in;

import dev.gatehouse.application.port.in.RootAuthority;

import dev.gatehouse.domain.session.Principal;
import java.util.Optional;

/**
 * RFC 7662-style token introspection for back-end services that prefer asking over verifying: is this
 * access token active right now (valid signature and claims, session not ended, user still allowed in)?
 */
public interface IntrospectUseCase {

    /** Never throws for a bad token: an inactive token is an answer, not an error. */
    Introspection introspect(RootAuthority authority, String token);

    record Introspection(boolean active, Optional<Principal> principal) {
        public static final Introspection INACTIVE = new Introspection(false, Optional.empty());
    }
}
