package dev.gatehouse.application.mail.port.out;

import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.MailTemplate;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Each tenant's own mail templates, at most one per kind; a kind without one uses the built-in default. */
public interface MailTemplateRepository {

    Optional<MailTemplate> find(TenantId tenant, MailKind kind);

    /** Stores the tenant's template of this kind, replacing any earlier one. */
    void save(TenantId tenant, MailKind kind, MailTemplate template, Instant now);
}
