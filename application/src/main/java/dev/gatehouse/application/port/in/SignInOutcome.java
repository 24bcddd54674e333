package dev.gatehouse.application.port.in;

/**
 * What a sign-in ends in once the credential was right: a session ({@link Authenticated}), or a second step
 * first ({@link SecondFactorRequired}). Every path that opens a session answers this, because every one goes
 * through the one session gate (docs/adr/0023-mfa-and-the-session-gate.md): password sign-in, sign-up,
 * StaticBackend's {@code /register} and {@code /login}, magic links.
 */
public sealed interface SignInOutcome permits Authenticated, SecondFactorRequired {

    /**
     * The session of this outcome, for callers that cannot do a second step and refuse it themselves.
     *
     * @throws IllegalStateException when a second factor is required
     */
    default Authenticated authenticated() {
        if (this instanceof Authenticated done) {
            return done;
        }
        throw new IllegalStateException("a second factor is required to finish this sign-in");
    }
}
