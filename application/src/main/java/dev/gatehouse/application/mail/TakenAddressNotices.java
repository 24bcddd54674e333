package dev.gatehouse.application.mail;

import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;

/**
 * Under {@code signupEnumerationProtection} a request for an address that is taken answers like one for a free
 * address, and the address's owner is told by mail instead. These notices are limited per address
 * ({@code signupNoticesPerAccount}, 5 an hour by default), whichever route triggered them, so nobody can use
 * sign-ups or account additions to flood a mailbox; over the limit nothing is sent and the caller's answer does
 * not change. Call it outside any unit of work (the counter stands alone); the mail is recorded in its own.
 */
public final class TakenAddressNotices {
    private final MailComposer mail;
    private final Essentials essentials;

    TakenAddressNotices(MailComposer mail, Essentials essentials) {
        this.mail = mail;
        this.essentials = essentials;
    }

    /** Someone tried to sign up with {@code email}, which has an account. */
    public void signUpAttempted(Tenant tenant, EmailAddress email, ClientInfo client) {
        send(tenant, email, client, "Sign-up attempt at " + tenant.name(),
                "Someone tried to create an account at " + tenant.name() + " with " + email.value()
                        + ".\n\nYou already have an account with this address: sign in, or reset your password if you"
                        + " forgot it. If this was not you, you can ignore this mail; nothing was changed.\n");
    }

    /** An account admin tried to add {@code email}, which has an account, as a user of their account. */
    public void additionAttempted(Tenant tenant, EmailAddress email, ClientInfo client) {
        send(tenant, email, client, "Someone tried to add you to an account at " + tenant.name(),
                "Someone tried to add " + email.value() + " as a user of an account at " + tenant.name()
                        + ".\n\nYou already have an account with this address, so nothing was changed: sign in with"
                        + " it as before. If you expected this, tell the person who invited you to use another"
                        + " address; otherwise you can ignore this mail.\n");
    }

    /** A signed-in user asked to move their account to {@code email}, which another account has. */
    public void emailChangeAttempted(Tenant tenant, EmailAddress email, ClientInfo client) {
        send(tenant, email, client, "Someone tried to use your address at " + tenant.name(),
                "Someone signed in to another account at " + tenant.name() + " asked to change its address to "
                        + email.value() + ".\n\nYou already have an account with this address, so nothing was changed"
                        + " and no code was sent: your account stays as it is. If this was you, sign in with this"
                        + " address instead; otherwise you can ignore this mail.\n");
    }

    private void send(Tenant tenant, EmailAddress email, ClientInfo client, String subject, String text) {
        if (!essentials.limiter().mayNotifyTakenAddress(tenant, email, client)) {
            return;
        }
        essentials.transactions().inTransaction(() -> {
            mail.sendComposed(tenant, MailKind.EMAIL_VERIFICATION, email, null, "", subject, text, "");
            return null;
        });
    }
}
