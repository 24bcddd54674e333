package dev.gatehouse.application.lifecycle;

import dev.gatehouse.application.lifecycle.port.in.DeleteOwnUserUseCase;
import dev.gatehouse.application.mfa.port.in.ReauthenticateUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.sessions.SessionRevocations;
import dev.gatehouse.application.sessions.StepUp;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.UserDeletion;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.policy.UserAdministrationPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Self-service deletion. Step-up first (a password given re-authenticates the session through the same use case as
 * {@code POST /v1/auth/reauthenticate}, with its rate limits and audit); then, under the lock of the user's account,
 * the same rules and the same {@link UserDeletion} as an administrator's deletion: never the root user, never the last
 * admin of an account that still has other members.
 */
record DeleteOwnUserService(AccountRepository accounts, UserRepository users, UserDeletion deletion, StepUp stepUp,
                            ReauthenticateUseCase reauthenticate, SessionRevocations revocations,
                            Essentials essentials) implements DeleteOwnUserUseCase {
    @Override
    public void delete(Principal principal, Optional<Password> password, ClientInfo client) {
        if (password.isPresent()) {
            reauthenticate.reauthenticate(principal, new ReauthenticateUseCase.Command(password, Optional.empty(),
                    client));
        }
        stepUp.require(principal);
        Instant now = essentials.clock().now();
        List<Session> ended = essentials.transactions().inTransaction(() -> {
            User target = lockedSelf(principal);
            long admins = users.countInAccount(principal.tenantId(), target.accountId(), Role.ACCOUNT_ADMIN);
            long members = users.countInAccount(principal.tenantId(), target.accountId(), Role.USER);
            UserAdministrationPolicy.checkCanDelete(target, admins, members);
            UserDeletion.Deleted deleted = deletion.delete(target, now);
            essentials.audit().record(AuditEvent.of(principal.tenantId(), AuditEventType.USER_DELETED, now, client)
                    .withActor(target.id()).withSubject(target.id()).withDetail("by", "self")
                    .withDetail("account", target.accountId().toString()).withDetail("role", target.role().name())
                    .withDetail("accountDeleted", String.valueOf(deleted.accountDeleted()))
                    .withDetail("sessionsEnded", String.valueOf(deleted.endedSessions().size())));
            return deleted.endedSessions();
        });
        ended.forEach(revocations::revokedHere);
    }

    /** The caller, read again after locking their account (a user moved meanwhile is read under the new lock). */
    private User lockedSelf(Principal principal) {
        for (int attempt = 0; attempt < 3; attempt++) {
            User seen = users.findById(principal.tenantId(), principal.userId()).filter(User::maySignIn)
                    .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
            accounts.lockForUpdate(principal.tenantId(), seen.accountId());
            User locked = users.findById(principal.tenantId(), principal.userId())
                    .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
            if (locked.accountId().equals(seen.accountId())) {
                return locked;
            }
        }
        throw new IllegalStateException("user " + principal.userId() + " keeps moving between accounts");
    }
}
