package dev.gatehouse.application.accounts;

import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.UserDeletion;
import dev.gatehouse.application.support.UserPositions;

import dev.gatehouse.application.mail.TakenAddressNotices;
import dev.gatehouse.application.recovery.VerificationMails;
import dev.gatehouse.application.sessions.SessionRevocations;
import dev.gatehouse.application.tenants.TenantDirectory;

import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.accounts.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.accounts.port.in.ListAccountUsersUseCase;
import dev.gatehouse.application.accounts.port.in.RemoveAccountUserUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.policy.AccountMembershipPolicy;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Account membership: listing, adding, removing and re-roling users, decided by
 * {@link AccountMembershipPolicy}. Changes that could remove the last admin lock the account row first,
 * so two admins removing each other at once cannot both succeed. Removed and re-roled users' sessions end.
 * Additions are rate limited per acting user and per tenant; under {@code signupEnumerationProtection} the native
 * route answers a taken address like a free one ({@link #addAnsweringAlike}).
 */
record AccountMembershipService(TenantDirectory tenants, AccountRepository accounts, UserRepository users,
                                SessionRepository sessions, SessionRevocations revocations, Credentials credentials,
                                Essentials essentials, TakenAddressNotices notices, VerificationMails verification,
                                UserDeletion deletion)
        implements ListAccountUsersUseCase, AddAccountUserUseCase,
        RemoveAccountUserUseCase, ChangeUserRoleUseCase {
    @Override
    public Page list(Principal principal, Query query) {
        AccountId account = query.accountId().orElse(principal.accountId());
        AccountMembershipPolicy.checkCanView(principal, account);
        if (query.limit() < 1 || query.limit() > 100) {
            throw new InvalidInput("limit", "must be between 1 and 100");
        }
        Optional<String> prefix = query.emailPrefix().map(p -> p.strip().toLowerCase(java.util.Locale.ROOT));
        List<User> page = users.findPageInAccount(principal.tenantId(), account, new UserRepository.PageQuery(
                query.role(), prefix, query.cursor().map(UserPositions::decode), query.limit()));
        Optional<String> next = page.size() < query.limit() ? Optional.empty()
                : Optional.of(UserPositions.encode(page.get(page.size() - 1)));
        return new Page(page, next);
    }

    @Override
    public AddOutcome addAnsweringAlike(Principal principal, Command command) {
        ClientInfo client = command.client();
        Tenant tenant = tenants.require(principal.tenantId());
        if (!tenant.settings().signupEnumerationProtection()) {
            return new AddOutcome.Added(add(principal, command));
        }
        // The same work and the same answer for a taken address; its owner gets a notice instead. Under the
        // protection signing in needs a verified address, so a new user is sent a verification code, as on sign-up.
        try {
            add(principal, command, true);
        } catch (EmailAlreadyInUse taken) {
            notices.additionAttempted(tenant, command.email(), client);
        }
        return new AddOutcome.Accepted(command.email(), command.role());
    }

    @Override
    public User add(Principal principal, Command command) {
        return add(principal, command, false);
    }

    private User add(Principal principal, Command command, boolean sendVerification) {
        ClientInfo client = command.client();
        AccountId account = command.accountId().orElse(principal.accountId());
        AccountMembershipPolicy.checkCanAdd(principal, account, command.role());
        Tenant tenant = tenants.require(principal.tenantId());
        essentials.limiter().beforeUserAddition(tenant, principal.userId(), client);
        tenant.settings().passwordPolicy().checkNewPassword(command.password(), command.email(),
                credentials.hasher().maxPasswordBytes(), credentials.commonPasswords());
        PasswordHash hash = credentials.hasher().hash(command.password());
        Instant now = essentials.clock().now();
        User user = new User(new UserId(essentials.ids().newId()), tenant.id(), account, command.email(), hash,
                command.role(), now, UserStatus.ACTIVE);
        return essentials.transactions().inTransaction(() -> {
            lockAccounts(tenant.id(), account, principal.accountId());
            AccountMembershipPolicy.checkCanAdd(actorNow(principal), account, command.role());
            users.insert(user);
            essentials.audit().record(event(principal, AuditEventType.USER_ADDED, now, client)
                    .withSubject(user.id()).withDetail("accountId", account.toString())
                    .withDetail("role", roleName(user.role())));
            if (sendVerification) {
                verification.sendOnSignUp(tenant, user);
            }
            return user;
        });
    }

    @Override
    public void remove(Principal principal, UserId userId, ClientInfo client) {
        Instant now = essentials.clock().now();
        List<Session> ended = essentials.transactions().inTransaction(() -> {
            Acting acting = lockedTarget(principal, userId);
            User target = acting.target();
            long admins = users.countInAccount(principal.tenantId(), target.accountId(), Role.ACCOUNT_ADMIN);
            AccountMembershipPolicy.checkCanRemove(acting.actor(), target, admins);
            UserDeletion.Deleted deleted = deletion.delete(target, now);
            essentials.audit().record(event(principal, AuditEventType.USER_REMOVED, now, client).withSubject(userId)
                    .withDetail("accountId", target.accountId().toString())
                    .withDetail("sessionsEnded", Integer.toString(deleted.endedSessions().size())));
            return deleted.endedSessions();
        });
        ended.forEach(revocations::revokedHere);
    }

    @Override
    public User changeRole(Principal principal, UserId userId, Role role, ClientInfo client) {
        Instant now = essentials.clock().now();
        record Changed(User user, List<Session> ended) {
        }
        Changed changed = essentials.transactions().inTransaction(() -> {
            Acting acting = lockedTarget(principal, userId);
            User target = acting.target();
            long admins = users.countInAccount(principal.tenantId(), target.accountId(), Role.ACCOUNT_ADMIN);
            AccountMembershipPolicy.checkCanChangeRole(acting.actor(), target, role, admins);
            if (target.role() == role) {
                return new Changed(target, List.of()); // nothing to change, nobody signed out
            }
            users.updateRole(principal.tenantId(), userId, role);
            List<Session> ended = sessions.revokeAllOfUser(principal.tenantId(), userId, Optional.empty(),
                    RevocationReason.USER_CHANGED, now);
            essentials.audit().record(event(principal, AuditEventType.ROLE_CHANGED, now, client).withSubject(userId)
                    .withDetail("from", roleName(target.role())).withDetail("to", roleName(role))
                    .withDetail("sessionsEnded", Integer.toString(ended.size())));
            return new Changed(target.withRole(role), ended);
        });
        changed.ended().forEach(revocations::revokedHere);
        return changed.user();
    }

    private static AuditEvent event(Principal principal, AuditEventType type, Instant now, ClientInfo client) {
        return AuditEvent.of(principal.tenantId(), type, now, client).withActor(principal.userId());
    }

    private static String roleName(Role role) {
        return role.name();
    }

    /** The acting user as stored now and the target, both read after the accounts involved are locked. */
    private record Acting(Principal actor, User target) {
    }

    /**
     * Locks the target's account and the actor's (in id order, as every change of a user does), then reads the
     * actor's current state and the target under those locks: the actor's rights are those the store holds in
     * this transaction, not those the token claims. A user of another account is not found (404) before anything
     * is said about them; a target the actor may not act on is refused by {@link TargetUserPolicy}.
     */
    private Acting lockedTarget(Principal principal, UserId userId) {
        User seen = users.findById(principal.tenantId(), userId).orElseThrow(UserNotFound::new);
        AccountMembershipPolicy.checkVisible(principal, seen);
        lockAccounts(principal.tenantId(), seen.accountId(), principal.accountId());
        Principal actor = actorNow(principal);
        User target = users.findById(principal.tenantId(), userId)
                .filter(u -> u.accountId().equals(seen.accountId())).orElseThrow(UserNotFound::new);
        AccountMembershipPolicy.checkVisible(actor, target);
        TargetUserPolicy.checkMayActOn(AccountMembershipPolicy.actor(actor), target);
        return new Acting(actor, target);
    }

    /** The actor as stored now; call it in the change's transaction, after {@link #lockAccounts}. */
    private Principal actorNow(Principal principal) {
        return AccountMembershipPolicy.asStoredNow(principal, users.findById(principal.tenantId(), principal.userId()));
    }

    /**
     * Locks the accounts in id order, the order of every change of a user's role, account, status or existence
     * (the admin feature's user changes too), so two changes cannot deadlock. An unknown account is not found.
     */
    private void lockAccounts(TenantId tenant, AccountId... ids) {
        Stream.of(ids).distinct().sorted(Comparator.comparing(AccountId::toString))
                .forEach(id -> accounts.lockForUpdate(tenant, id).orElseThrow(UserNotFound::new));
    }
}
