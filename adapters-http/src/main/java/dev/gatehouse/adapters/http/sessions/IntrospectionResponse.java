package dev.gatehouse.adapters.http.sessions;

import dev.gatehouse.adapters.http.users.RoleNames;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.application.sessions.port.in.IntrospectUseCase.Introspection;
import dev.gatehouse.domain.session.Principal;

/**
 * RFC 7662's answer: {@code {"active": false}} and nothing more for a token that is not active now;
 * for an active one its claims (times in seconds since the epoch) and {@code token_type}. {@code iss} is
 * left out: the issuer is configured where tokens are signed, not known here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record IntrospectionResponse(boolean active, String sub, String aud, Long exp, Long iat, String jti, String sid,
                             String acc, String role, @JsonProperty("token_type") String tokenType) {
    private static final IntrospectionResponse INACTIVE =
            new IntrospectionResponse(false, null, null, null, null, null, null, null, null, null);

    static IntrospectionResponse from(Introspection introspection) {
        if (!introspection.active() || introspection.principal().isEmpty()) {
            return INACTIVE;
        }
        Principal principal = introspection.principal().get();
        return new IntrospectionResponse(true, principal.userId().toString(), principal.tenantId().toString(),
                principal.expiresAt().getEpochSecond(), principal.issuedAt().getEpochSecond(), principal.tokenId(),
                principal.sessionId().toString(), principal.accountId().toString(), RoleNames.name(principal.role()),
                "Bearer");
    }
}
