package dev.gatehouse.application.invitations;

import dev.gatehouse.application.invitations.port.in.InvitationsUseCase;
import dev.gatehouse.application.invitations.port.out.InvitationRepository;
import dev.gatehouse.application.mail.MailComposer;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.recovery.RecoveryLinks;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.PageCursor;
import dev.gatehouse.application.support.QueryStrings;
import dev.gatehouse.application.support.SecretHashing;
import dev.gatehouse.application.tenants.TenantDirectory;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.InvitationConflict;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.ResourceNotFound;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.invitation.InvitationId;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.policy.AccountMembershipPolicy;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inviting, listing and revoking (docs/users.md#invitations). Who may: a signed-in account admin for their own account,
 * decided by {@link AccountMembershipPolicy} like adding a user (a role no higher than theirs), on the role their
 * stored user has under the account's lock, not the one their token claims; the root token or a secret key for any
 * account of the tenant ({@code users:write}, {@code users:read} to list), a key never for an account that holds the
 * tenant's root user ({@link TargetUserPolicy}). Writes lock the account first, so two invitations of one address
 * cannot both be new and an acceptance and a new link of the same invitation do not interleave. Every mail counts
 * against the address's recovery-mail limit, a signed-in admin's invitations also against the user additions of the
 * actor and the tenant.
 */
record InvitationsService(TenantDirectory tenants, InvitationRepository invitations, AccountRepository accounts,
                          UserRepository users, RecoveryLinks links, MailComposer mail, Essentials essentials)
        implements InvitationsUseCase {
    /** Every invitation token starts with this, so a leaked one is recognisable. */
    static final String TOKEN_PREFIX = "inv_";
    /** 256 random bits per token. */
    static final int TOKEN_BYTES = 32;

    @Override
    public Invitation invite(Principal inviter, Command command) {
        AccountId account = ownAccount(inviter, command.accountId());
        Invitation.requireInvitable(command.role());
        AccountMembershipPolicy.checkCanAdd(inviter, account, command.role());
        Tenant tenant = tenants.require(inviter.tenantId());
        String base = links.requireAllowed(tenant, command.redirectUrl(), "redirectUrl");
        essentials.limiter().beforeUserAddition(tenant, inviter.userId(), command.client());
        return send(tenant, account, command, base, Optional.of(inviter), AuditEvent.user(inviter.userId()));
    }

    @Override
    public Invitation invite(RootAuthority authority, Command command) {
        authority.require(Scope.USERS_WRITE);
        AccountId account = namedAccount(command.accountId());
        Invitation.requireInvitable(command.role());
        Tenant tenant = tenants.require(authority.tenantId());
        String base = links.requireAllowed(tenant, command.redirectUrl(), "redirectUrl");
        TargetUserPolicy.checkMayActForAccount(authority.asActor(),
                users.countInAccount(tenant.id(), requireAccount(tenant.id(), account), Role.ROOT));
        return send(tenant, account, command, base, Optional.empty(), authority.actor());
    }

    @Override
    public Page list(Principal member, Query query) {
        AccountId account = ownAccount(member, query.accountId());
        requireAdmin(member);
        return page(member.tenantId(), account, query);
    }

    @Override
    public Page list(RootAuthority authority, Query query) {
        authority.require(Scope.USERS_READ);
        AccountId account = requireAccount(authority.tenantId(), namedAccount(query.accountId()));
        return page(authority.tenantId(), account, query);
    }

    @Override
    public void revoke(Principal member, InvitationId id, ClientInfo client) {
        requireAdmin(member);
        essentials.transactions().inTransaction(() -> {
            Invitation invitation = invitations.findById(member.tenantId(), id)
                    .filter(i -> i.accountId().equals(member.accountId()))
                    .orElseThrow(() -> new ResourceNotFound("invitation"));
            accounts.lockForUpdate(member.tenantId(), invitation.accountId());
            requireAdmin(AccountMembershipPolicy.asStoredNow(member, users.findById(member.tenantId(), member.userId())));
            delete(invitation, AuditEvent.user(member.userId()), client);
            return null;
        });
    }

    @Override
    public void revoke(RootAuthority authority, InvitationId id, ClientInfo client) {
        authority.require(Scope.USERS_WRITE);
        essentials.transactions().inTransaction(() -> {
            Invitation invitation = invitations.findById(authority.tenantId(), id)
                    .orElseThrow(() -> new ResourceNotFound("invitation"));
            delete(invitation, authority.actor(), client);
            return null;
        });
    }

    private void delete(Invitation invitation, String actor, ClientInfo client) {
        if (!invitations.delete(invitation.tenantId(), invitation.id())) {
            throw new ResourceNotFound("invitation"); // accepted or revoked a moment ago
        }
        essentials.audit().record(AuditEvent.of(invitation.tenantId(), AuditEventType.INVITATION_REVOKED,
                        essentials.clock().now(), client).withActor(actor)
                .withDetail("invitation", invitation.id().toString())
                .withDetail("accountId", invitation.accountId().toString()));
    }

    /**
     * Counts the mail against the address's limit, then, in one unit of work under the account's lock: checks the
     * acting admin as stored now, refuses a member's address, stores the invitation (or gives the pending one a new
     * link), records the mail in the outbox and the event in the audit log.
     */
    private Invitation send(Tenant tenant, AccountId account, Command command, String base, Optional<Principal> member,
                            String actor) {
        essentials.limiter().beforeInvitationMail(tenant, command.email(), command.client());
        String token = TOKEN_PREFIX + essentials.secrets().newSecret(TOKEN_BYTES);
        String hash = SecretHashing.sha256Hex(token);
        Instant now = essentials.clock().now();
        return essentials.transactions().inTransaction(() -> {
            String inviter = tenant.name();
            Optional<UserId> invitedBy = Optional.empty();
            if (member.isPresent()) {
                Principal claimed = member.get();
                accounts.lockForUpdate(tenant.id(), account);
                Optional<User> stored = users.findById(tenant.id(), claimed.userId());
                AccountMembershipPolicy.checkCanAdd(AccountMembershipPolicy.asStoredNow(claimed, stored), account,
                        command.role());
                inviter = stored.orElseThrow().email().value();
                invitedBy = Optional.of(claimed.userId());
            } else if (accounts.lockForUpdate(tenant.id(), account).isEmpty()) {
                throw noSuchAccount();
            }
            if (users.findByEmail(tenant.id(), command.email()).filter(u -> u.accountId().equals(account)).isPresent()) {
                throw InvitationConflict.alreadyAMember();
            }
            Optional<Invitation> earlier = invitations.findByAddress(tenant.id(), account, command.email());
            Optional<UserId> by = invitedBy;
            Invitation invitation = earlier.map(e -> e.resent(hash, command.role(), by, now))
                    .orElseGet(() -> Invitation.issue(new InvitationId(essentials.ids().newId()), tenant.id(), account,
                            command.email(), command.role(), hash, by, now));
            if (earlier.isEmpty()) {
                invitations.insert(invitation);
            } else if (!invitations.replace(invitation)) {
                throw new IllegalStateException("an invitation read under the account's lock is gone");
            }
            mail.send(tenant, MailKind.INVITATION, command.email(), Map.of("code", token,
                    "link", QueryStrings.withQuery(base, Map.of("token", token)),
                    "expiresInMinutes", Long.toString(Invitation.LIFETIME.toMinutes()), "inviter", inviter));
            essentials.audit().record(AuditEvent.of(tenant.id(), AuditEventType.INVITATION_CREATED, now,
                            command.client()).withActor(actor)
                    .withDetail("invitation", invitation.id().toString()).withDetail("accountId", account.toString())
                    .withDetail("role", command.role().name()).withDetail("resent", Boolean.toString(earlier.isPresent())));
            return invitation;
        });
    }

    private Page page(TenantId tenant, AccountId account, Query query) {
        if (query.limit() < 1 || query.limit() > 100) {
            throw new InvalidInput("limit", "must be between 1 and 100");
        }
        Optional<InvitationRepository.Position> after = query.cursor().map(cursor -> PageCursor.decode(cursor,
                p -> new InvitationRepository.Position(p.time(), InvitationId.parse("cursor", p.tail()))));
        List<Invitation> found = invitations.findPending(tenant, account, essentials.clock().now(), after,
                query.limit());
        Optional<String> next = found.size() < query.limit() ? Optional.empty() : Optional.of(
                new PageCursor(found.getLast().created(), found.getLast().id().toString()).encode());
        return new Page(found, next);
    }

    /** A signed-in admin's account: their own; naming another is refused alike for every other id. */
    private static AccountId ownAccount(Principal principal, Optional<AccountId> named) {
        if (named.isPresent() && !named.get().equals(principal.accountId())) {
            throw new InvalidInput("accountId", "a signed-in user acts on their own account only; other accounts are"
                    + " named with the root token or a secret key");
        }
        return principal.accountId();
    }

    private static AccountId namedAccount(Optional<AccountId> named) {
        return named.orElseThrow(() -> new InvalidInput("accountId",
                "is required with the root token or a secret key: it names the account"));
    }

    private AccountId requireAccount(TenantId tenant, AccountId account) {
        return accounts.findById(tenant, account).map(a -> account).orElseThrow(InvitationsService::noSuchAccount);
    }

    private static InvalidInput noSuchAccount() {
        return new InvalidInput("accountId", "no such account in this tenant");
    }

    private static void requireAdmin(Principal principal) {
        if (!principal.role().isAtLeast(Role.ACCOUNT_ADMIN)) {
            throw new NotPermitted("only account admins manage the account's invitations");
        }
    }
}
