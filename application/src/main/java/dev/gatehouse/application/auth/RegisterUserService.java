package dev.gatehouse.application.auth;

import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;

import dev.gatehouse.application.mail.TakenAddressNotices;
import dev.gatehouse.application.recovery.VerificationMails;
import dev.gatehouse.application.sessions.SessionIssuer;
import dev.gatehouse.application.tenants.TenantDirectory;

import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.tenant.MfaPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;

record RegisterUserService(TenantDirectory tenants, AccountRepository accounts, UserRepository users,
                           SessionIssuer sessions, Credentials credentials, Essentials essentials,
                           VerificationMails verification, TakenAddressNotices notices) implements RegisterUserUseCase {
    @Override
    public SignInOutcome register(Command command) {
        Tenant tenant = tenants.require(command.tenantId());
        Prepared prepared = prepare(tenant, command);
        // A new user has no second factor: the gate opens a session, or under mfa.required "all" asks to enrol one.
        SessionIssuer.Pending session = sessions.prepareSignIn(tenant, prepared.owner(), command.client());
        // Under mfa.required "all" the new user must enrol a factor, which needs a verified address: the verification
        // mail goes out now, as the user has no session to ask for it with.
        boolean verify = tenant.settings().requireEmailVerification() || tenant.settings().signupEnumerationProtection()
                || tenant.settings().mfa() == MfaPolicy.ALL;
        essentials.transactions().inTransaction(() -> {
            insert(tenant, prepared, command.client());
            if (!sessions.persist(session)) {
                throw new IllegalStateException("a user inserted in this unit of work changed in it");
            }
            if (verify) {
                verification.sendOnSignUp(tenant, prepared.owner());
            }
            return prepared.owner();
        });
        return sessions.complete(prepared.owner(), session, command.profile());
    }

    @Override
    public SignUpOutcome signUp(Command command) {
        Tenant tenant = tenants.require(command.tenantId());
        boolean protect = tenant.settings().signupEnumerationProtection();
        if (!protect && !tenant.settings().requireEmailVerification()) {
            return new SignUpOutcome.Registered(register(command));
        }
        Prepared prepared = prepare(tenant, command);
        if (!protect) {
            essentials.transactions().inTransaction(() -> {
                insert(tenant, prepared, command.client());
                verification.sendOnSignUp(tenant, prepared.owner());
                return null;
            });
            return new SignUpOutcome.VerificationPending();
        }
        // Enumeration protection: a taken address gets the same answer; its owner gets a notice instead.
        try {
            essentials.transactions().inTransaction(() -> {
                insert(tenant, prepared, command.client());
                verification.sendOnSignUp(tenant, prepared.owner());
                return null;
            });
        } catch (EmailAlreadyInUse taken) {
            notices.signUpAttempted(tenant, command.email(), command.client());
        }
        return new SignUpOutcome.VerificationPending();
    }

    /** Every way in (register, sign-up in any mode) prepares exactly once: where each attempt is counted. */
    private Prepared prepare(Tenant tenant, Command command) {
        essentials.limiter().beforeSignUp(tenant, command.client());
        tenant.settings().passwordPolicy().checkNewPassword(command.password(), command.email(),
                credentials.hasher().maxPasswordBytes(), credentials.commonPasswords());
        // Hash before the transaction opens: the slow part holds no connection and no lock. Whether the
        // email is taken is decided by the store's unique index, never by an earlier read (races).
        PasswordHash hash = credentials.hasher().hash(command.password());
        Instant now = essentials.clock().now();
        Account account = Account.open(new AccountId(essentials.ids().newId()), tenant.id(), command.email().value(),
                now);
        User owner = User.registerAsAccountOwner(new UserId(essentials.ids().newId()), tenant.id(), account.id(),
                command.email(), hash, now);
        return new Prepared(account, owner);
    }

    /** Inside the unit of work: the account, its owner and the SIGN_UP event. */
    private void insert(Tenant tenant, Prepared prepared, dev.gatehouse.domain.session.ClientInfo client) {
        accounts.insert(prepared.account());
        users.insert(prepared.owner());
        AuditEvent event = AuditEvent.of(tenant.id(), AuditEventType.SIGN_UP, prepared.owner().created(), client)
                .withActor(prepared.owner().id()).withSubject(prepared.owner().id())
                .withDetail("accountId", prepared.account().id().toString());
        essentials.audit().record(event);
    }

    private record Prepared(Account account, User owner) {
    }
}
