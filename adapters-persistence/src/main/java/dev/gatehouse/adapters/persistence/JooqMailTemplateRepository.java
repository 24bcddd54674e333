package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.MAIL_TEMPLATE;

import dev.gatehouse.application.mail.port.out.MailTemplateRepository;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.MailTemplate;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** Tenants' mail templates in {@code mail_template}, one row per tenant and kind. */
final class JooqMailTemplateRepository extends JooqStore implements MailTemplateRepository {
    JooqMailTemplateRepository(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public Optional<MailTemplate> find(TenantId tenant, MailKind kind) {
        return dsl.selectFrom(MAIL_TEMPLATE)
                .where(MAIL_TEMPLATE.TENANT_ID.eq(tenant.value())).and(MAIL_TEMPLATE.KIND.eq(kind.name()))
                .fetchOptional(r -> new MailTemplate(r.getSubject(), r.getTextBody(), r.getHtmlBody()));
    }

    @Override
    public void save(TenantId tenant, MailKind kind, MailTemplate template, Instant now) {
        // Insert-or-update in one statement (MERGE is standard SQL; jOOQ renders the dialect's form), so two
        // concurrent first saves cannot both insert.
        dsl.insertInto(MAIL_TEMPLATE)
                .set(MAIL_TEMPLATE.TENANT_ID, tenant.value())
                .set(MAIL_TEMPLATE.KIND, kind.name())
                .set(MAIL_TEMPLATE.SUBJECT, template.subject())
                .set(MAIL_TEMPLATE.TEXT_BODY, template.text())
                .set(MAIL_TEMPLATE.HTML_BODY, template.html())
                .set(MAIL_TEMPLATE.UPDATED, now)
                .onConflict(MAIL_TEMPLATE.TENANT_ID, MAIL_TEMPLATE.KIND)
                .doUpdate()
                .set(MAIL_TEMPLATE.SUBJECT, template.subject())
                .set(MAIL_TEMPLATE.TEXT_BODY, template.text())
                .set(MAIL_TEMPLATE.HTML_BODY, template.html())
                .set(MAIL_TEMPLATE.UPDATED, now)
                .execute();
    }
}
