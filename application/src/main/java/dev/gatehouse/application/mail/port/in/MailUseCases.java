package dev.gatehouse.application.mail.port.in;

/** The mail feature's use cases: delivering the outbox, the dev mailbox and the tenants' templates. */
public interface MailUseCases {
    DeliverMailUseCase deliverMail();

    DevMailboxUseCase devMailbox();

    EmailTemplatesUseCase emailTemplates();
}
