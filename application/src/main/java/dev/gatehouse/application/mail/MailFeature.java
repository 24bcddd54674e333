package dev.gatehouse.application.mail;

import dev.gatehouse.application.mail.port.in.DeliverMailUseCase;
import dev.gatehouse.application.mail.port.in.DevMailboxUseCase;
import dev.gatehouse.application.mail.port.in.EmailTemplatesUseCase;
import dev.gatehouse.application.mail.port.in.MailUseCases;
import dev.gatehouse.application.mail.port.out.MailHtmlSanitizer;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.mail.MailKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Wires the mail feature. The other features send mail through {@link #composer()} (inside their unit of work:
 * a mail is recorded in the outbox with the change that caused it) and {@link #notices()}.
 */
public final class MailFeature implements MailUseCases {
    /** How many mails one delivery round claims at most. */
    public static final int MAIL_BATCH = 5;

    private final MailSetup mail;
    private final MailComposer composer;
    private final TakenAddressNotices notices;
    private final MailDeliveryService delivery;
    private final DevMailboxService devMailbox;
    private final EmailTemplatesService templates;

    public MailFeature(MailSetup mail, Essentials essentials) {
        this.mail = mail;
        this.composer = new MailComposer(mail.templates(), mail.outbox(), essentials.clock(), essentials.ids(),
                mail.serverSender());
        this.notices = new TakenAddressNotices(composer, essentials);
        this.delivery = new MailDeliveryService(mail.outbox(), mail.sender(), essentials.clock(), mail.policy(),
                mail.lease(), MAIL_BATCH, mail.keepBodies(), codeLifetimesByMailKind(essentials.settings()));
        this.devMailbox = new DevMailboxService(mail.outbox(), essentials.settings().devMode());
        this.templates = new EmailTemplatesService(mail.templates(), essentials.transactions(), essentials.clock(),
                essentials.audit());
    }

    /** How long the code a mail carries stays valid: such a mail is given up once its code has expired. */
    private static Map<MailKind, Duration> codeLifetimesByMailKind(Settings settings) {
        Map<MailKind, Duration> lifetimes = new EnumMap<>(MailKind.class);
        for (CodeKind code : CodeKind.values()) {
            lifetimes.put(MailKind.valueOf(code.name()), settings.codeLifetimes().getOrDefault(code, code.defaultLifetime()));
        }
        // An email change's code lives as long as a reset code (docs/adr/0027-email-change.md).
        lifetimes.put(MailKind.EMAIL_CHANGE, lifetimes.get(MailKind.PASSWORD_RESET));
        return lifetimes;
    }

    public MailComposer composer() {
        return composer;
    }

    public TakenAddressNotices notices() {
        return notices;
    }

    /** How caller-written mail HTML is cleaned before it is sent. */
    public MailHtmlSanitizer htmlSanitizer() {
        return mail.htmlSanitizer();
    }

    @Override
    public DeliverMailUseCase deliverMail() {
        return delivery;
    }

    @Override
    public DevMailboxUseCase devMailbox() {
        return devMailbox;
    }

    @Override
    public EmailTemplatesUseCase emailTemplates() {
        return templates;
    }
}
