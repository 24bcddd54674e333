package dev.gatehouse.application.recovery;

import dev.gatehouse.application.mail.MailComposer;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.util.Map;
import java.util.Optional;

/** Sends a user a code (and link) that proves their address: on request, on sign-up, when a user is added. */
public record VerificationMails(OneTimeCodes codes, RecoveryLinks links, MailComposer mail) {

    /** Inside the caller's unit of work: a new verification code for the user, mailed with a link on this base. */
    void send(Tenant tenant, User user, Optional<String> base) {
        OneTimeCodes.Issued issued = codes.prepare(tenant.id(), CodeKind.EMAIL_VERIFICATION, user.email(),
                Optional.of(user.id()));
        codes.store(issued);
        mail.send(tenant, MailKind.EMAIL_VERIFICATION, user.email(), Map.of(
                "code", issued.plain(),
                "link", OneTimeCodes.link(base.orElse(null), issued.plain(), user.email()),
                "expiresInMinutes", String.valueOf(codes.lifetime(CodeKind.EMAIL_VERIFICATION).toMinutes())));
    }

    /**
     * Inside the caller's unit of work: the verification mail of a new user (sign-up, a user added to an account),
     * linking to the tenant's first allowed redirect URL.
     */
    public void sendOnSignUp(Tenant tenant, User user) {
        send(tenant, user, links.base(tenant, Optional.empty(), "redirectUrl"));
    }
}
