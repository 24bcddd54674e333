package dev.gatehouse.application.admin;

import dev.gatehouse.application.sessions.SessionIssuer;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.admin.port.in.ImpersonateUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.user.User;

record ImpersonateService(UserRepository users, SessionIssuer sessions, TransactionRunner transactions,
                          AuditLog audit, Clock clock) implements ImpersonateUseCase {
    @Override
    public Authenticated impersonateAccount(RootAuthority root, AccountId accountId, ClientInfo client) {
        root.require(Scope.USERS_WRITE);
        RootAuthority from = client == null ? root : root.withClient(client);
        // The user is read and the session stored bound to their stamp; a session-ending change in between makes
        // the store refuse the session, and the user is read again (there is no slow step, so once is plenty).
        for (int attempt = 0; attempt < 3; attempt++) {
            User first = users.findOldestInAccount(root.tenantId(), accountId).filter(User::maySignIn)
                    .orElseThrow(UserNotFound::new);
            // Acting as the account's first user is acting for the whole account: an account that holds the
            // tenant's root user is the owner's, whoever its first user is.
            TargetUserPolicy.checkMayActOn(root.asActor(), first);
            TargetUserPolicy.checkMayActForAccount(root.asActor(),
                    users.countInAccount(root.tenantId(), accountId, Role.ROOT));
            SessionIssuer.Pending session = sessions.prepareImpersonation(first, client);
            boolean stored = transactions.inTransaction(() -> {
                if (!sessions.persist(session)) {
                    return false;
                }
                audit.record(from.auditEvent(AuditEventType.IMPERSONATION, clock.now()).withSubject(first.id())
                        .withDetail("accountId", accountId.toString()));
                return true;
            });
            if (stored) {
                return sessions.completeSession(first, session, TokenProfile.COMPAT);
            }
        }
        throw new IllegalStateException("the first user of account " + accountId + " keeps changing");
    }
}
