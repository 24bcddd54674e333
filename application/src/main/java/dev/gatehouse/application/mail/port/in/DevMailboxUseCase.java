package dev.gatehouse.application.mail.port.in;

import dev.gatehouse.application.port.in.RootAuthority;

import dev.gatehouse.domain.user.EmailAddress;
import java.time.Instant;
import java.util.List;

/**
 * The dev mailbox: in dev mode every mail stays readable in the outbox, so a developer (or a test) can
 * read the code or link that was sent without any mail server. Exists in dev mode only.
 */
public interface DevMailboxUseCase {
    int MAX_MAILS = 50;

    /** A mail as the dev mailbox shows it. */
    record Mail(String to, String from, String subject, String text, String html, Instant createdAt) {
    }

    /**
     * The tenant's latest mails to {@code to} (at most {@link #MAX_MAILS}), newest first.
     *
     * @throws dev.gatehouse.domain.error.NotPermitted outside dev mode, or for a key without every scope
     */
    List<Mail> mailsTo(RootAuthority authority, EmailAddress to);
}
