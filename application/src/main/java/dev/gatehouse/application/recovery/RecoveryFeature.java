package dev.gatehouse.application.recovery;

import dev.gatehouse.application.mail.MailFeature;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.recovery.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.recovery.port.in.EmailVerificationUseCase;
import dev.gatehouse.application.recovery.port.in.MagicLinkUseCase;
import dev.gatehouse.application.recovery.port.in.PasswordResetUseCase;
import dev.gatehouse.application.recovery.port.in.RecoveryUseCases;
import dev.gatehouse.application.recovery.port.out.OneTimeCodeRepository;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantsFeature;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import java.util.Optional;

/**
 * Wires the recovery feature. Other features that must prove a new user's address use
 * {@link #verificationMails()}.
 */
public final class RecoveryFeature implements RecoveryUseCases {
    private final VerificationMails verificationMails;
    private final PasswordResetService passwordReset;
    private final MagicLinkService magicLinks;
    private final EmailVerificationService emailVerification;
    private final ChangePasswordService changePassword;
    private final MailboxProofs proofs;
    private final OneTimeCodeRepository oneTimeCodes;
    private final RecoveryLinks links;

    public RecoveryFeature(TenantsFeature tenants, SessionsFeature sessions, MailFeature mail,
                           OneTimeCodeRepository oneTimeCodes, AccountRepository accounts, UserRepository users,
                           SessionRepository sessionStore, Credentials credentials, Essentials essentials) {
        OneTimeCodes codes = new OneTimeCodes(oneTimeCodes, essentials.secrets(), essentials.transactions(),
                essentials.clock(), essentials.ids(), essentials.settings().codeLifetimes());
        RecoveryLinks links = new RecoveryLinks(essentials.settings().devMode());
        this.oneTimeCodes = oneTimeCodes;
        this.links = links;
        MailboxProofs proofs = new MailboxProofs(users, sessionStore, sessions.revocations(), credentials.hasher(),
                essentials.secrets());
        this.proofs = proofs;
        this.verificationMails = new VerificationMails(codes, links, mail.composer());
        RecoveryKit kit = new RecoveryKit(tenants.directory(), codes, links, mail.composer(), proofs, verificationMails);
        this.passwordReset = new PasswordResetService(kit, users, sessionStore, sessions.revocations(), credentials,
                essentials);
        this.magicLinks = new MagicLinkService(kit, accounts, users, sessions.issuer(), credentials, essentials,
                mail.htmlSanitizer());
        this.emailVerification = new EmailVerificationService(kit, users, essentials);
        this.changePassword = new ChangePasswordService(kit, users, sessionStore, sessions.revocations(), credentials,
                essentials);
    }

    /** The first-proof rule, for other features whose sign-ins prove a mailbox (a provider's verified address). */
    public MailboxProofs mailboxProofs() {
        return proofs;
    }

    /** Where links in mails may point (the tenant's allowed redirect URLs), for other features that mail links. */
    public RecoveryLinks links() {
        return links;
    }

    /**
     * Inside the caller's unit of work: every one-time code (reset, magic link, verification) sent to the address
     * stops working, for another feature whose change moved the address to or from a user (an email change).
     */
    public void endCodesFor(TenantId tenant, EmailAddress email) {
        oneTimeCodes.deleteForAddress(tenant, email);
    }

    /** Where the links of the tenant's mails point when a request names no URL: its first allowed redirect URL. */
    public Optional<String> defaultLinkBase(Tenant tenant) {
        return links.base(tenant, Optional.empty(), "redirectUrl");
    }

    public VerificationMails verificationMails() {
        return verificationMails;
    }

    @Override
    public PasswordResetUseCase passwordReset() {
        return passwordReset;
    }

    @Override
    public MagicLinkUseCase magicLinks() {
        return magicLinks;
    }

    @Override
    public EmailVerificationUseCase emailVerification() {
        return emailVerification;
    }

    @Override
    public ChangePasswordUseCase changePassword() {
        return changePassword;
    }
}
