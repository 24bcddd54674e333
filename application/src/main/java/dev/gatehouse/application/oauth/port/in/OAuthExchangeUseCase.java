package dev.gatehouse.application.oauth.port.in;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.Optional;

/** The app picks up a finished provider sign-in: through the session gate, once. */
public interface OAuthExchangeUseCase {

    /**
     * {@code POST /v1/auth/oauth/exchange}: the one-time code from the redirect (60 s, once), and the PKCE verifier
     * when the flow carried a challenge. Answers as a password sign-in does (tokens, or the second step).
     *
     * @throws dev.gatehouse.domain.error.InvalidCode for an unknown, used or expired code, or a wrong verifier
     *                                               (the code is spent either way)
     */
    SignInOutcome exchange(ExchangeCommand command);

    /**
     * StaticBackend's {@code GET /oauth/get-user}: empty until the flow of {@code requestId} finished, then once the
     * result (only to a poller from the client source that finished the flow), then empty again. A user the gate
     * would ask for a second factor gets nothing.
     */
    Optional<CompatResult> poll(PollCommand command);

    record ExchangeCommand(TenantId tenantId, String code, String codeVerifier, ClientInfo client) {
        @Override
        public String toString() {
            return "ExchangeCommand[tenant=" + tenantId + "]";
        }
    }

    record PollCommand(TenantId tenantId, String requestId, ClientInfo client) {
    }

    /** A compat sign-in: the session (its compat token) and what the provider said of the user. */
    record CompatResult(Authenticated signedIn, String email, String name, String first, String last,
                        String avatarUrl) {
    }
}
