package dev.gatehouse.application.recovery;

import dev.gatehouse.application.sessions.SessionRevocations;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.SecretGenerator;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The first proof of a user's mailbox (docs/adr/0014-one-time-codes-and-recovery.md): until then, whoever registered
 * the address may not be its owner and may hold a password and sessions. The first proof therefore verifies the
 * address, advances the security stamp, ends every session the user had and, for the paths that sign the owner in
 * without their password (a magic link), replaces the password set before it by one nobody knows. Every path that
 * proves a mailbox goes through here: magic-link sign-in, email verification, a provider sign-in that links by
 * verified email (a password reset sets its own new
 * password and ends every session itself).
 */
public record MailboxProofs(UserRepository users, SessionRepository sessions, SessionRevocations revocations,
                     PasswordHasher hasher, SecretGenerator secrets) {
    /**
     * A hash of a random 256-bit secret that is never stored or shown: a user with it has no usable password (every
     * password fails as a wrong one, after a real bcrypt check) until a reset sets one. Slow: call it before the
     * unit of work.
     */
    PasswordHash unusablePassword() {
        return hasher.hash(new Password(secrets.newSecret(OneTimeCodes.LINK_CODE_BYTES)));
    }

    /**
     * Inside the unit of work that accepted the proof: verifies {@code user}'s address. If it was not verified yet
     * (the first proof), also replaces the password with {@code replacement} when given and ends every session of
     * the user; call {@link #ended} with the result after the commit.
     */
    public Proof prove(User user, Optional<PasswordHash> replacement, Instant now) {
        if (!users.markEmailVerified(user.tenantId(), user.id())) {
            return new Proof(false, false, List.of());
        }
        boolean removed = replacement.filter(hash -> users.updatePasswordHash(user.tenantId(), user.id(), hash))
                .isPresent();
        List<Session> ended = sessions.revokeAllOfUser(user.tenantId(), user.id(), Optional.empty(),
                RevocationReason.MAILBOX_PROVEN, now);
        return new Proof(true, removed, ended);
    }

    /** After the commit: the sessions the proof ended are refused at once in this process. */
    public void ended(Proof proof) {
        proof.sessionsEnded().forEach(revocations::revokedHere);
    }

    /** What a proof changed: whether it was the first, whether it removed a password, which sessions it ended. */
    public record Proof(boolean first, boolean passwordRemoved, List<Session> sessionsEnded) {
    }
}
