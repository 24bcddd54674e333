package dev.gatehouse.application.invitations;

import dev.gatehouse.application.invitations.port.in.AcceptInvitationUseCase;
import dev.gatehouse.application.invitations.port.out.InvitationRepository;
import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.recovery.MailboxProofs;
import dev.gatehouse.application.sessions.SessionIssuer;
import dev.gatehouse.application.sessions.SessionRevocations;
import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.SecretHashing;
import dev.gatehouse.application.tenants.TenantDirectory;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvitationConflict;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.policy.Actor;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Accepting an invitation (docs/users.md#invitations, docs/adr/0026-invitations-for-existing-users.md). Each check
 * counts against the source's code limit first; the token is looked up by its hash. The invitation is spent by one
 * conditional delete in the unit of work that creates or moves the user (after the inviting account is locked, as
 * every change of its invitations and members does), so of concurrent acceptances exactly one succeeds, and a failure
 * after it (a taken address, an overtaken user) rolls the spending back. Slow password hashing happens before the unit
 * of work opens, through the hashing pool. Every session opens through the session gate.
 */
record AcceptInvitationService(TenantDirectory tenants, InvitationRepository invitations, AccountRepository accounts,
                               UserRepository users, SessionRepository sessions, SessionIssuer issuer,
                               SessionRevocations revocations, MailboxProofs proofs, Credentials credentials,
                               Essentials essentials) implements AcceptInvitationUseCase {
    /** Longer presented tokens are refused without a look-up. */
    static final int MAX_TOKEN_LENGTH = 200;

    @Override
    public SignInOutcome accept(Command command) {
        Tenant tenant = tenants.require(command.tenantId());
        essentials.limiter().beforeCodeCheck(tenant, null, command.client());
        String presented = command.token() == null ? "" : command.token().strip();
        if (presented.isEmpty() || presented.length() > MAX_TOKEN_LENGTH) {
            throw InvalidCode.invitation();
        }
        String hash = SecretHashing.sha256Hex(presented);
        Instant now = essentials.clock().now();
        Invitation seen = invitations.findByTokenHash(tenant.id(), hash)
                .filter(invitation -> invitation.matches(hash) && invitation.isPendingAt(now))
                .orElseThrow(InvalidCode::invitation);
        Optional<User> existing = users.findByEmail(tenant.id(), seen.email());
        return existing.isEmpty() ? createUser(tenant, seen, command, now)
                : moveUser(tenant, seen, existing.get(), command, now);
    }

    /** A new user of the inviting account, the address verified: the mail proved the mailbox. */
    private SignInOutcome createUser(Tenant tenant, Invitation seen, Command command, Instant now) {
        PasswordHash hash = PasswordHash.NONE;
        if (command.password().isPresent()) {
            tenant.settings().passwordPolicy().checkNewPassword(command.password().get(), seen.email(),
                    credentials.hasher().maxPasswordBytes(), credentials.commonPasswords());
            hash = credentials.hasher().hash(command.password().get());
        }
        User user = new User(new UserId(essentials.ids().newId()), tenant.id(), seen.accountId(), seen.email(), hash,
                seen.role(), now, UserStatus.ACTIVE, true);
        SessionIssuer.Pending session = issuer.prepareSignIn(tenant, user, command.client());
        essentials.transactions().inTransaction(() -> {
            accounts.lockForUpdate(tenant.id(), seen.accountId()).orElseThrow(InvalidCode::invitation);
            spend(seen, now);
            try {
                users.insert(user);
            } catch (EmailAlreadyInUse taken) {
                throw InvitationConflict.signInFirst(); // a user got the address meanwhile; the invitation stays
            }
            if (!issuer.persist(session)) {
                throw new IllegalStateException("a user inserted in this unit of work changed in it");
            }
            essentials.audit().record(accepted(tenant, user, command.client(), now, seen, false));
            return null;
        });
        return issuer.complete(user, session, command.profile());
    }

    /**
     * An existing user joins the inviting account, by ADR 0026's rule: only that user, signed in (the same answer for
     * anybody else), never the tenant's root user, and only out of an account they are alone in, which is then
     * deleted. The move ends every session of the user (and verifies the address, the first proof of the mailbox
     * where it was not verified); the answer is a new sign-in.
     */
    private SignInOutcome moveUser(Tenant tenant, Invitation seen, User found, Command command, Instant now) {
        if (command.signedIn().filter(p -> p.userId().equals(found.id())).isEmpty() || !found.maySignIn()) {
            throw InvitationConflict.signInFirst();
        }
        if (found.accountId().equals(seen.accountId())) {
            throw InvitationConflict.alreadyInTheAccount();
        }
        TargetUserPolicy.checkMayActOn(new Actor.Member(found.id(), found.role()), found);
        Moved moved = essentials.transactions().inTransaction(() -> {
            lockAccounts(tenant, seen.accountId(), found.accountId());
            User user = users.findById(tenant.id(), found.id())
                    .filter(u -> u.accountId().equals(found.accountId()) && u.maySignIn())
                    .orElseThrow(InvitationConflict::signInFirst);
            TargetUserPolicy.checkMayActOn(new Actor.Member(user.id(), user.role()), user);
            if (users.countInAccount(tenant.id(), user.accountId(), Role.USER) > 1) {
                throw InvitationConflict.leaveYourAccountFirst();
            }
            spend(seen, now);
            AccountId left = user.accountId();
            users.updateAccount(tenant.id(), user.id(), seen.accountId());
            if (user.role() != seen.role()) {
                users.updateRole(tenant.id(), user.id(), seen.role());
            }
            MailboxProofs.Proof proof = proofs.prove(user, Optional.empty(), now);
            List<Session> ended = new ArrayList<>(sessions.revokeAllOfUser(tenant.id(), user.id(), Optional.empty(),
                    RevocationReason.USER_CHANGED, now));
            invitations.deleteAllOfAccount(tenant.id(), left);
            accounts.delete(tenant.id(), left);
            User joined = users.findById(tenant.id(), user.id()).orElseThrow();
            recordMove(tenant, joined, left, command.client(), now, seen, proof, ended.size());
            SessionIssuer.Pending session = issuer.prepareSignIn(tenant, joined, command.client());
            if (!issuer.persist(session)) {
                throw new IllegalStateException("a user changed in this unit of work changed again in it");
            }
            return new Moved(joined, session, proof, ended);
        });
        proofs.ended(moved.proof());
        moved.ended().forEach(revocations::revokedHere);
        return issuer.complete(moved.user(), moved.session(), command.profile());
    }

    private record Moved(User user, SessionIssuer.Pending session, MailboxProofs.Proof proof, List<Session> ended) {
    }

    /** Inside the unit of work: spends the invitation, or fails as an invalid one when another request spent it. */
    private void spend(Invitation seen, Instant now) {
        invitations.take(seen.tenantId(), seen.id(), seen.tokenHash()).filter(taken -> taken.isPendingAt(now))
                .orElseThrow(InvalidCode::invitation);
    }

    private void recordMove(Tenant tenant, User joined, AccountId left, ClientInfo client, Instant now,
                            Invitation invitation, MailboxProofs.Proof proof, int sessionsEnded) {
        if (proof.first()) {
            essentials.audit().record(AuditEvent.of(tenant.id(), AuditEventType.EMAIL_VERIFIED, now, client)
                    .withActor(joined.id()).withSubject(joined.id()).withDetail("by", "invitation")
                    .withDetail("sessionsEnded", Integer.toString(proof.sessionsEnded().size())));
        }
        essentials.audit().record(accepted(tenant, joined, client, now, invitation, true)
                .withDetail("fromAccountId", left.toString())
                .withDetail("sessionsEnded", Integer.toString(sessionsEnded + proof.sessionsEnded().size())));
    }

    private static AuditEvent accepted(Tenant tenant, User user, ClientInfo client, Instant now, Invitation invitation,
                                       boolean existingUser) {
        return AuditEvent.of(tenant.id(), AuditEventType.INVITATION_ACCEPTED, now, client).withActor(user.id())
                .withSubject(user.id()).withDetail("invitation", invitation.id().toString())
                .withDetail("accountId", invitation.accountId().toString())
                .withDetail("role", invitation.role().name())
                .withDetail("existingUser", Boolean.toString(existingUser));
    }

    /**
     * Locks the accounts in id order, the order of every change of a user's account (so two moves cannot deadlock); the
     * inviting account must still exist (else the invitation went with it), the user's own too (else so did the user).
     */
    private void lockAccounts(Tenant tenant, AccountId inviting, AccountId own) {
        Stream.of(inviting, own).sorted(Comparator.comparing(AccountId::toString)).forEach(account -> {
            if (accounts.lockForUpdate(tenant.id(), account).isEmpty()) {
                throw account.equals(inviting) ? InvalidCode.invitation() : InvitationConflict.signInFirst();
            }
        });
    }
}
