package dev.gatehouse.application.mail;

import dev.gatehouse.application.mail.port.out.MailDeliveryFailed;
import dev.gatehouse.application.mail.port.out.MailOutbox;
import dev.gatehouse.application.mail.port.out.MailSender;
import dev.gatehouse.application.mail.port.out.MailTemplateRepository;
import dev.gatehouse.domain.mail.MailDeliveryPolicy;
import dev.gatehouse.domain.mail.OutboxMail;
import java.time.Duration;

/** Use cases built without mail: recording a mail fails loudly, delivery finds nothing to do. */
public final class NoMail {
    private NoMail() {
    }

    public static MailSetup mail() {
        MailOutbox refusing = new MailOutbox() {
            @Override
            public void enqueue(OutboxMail mail) {
                throw new IllegalStateException("mail is not wired into these use cases");
            }

            @Override
            public java.util.List<OutboxMail> claimDue(java.time.Instant now, Duration lease, int limit) {
                return java.util.List.of();
            }

            @Override
            public boolean markSent(java.util.UUID id, int attempt, java.time.Instant now, boolean keepBody) {
                return false;
            }

            @Override
            public boolean markRetry(java.util.UUID id, int attempt, java.time.Instant next, String error) {
                return false;
            }

            @Override
            public boolean markFailed(java.util.UUID id, int attempt, java.time.Instant now, String error,
                                      boolean keepBody) {
                return false;
            }

            @Override
            public int deleteFinishedBefore(java.time.Instant cutoff, int limit) {
                return 0;
            }

            @Override
            public java.util.Optional<OutboxMail> find(java.util.UUID id) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.List<OutboxMail> findRecentTo(dev.gatehouse.domain.tenant.TenantId tenant, String to,
                                                           int limit) {
                return java.util.List.of();
            }
        };
        MailTemplateRepository noTemplates = new MailTemplateRepository() {
            @Override
            public java.util.Optional<dev.gatehouse.domain.mail.MailTemplate> find(
                    dev.gatehouse.domain.tenant.TenantId tenant, dev.gatehouse.domain.mail.MailKind kind) {
                return java.util.Optional.empty();
            }

            @Override
            public void save(dev.gatehouse.domain.tenant.TenantId tenant, dev.gatehouse.domain.mail.MailKind kind,
                             dev.gatehouse.domain.mail.MailTemplate template, java.time.Instant now) {
                throw new IllegalStateException("mail is not wired into these use cases");
            }
        };
        MailSender noSender = mail -> {
            throw new MailDeliveryFailed(true, "mail is not wired", null);
        };
        return new MailSetup(refusing, noTemplates, noSender, "noreply@localhost", MailDeliveryPolicy.DEFAULT,
                Duration.ofMinutes(1), false);
    }
}
