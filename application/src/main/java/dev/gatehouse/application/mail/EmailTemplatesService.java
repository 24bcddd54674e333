package dev.gatehouse.application.mail;

import dev.gatehouse.application.mail.port.in.EmailTemplatesUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.mail.port.out.MailTemplateRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.mail.DefaultMailTemplates;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.MailTemplate;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads and replaces a tenant's mail templates; the composer reads the store on every mail. A replacement is
 * audited (EMAIL_TEMPLATE_CHANGED, with the kind) in its transaction.
 */
record EmailTemplatesService(MailTemplateRepository templates, TransactionRunner transactions, Clock clock,
                             AuditLog audit) implements EmailTemplatesUseCase {
    @Override
    public View get(RootAuthority authority, MailKind kind) {
        authority.require(Scope.SETTINGS_ADMIN);
        Optional<MailTemplate> own = templates.find(authority.tenantId(), kind);
        return new View(kind, own.orElseGet(() -> DefaultMailTemplates.of(kind)), own.isEmpty(), kind.placeholders());
    }

    @Override
    public View put(RootAuthority authority, MailKind kind, MailTemplate template) {
        authority.require(Scope.SETTINGS_ADMIN);
        template.requireValidFor(kind);
        transactions.inTransaction(() -> {
            Instant now = clock.now();
            templates.save(authority.tenantId(), kind, template, now);
            audit.record(authority.auditEvent(AuditEventType.EMAIL_TEMPLATE_CHANGED, now).withDetail("kind", kind.slug()));
            return null;
        });
        return new View(kind, template, false, kind.placeholders());
    }
}
