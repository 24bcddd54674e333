package dev.gatehouse.application.oauth;

import dev.gatehouse.application.recovery.MailboxProofs;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderProfile;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who a provider sign-in signs in (docs/adr/0024-social-sign-in.md). Identities are keyed by the provider's issuer
 * and subject, never by the tenant's name for the provider, and never by email alone:
 * <ul>
 *     <li>a known identity signs its user in (if the user may sign in);</li>
 *     <li>a new identity needs an address the provider vouches for ({@code email_not_verified} otherwise);</li>
 *     <li>a new identity whose address belongs to a user links to that user only if the provider has
 *     {@code linkByVerifiedEmail} and the user is not a tenant root ({@code account_exists} otherwise: never a
 *     silent takeover). For a user whose address was never verified this is the first proof of the mailbox: the
 *     address becomes verified, every session ends, and a password set before is removed;</li>
 *     <li>otherwise a new user is created: an account owner, address verified, no password.</li>
 * </ul>
 */
record ProviderSignIns(OAuthContext context) {

    /** The outcome: a user to sign in, or a refusal for the app. */
    sealed interface Decision {
    }

    record SignedIn(User user, MailboxProofs.Proof proof) implements Decision {
    }

    record Refused(String code, String description) implements Decision {
    }

    private static final MailboxProofs.Proof NO_PROOF = new MailboxProofs.Proof(false, false, List.of());

    Decision decide(Tenant tenant, OAuthProvider provider, ProviderProfile profile, ClientInfo client) {
        var users = context.users();
        Optional<Identity> known = context.kit().identities().find(tenant.id(), profile.issuer(), profile.subject());
        if (known.isPresent()) {
            return users.findById(tenant.id(), known.get().userId()).filter(User::maySignIn)
                    .<Decision>map(user -> new SignedIn(user, NO_PROOF))
                    .orElse(new Refused("access_denied", "this user may not sign in"));
        }
        if (!profile.hasVerifiedEmail()) {
            return new Refused("email_not_verified", "the provider does not vouch for this account's email address;"
                    + " verify it at the provider, or sign up with email and password");
        }
        EmailAddress email;
        try {
            email = new EmailAddress(profile.email());
        } catch (InvalidInput e) {
            return new Refused("email_not_verified", "the provider's email address cannot be used here");
        }
        Optional<User> owner = users.findByEmail(tenant.id(), email);
        if (owner.isPresent()) {
            return link(tenant, provider, profile, owner.get(), client);
        }
        return create(tenant, provider, profile, email, client);
    }

    private Decision link(Tenant tenant, OAuthProvider provider, ProviderProfile profile, User user, ClientInfo client) {
        if (!provider.linkByVerifiedEmail() || user.role() == Role.ROOT) {
            return accountExists();
        }
        if (!user.maySignIn()) {
            return new Refused("access_denied", "this user may not sign in");
        }
        Instant now = context.essentials().clock().now();
        Identity identity = identity(tenant, user.id(), provider, profile, now);
        return context.essentials().transactions().inTransaction(() -> {
            if (!context.users().lockUnchanged(tenant.id(), user.id(), user.securityStamp())) {
                return new Refused("temporarily_unavailable", "the account changed during the sign-in: try again");
            }
            if (!context.kit().identities().insert(identity)) {
                return new Refused("temporarily_unavailable", "the account changed during the sign-in: try again");
            }
            MailboxProofs.Proof proof = user.emailVerified() ? NO_PROOF
                    : context.proofs().prove(user, Optional.of(PasswordHash.NONE), now);
            var audit = context.essentials().audit();
            audit.record(AuditEvent.of(tenant.id(), AuditEventType.IDENTITY_LINKED, now, client).withActor(user.id())
                    .withSubject(user.id()).withDetail("provider", provider.name()).withDetail("issuer",
                            profile.issuer()).withDetail("by", "verifiedEmail"));
            if (proof.first()) {
                audit.record(AuditEvent.of(tenant.id(), AuditEventType.EMAIL_VERIFIED, now, client).withActor(user.id())
                        .withSubject(user.id()).withDetail("by", "provider")
                        .withDetail("signInKeyDropped", String.valueOf(proof.passwordRemoved()))
                        .withDetail("sessionsEnded", String.valueOf(proof.sessionsEnded().size())));
            }
            User linked = context.users().findById(tenant.id(), user.id()).orElse(user);
            return new SignedIn(linked, proof);
        });
    }

    private Decision create(Tenant tenant, OAuthProvider provider, ProviderProfile profile, EmailAddress email,
                            ClientInfo client) {
        context.essentials().limiter().beforeSignUp(tenant, client);
        Instant now = context.essentials().clock().now();
        var ids = context.essentials().ids();
        Account account = Account.open(new AccountId(ids.newId()), tenant.id(), email.value(), now);
        User user = User.registerAsAccountOwner(new UserId(ids.newId()), tenant.id(), account.id(), email,
                PasswordHash.NONE, now).withEmailVerified();
        Identity identity = identity(tenant, user.id(), provider, profile, now);
        try {
            return context.essentials().transactions().inTransaction(() -> {
                context.accounts().insert(account);
                context.users().insert(user);
                if (!context.kit().identities().insert(identity)) {
                    throw new EmailAlreadyInUse(); // a concurrent sign-in of the same identity won: roll back
                }
                context.essentials().audit().record(AuditEvent.of(tenant.id(), AuditEventType.SIGN_UP, now, client)
                        .withActor(user.id()).withSubject(user.id()).withDetail("method", "provider")
                        .withDetail("provider", provider.name()).withDetail("accountId", account.id().toString()));
                return new SignedIn(user, NO_PROOF);
            });
        } catch (EmailAlreadyInUse raced) {
            return new Refused("temporarily_unavailable", "the account was created by another sign-in at the same"
                    + " time: try again");
        }
    }

    private static Refused accountExists() {
        return new Refused("account_exists", "an account with this email address exists: sign in to it and link"
                + " the provider from the account, or ask the app to allow linking by verified email");
    }

    private Identity identity(Tenant tenant, UserId user, OAuthProvider provider, ProviderProfile profile, Instant now) {
        return new Identity(context.essentials().ids().newId(), tenant.id(), user,
                provider.name(), profile.issuer(), profile.subject(), profile.email(), now);
    }
}
