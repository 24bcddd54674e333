package dev.gatehouse.application.emailchange;

import dev.gatehouse.application.mail.MailComposer;
import dev.gatehouse.domain.emailchange.EmailChangeRevert;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The mails of an email change (docs/mail.md): the code to the new address, and the notices to the current one when
 * the change starts and once it is made. The notices show the new address masked ({@link EmailAddress#masked()}):
 * the old mailbox may no longer be the user's alone. Recorded in the caller's unit of work.
 */
record EmailChangeMails(MailComposer composer, Duration codeLifetime) {

    private Map<String, String> codeValues(String code) {
        return Map.of("code", code, "expiresInMinutes", String.valueOf(codeLifetime.toMinutes()));
    }

    void code(Tenant tenant, EmailAddress to, String code) {
        composer.send(tenant, MailKind.EMAIL_CHANGE, to, codeValues(code));
    }

    /** The code mail's work without sending it (a taken address gets a notice instead: the same work). */
    void renderCode(Tenant tenant, EmailAddress to, String code) {
        composer.render(tenant, MailKind.EMAIL_CHANGE, to, codeValues(code));
    }

    void requested(Tenant tenant, EmailAddress current, EmailAddress requested, Instant now) {
        composer.send(tenant, MailKind.EMAIL_CHANGE_REQUESTED, current, Map.of(
                "newEmailMasked", requested.masked(),
                "requestedAt", now.toString(),
                "expiresInMinutes", String.valueOf(codeLifetime.toMinutes())));
    }

    /** To the old address: the change was made; {@code link} (possibly empty) and {@code token} undo it. */
    void changed(Tenant tenant, EmailAddress old, EmailAddress now, Instant at, String link, String token) {
        composer.send(tenant, MailKind.EMAIL_CHANGED, old, Map.of(
                "newEmailMasked", now.masked(),
                "changedAt", at.toString(),
                "link", link,
                "token", token,
                "expiresInDays", String.valueOf(EmailChangeRevert.LIFETIME.toDays())));
    }
}
