package dev.gatehouse.application.mail;

import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.mail.port.out.MailOutbox;
import dev.gatehouse.application.mail.port.out.MailTemplateRepository;
import dev.gatehouse.domain.mail.DefaultMailTemplates;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.MailTemplate;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns "send this kind of mail to this user" into a rendered mail in the outbox. Services call it inside
 * their unit of work; it only writes the outbox row (delivery happens after commit, see
 * {@link MailDeliveryService}), so nothing here waits on SMTP and a rollback sends nothing.
 *
 * <p>The template is the tenant's own for the kind or the built-in default. Values fill its
 * {@code {{placeholders}}} (HTML-escaped in the HTML part); {@code email} (the recipient) and {@code tenant}
 * (the tenant's name) are filled in here. The sender is the tenant's default sender or, when it has none,
 * the server's ({@code GATEHOUSE_MAIL_FROM}).
 */
public final class MailComposer {
    private final MailTemplateRepository templates;
    private final MailOutbox outbox;
    private final Clock clock;
    private final IdGenerator ids;
    private final String serverSender;

    MailComposer(MailTemplateRepository templates, MailOutbox outbox, Clock clock, IdGenerator ids,
                 String serverSender) {
        this.templates = Objects.requireNonNull(templates, "templates");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.serverSender = Objects.requireNonNull(serverSender, "server sender");
    }

    /** Renders the tenant's template of this kind for {@code to} and records it in the outbox. */
    public void send(Tenant tenant, MailKind kind, EmailAddress to, Map<String, String> values) {
        send(tenant, kind, to, values, null);
    }

    /**
     * The same, from {@code fromAddress} when it is not null: an address the caller has checked against the
     * tenant's allowed senders (the compat magic link's {@code fromEmail}).
     */
    public void send(Tenant tenant, MailKind kind, EmailAddress to, Map<String, String> values, String fromAddress) {
        MailTemplate.Rendered mail = render(tenant, kind, to, values);
        enqueue(tenant, kind, to, fromAddress == null || fromAddress.isBlank() ? senderOf(tenant) : fromAddress, "",
                mail.subject(), mail.text(), mail.html());
    }

    /** The tenant's template of this kind rendered for {@code to}, without recording anything. */
    public MailTemplate.Rendered render(Tenant tenant, MailKind kind, EmailAddress to, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("email", to.value());
        all.put("tenant", tenant.name());
        return templateOf(tenant.id(), kind).render(all);
    }

    /**
     * Records a mail whose parts the caller composed itself (the compat magic link, whose subject and
     * body come from the client). The caller has checked the sender against the tenant's allowed senders;
     * a null {@code fromAddress} means the tenant's sender. {@code fromName} is a display name only.
     */
    public void sendComposed(Tenant tenant, MailKind kind, EmailAddress to, String fromAddress, String fromName,
                      String subject, String text, String html) {
        enqueue(tenant, kind, to, fromAddress == null || fromAddress.isBlank() ? senderOf(tenant) : fromAddress,
                fromName, subject, text, html);
    }

    /** The address the tenant's mails come from: its default sender, else the server's. */
    public String senderOf(Tenant tenant) {
        String own = tenant.settings().defaultSender();
        return own == null ? serverSender : own;
    }

    /** The tenant's own template of this kind, or the built-in default. */
    public MailTemplate templateOf(TenantId tenant, MailKind kind) {
        return templates.find(tenant, kind).orElseGet(() -> DefaultMailTemplates.of(kind));
    }

    private void enqueue(Tenant tenant, MailKind kind, EmailAddress to, String from, String fromName, String subject,
                         String text, String html) {
        outbox.enqueue(OutboxMail.pending(ids.newId(), tenant.id(), kind, to.value(), from, fromName, subject, text,
                html, clock.now()));
    }
}
