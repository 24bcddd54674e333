package dev.gatehouse.application.mail;

import dev.gatehouse.application.mail.port.in.DevMailboxUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.mail.port.out.MailOutbox;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.user.EmailAddress;
import java.util.List;

/** Reads the outbox as a mailbox; dev mode only, and only with the tenant's root token. */
record DevMailboxService(MailOutbox outbox, boolean devMode) implements DevMailboxUseCase {
    @Override
    public List<Mail> mailsTo(RootAuthority authority, EmailAddress to) {
        if (!devMode) {
            throw new NotPermitted("the dev mailbox exists in dev mode only");
        }
        // Any address's mail, the root user's reset codes included: the tenant's root token only, never a key.
        TargetUserPolicy.checkMayActOnAnyUser(authority.asActor());
        return outbox.findRecentTo(authority.tenantId(), to.value(), MAX_MAILS).stream()
                .map(m -> new Mail(m.to(), m.fromAddress(), m.subject(), m.text(), m.html(), m.createdAt()))
                .toList();
    }
}
