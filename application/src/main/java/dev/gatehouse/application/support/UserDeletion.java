package dev.gatehouse.application.support;

import dev.gatehouse.application.support.port.out.PersonalDataStore;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one way a user is deleted, whoever asks (the user themselves, an account admin removing a member, the root
 * token or a key): the user row (with it their provider identities and second factors), their sessions revoked,
 * what the other tables hold of them erased ({@link PersonalDataStore}), and their account when they were its last
 * member. Runs in the caller's unit of work, after the caller locked the account and let a policy decide; the
 * caller audits and hands the ended sessions to {@code SessionRevocations.revokedHere} after commit.
 */
public record UserDeletion(UserRepository users, SessionRepository sessions, PersonalDataStore personalData) {
    public UserDeletion {
        Required.nonNull("users", users, "sessions", sessions, "personal data", personalData);
    }

    /** What a deletion did. */
    public record Deleted(List<Session> endedSessions, boolean accountDeleted, PersonalDataStore.Erased erased) {
    }

    public Deleted delete(User target, Instant now) {
        // Delete, then revoke: deleting locks the user's row, so a sign-in that read the user either stored its
        // session before (and the revocation sees it) or finds the user gone. The revoked sessions stay behind, without
        // address or user agent, for the other processes' feeds until they expire.
        users.delete(target.tenantId(), target.id());
        List<Session> revoked = sessions.revokeAllOfUser(target.tenantId(), target.id(), Optional.empty(),
                RevocationReason.USER_CHANGED, now);
        PersonalDataStore.Erased erased = personalData.eraseUser(target.tenantId(), target.id(), target.email());
        boolean accountDeleted = personalData.deleteAccountIfEmpty(target.tenantId(), target.accountId());
        return new Deleted(revoked, accountDeleted, erased);
    }
}
