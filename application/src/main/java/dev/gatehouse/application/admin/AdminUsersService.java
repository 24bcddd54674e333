package dev.gatehouse.application.admin;

import dev.gatehouse.application.support.UserDeletion;
import dev.gatehouse.application.support.UserPositions;
import dev.gatehouse.application.sessions.SessionRevocations;

import dev.gatehouse.application.admin.port.in.AdminUsersUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.policy.UserAdministrationPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Admin user management (docs/adr/0011-admin-user-management.md). Writes lock the accounts involved (in id
 * order, so two moves in opposite directions cannot deadlock) and re-read the user under those locks before
 * {@link UserAdministrationPolicy} decides, so the count of admins it sees is the one that commits. Sessions
 * end through {@link SessionRevocations}, the one revocation mechanism: revoked in the same transaction as the
 * change (the other processes' feeds read them from there), and entered into this process's set after commit.
 * The audit events (ROLE_CHANGED, USER_MOVED, USER_DISABLED, USER_ENABLED, USER_DELETED) are written in that
 * transaction too.
 */
record AdminUsersService(AccountRepository accounts, UserRepository users, SessionRepository sessions,
                         SessionRevocations revocations, TransactionRunner transactions, Clock clock,
                         AuditLog audit, MfaRepository factors, UserDeletion deletion) implements AdminUsersUseCase {
    @Override
    public Page list(RootAuthority authority, Query query) {
        authority.require(Scope.USERS_READ);
        if (query.limit() < 1 || query.limit() > 100) {
            throw new InvalidInput("limit", "must be between 1 and 100");
        }
        Optional<String> prefix = query.emailPrefix().map(p -> p.strip().toLowerCase(Locale.ROOT))
                .filter(p -> !p.isEmpty());
        List<User> page = users.findPageInTenant(authority.tenantId(), new UserRepository.TenantPageQuery(
                query.account(), query.role(), query.status(), prefix,
                query.cursor().map(UserPositions::decode), query.limit()));
        Optional<String> next = page.size() < query.limit() ? Optional.empty()
                : Optional.of(UserPositions.encode(page.get(page.size() - 1)));
        return new Page(page, next, factors.withConfirmedTotp(authority.tenantId(),
                page.stream().map(User::id).toList()));
    }

    @Override
    public User get(RootAuthority authority, UserId userId) {
        authority.require(Scope.USERS_READ);
        return users.findById(authority.tenantId(), userId).orElseThrow(UserNotFound::new);
    }

    @Override
    public User change(RootAuthority authority, UserId userId, UserAdministrationPolicy.Change change,
                       ClientInfo client) {
        authority.require(Scope.USERS_WRITE);
        TenantId tenant = authority.tenantId();
        Instant now = clock.now();
        record Changed(User user, List<Session> ended) {
        }
        Changed changed = transactions.inTransaction(() -> {
            User target = lockedUser(tenant, userId, change.account());
            TargetUserPolicy.checkMayActOn(authority.asActor(), target);
            long admins = users.countInAccount(tenant, target.accountId(), Role.ACCOUNT_ADMIN);
            User after = UserAdministrationPolicy.apply(target, change, admins);
            if (after.role() != target.role()) {
                users.updateRole(tenant, userId, after.role());
            }
            if (!after.accountId().equals(target.accountId())) {
                users.updateAccount(tenant, userId, after.accountId());
            }
            if (after.status() != target.status()) {
                users.updateStatus(tenant, userId, after.status());
            }
            recordChanges(authority, client, now, target, after);
            List<Session> ended = UserAdministrationPolicy.endsSessions(target, after)
                    ? sessions.revokeAllOfUser(tenant, userId, Optional.empty(), RevocationReason.USER_CHANGED, now)
                    : List.of();
            return new Changed(after, ended);
        });
        changed.ended().forEach(revocations::revokedHere);
        return changed.user();
    }

    @Override
    public void delete(RootAuthority authority, UserId userId, ClientInfo client) {
        authority.require(Scope.USERS_WRITE);
        TenantId tenant = authority.tenantId();
        Instant now = clock.now();
        List<Session> ended = transactions.inTransaction(() -> {
            User target = lockedUser(tenant, userId, Optional.empty());
            TargetUserPolicy.checkMayActOn(authority.asActor(), target);
            long admins = users.countInAccount(tenant, target.accountId(), Role.ACCOUNT_ADMIN);
            UserAdministrationPolicy.checkCanDelete(target, admins,
                    users.countInAccount(tenant, target.accountId(), Role.USER));
            UserDeletion.Deleted deleted = deletion.delete(target, now);
            audit.record(event(authority, client, now, AuditEventType.USER_DELETED, target)
                    .withDetail("account", target.accountId().toString())
                    .withDetail("role", target.role().name())
                    .withDetail("accountDeleted", String.valueOf(deleted.accountDeleted()))
                    .withDetail("sessionsEnded", String.valueOf(deleted.endedSessions().size())));
            return deleted.endedSessions();
        });
        ended.forEach(revocations::revokedHere);
    }

    /** One event per part of the change that changed something, in the transaction of the change. */
    private void recordChanges(RootAuthority authority, ClientInfo client, Instant now, User before, User after) {
        if (after.role() != before.role()) {
            audit.record(event(authority, client, now, AuditEventType.ROLE_CHANGED, after)
                    .withDetail("from", before.role().name()).withDetail("to", after.role().name()));
        }
        if (!after.accountId().equals(before.accountId())) {
            audit.record(event(authority, client, now, AuditEventType.USER_MOVED, after)
                    .withDetail("from", before.accountId().toString()).withDetail("to", after.accountId().toString()));
        }
        if (after.status() != before.status()) {
            AuditEventType type = after.status() == UserStatus.DISABLED
                    ? AuditEventType.USER_DISABLED : AuditEventType.USER_ENABLED;
            audit.record(event(authority, client, now, type, after));
        }
    }

    private static AuditEvent event(RootAuthority authority, ClientInfo client, Instant now, AuditEventType type,
                                    User subject) {
        return AuditEvent.of(authority.tenantId(), type, now, client).withActor(authority.actor())
                .withSubject(subject.id());
    }

    /**
     * The user, read again after locking their account and the destination account (when moving), in id order.
     * A user moved by someone else between the first read and the locks is read again under the new locks.
     */
    private User lockedUser(TenantId tenant, UserId userId, Optional<AccountId> destination) {
        for (int attempt = 0; attempt < 3; attempt++) {
            User seen = users.findById(tenant, userId).orElseThrow(UserNotFound::new);
            Stream.concat(Stream.of(seen.accountId()), destination.stream()).distinct()
                    .sorted(Comparator.comparing(AccountId::toString))
                    .forEach(account -> {
                        if (accounts.lockForUpdate(tenant, account).isEmpty()) {
                            throw new InvalidInput("accountId", "no such account in this tenant");
                        }
                    });
            User locked = users.findById(tenant, userId).orElseThrow(UserNotFound::new);
            if (locked.accountId().equals(seen.accountId())) {
                return locked;
            }
        }
        throw new IllegalStateException("user " + userId + " keeps moving between accounts");
    }
}
