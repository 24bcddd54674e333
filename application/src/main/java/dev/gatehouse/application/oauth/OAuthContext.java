package dev.gatehouse.application.oauth;

import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.recovery.MailboxProofs;
import dev.gatehouse.application.sessions.SessionIssuer;
import dev.gatehouse.application.sessions.StepUp;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.SecretHashing;
import dev.gatehouse.application.tenants.TenantDirectory;
import dev.gatehouse.domain.error.InvalidInput;
import java.net.URI;

/** What the provider sign-in services share. */
record OAuthContext(TenantDirectory tenants, UserRepository users, AccountRepository accounts, OAuthKit kit,
                    SessionIssuer sessions, StepUp stepUp, MailboxProofs proofs, Essentials essentials) {
    /** 256 bits for states, nonces, PKCE verifiers, browser bindings and one-time codes. */
    static final int SECRET_BYTES = 32;

    String newSecret() {
        return essentials.secrets().newSecret(SECRET_BYTES);
    }

    static String hash(String secret) {
        return SecretHashing.sha256Hex(secret);
    }

    /** @throws InvalidInput when the server has no public URL (prod mode without GATEHOUSE_PUBLIC_URL) */
    URI requireCallback() {
        return kit.callback().orElseThrow(() -> new InvalidInput("provider", "sign-in providers need the server's"
                + " public URL: set GATEHOUSE_PUBLIC_URL (the callback to register is {GATEHOUSE_PUBLIC_URL}"
                + OAuthKit.CALLBACK_PATH + ")"));
    }

    boolean devMode() {
        return essentials.settings().devMode();
    }
}
