package dev.gatehouse.application.mail;

import dev.gatehouse.application.support.Settings;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.mail.port.in.DeliverMailUseCase;
import dev.gatehouse.application.mail.port.in.DevMailboxUseCase;
import dev.gatehouse.application.mail.port.in.EmailTemplatesUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.mail.port.out.OutgoingMail;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.mail.MailDeliveryPolicy;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.MailTemplate;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.mail.OutboxMail.Status;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MailUseCasesTest {
    private static final EmailAddress ADA = new EmailAddress("ada@example.com");

    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_mail");
    private final RootAuthority root = new RootAuthority(tenant.id());
    private final MailComposer composer = world.useCases.mailComposer();

    @Test
    void composerRecordsTheRenderedDefaultTemplateFromTheServerSender() {
        composer.send(tenant, MailKind.PASSWORD_RESET, ADA, Map.of("code", "c0de<1>", "link", "https://a.io/r?c=1&d=2",
                "expiresInMinutes", "60"));

        OutboxMail mail = world.mailOutbox.latestTo("ada@example.com").orElseThrow();
        assertThat(mail.status()).isEqualTo(Status.PENDING);
        assertThat(mail.kind()).isEqualTo(MailKind.PASSWORD_RESET);
        assertThat(mail.tenant()).isEqualTo(tenant.id());
        assertThat(mail.fromAddress()).isEqualTo(FakeWorld.SERVER_SENDER);
        assertThat(mail.subject()).isEqualTo("Reset your " + tenant.name() + " password");
        assertThat(mail.text()).contains("c0de<1>", "https://a.io/r?c=1&d=2", "ada@example.com", "60 minutes");
        assertThat(mail.html()).contains("c0de&lt;1&gt;", "https://a.io/r?c=1&amp;d=2").doesNotContain("c0de<1>");
        assertThat(mail.messageId()).isEqualTo("<" + mail.id() + "@gatehouse>");
    }

    @Test
    void composerUsesTheTenantsOwnTemplateForTheNextMail() {
        world.useCases.emailTemplates().put(root, MailKind.MAGIC_LINK,
                new MailTemplate("Log in to {{tenant}}", "Link: {{link}}", "<a href=\"{{link}}\">{{email}}</a>"));

        composer.send(tenant, MailKind.MAGIC_LINK, ADA, Map.of("link", "https://a.io/?x=<y>"));

        OutboxMail mail = world.mailOutbox.latestTo("ada@example.com").orElseThrow();
        assertThat(mail.subject()).isEqualTo("Log in to " + tenant.name());
        assertThat(mail.text()).isEqualTo("Link: https://a.io/?x=<y>");
        assertThat(mail.html()).isEqualTo("<a href=\"https://a.io/?x=&lt;y&gt;\">ada@example.com</a>");
    }

    @Test
    void aMailRecordedInAUnitOfWorkThatFailsIsNeverSent() {
        assertThatThrownBy(() -> world.transactions.inTransaction(() -> {
            composer.send(tenant, MailKind.PASSWORD_CHANGED, ADA, Map.of());
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(world.mailOutbox.all()).isEmpty();
        assertThat(world.useCases.deliverMail().deliverDue(() -> false)).isZero();
    }

    @Test
    void composedMailsKeepTheCallersPartsAndFallBackToTheTenantSender() {
        composer.sendComposed(tenant, MailKind.MAGIC_LINK, ADA, null, "Acme", "Your link", "Go: https://x.io", "");

        OutboxMail mail = world.mailOutbox.latestTo("ada@example.com").orElseThrow();
        assertThat(mail.fromAddress()).isEqualTo(FakeWorld.SERVER_SENDER);
        assertThat(mail.fromName()).isEqualTo("Acme");
        assertThat(mail.subject()).isEqualTo("Your link");
        assertThat(composer.senderOf(tenant)).isEqualTo(FakeWorld.SERVER_SENDER);
    }

    @Test
    void aTenantWithItsOwnDefaultSenderSendsFromIt() {
        Tenant withSender = new Tenant(tenant.id(), tenant.name(), tenant.publicKey(),
                tenant.settings().withDefaultSender("hello@acme.io"), tenant.created());

        composer.send(withSender, MailKind.PASSWORD_CHANGED, ADA, Map.of("changedAt", "now"));

        assertThat(world.mailOutbox.latestTo("ada@example.com").orElseThrow().fromAddress()).isEqualTo("hello@acme.io");
    }

    @Test
    void deliveryHandsTheMailOverOnceWithItsStableMessageIdAndClearsTheBodyOutsideDevMode() {
        composer.send(tenant, MailKind.PASSWORD_RESET, ADA, Map.of("code", "secret-code"));
        OutboxMail recorded = world.mailOutbox.latestTo("ada@example.com").orElseThrow();

        assertThat(world.useCases.deliverMail().deliverDue(() -> false)).isEqualTo(1);
        assertThat(world.useCases.deliverMail().deliverDue(() -> false)).isZero();

        List<OutgoingMail> sent = world.mailSender.sent();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).messageId()).isEqualTo(recorded.messageId());
        assertThat(sent.get(0).text()).contains("secret-code");
        OutboxMail after = world.mailOutbox.find(recorded.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(Status.SENT);
        assertThat(after.text() + after.html() + after.subject()).isEmpty();
        assertThat(after.finishedAt()).isEqualTo(world.clock.now());
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffUnderTheSameMessageId() {
        composer.send(tenant, MailKind.MAGIC_LINK, ADA, Map.of("code", "k"));
        world.mailSender.failTransiently();

        world.useCases.deliverMail().deliverDue(() -> false);
        OutboxMail waiting = world.mailOutbox.latestTo("ada@example.com").orElseThrow();
        assertThat(waiting.status()).isEqualTo(Status.PENDING);
        assertThat(waiting.lastError()).isEqualTo("connection refused");
        assertThat(waiting.nextAttemptAt()).isEqualTo(world.clock.now().plus(MailDeliveryPolicy.DEFAULT.firstRetry()));
        assertThat(world.useCases.deliverMail().deliverDue(() -> false)).as("not due before the backoff").isZero();

        world.clock.advance(MailDeliveryPolicy.DEFAULT.firstRetry());
        world.useCases.deliverMail().deliverDue(() -> false);
        assertThat(world.mailOutbox.find(waiting.id()).orElseThrow().nextAttemptAt())
                .as("second wait is twice the first")
                .isEqualTo(world.clock.now().plus(MailDeliveryPolicy.DEFAULT.firstRetry().multipliedBy(2)));

        world.mailSender.work();
        world.clock.advance(Duration.ofMinutes(1));
        world.useCases.deliverMail().deliverDue(() -> false);
        assertThat(world.mailSender.sent()).singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(waiting.messageId()));
        assertThat(world.mailOutbox.find(waiting.id()).orElseThrow().attempts()).isEqualTo(3);
    }

    @Test
    void finishedMailsArePurgedAfterTheRetentionPeriod() {
        composer.send(tenant, MailKind.PASSWORD_CHANGED, ADA, Map.of());
        world.useCases.deliverMail().deliverDue(() -> false);
        OutboxMail sent = world.mailOutbox.latestTo("ada@example.com").orElseThrow();

        world.clock.advance(DeliverMailUseCase.RETENTION.minusSeconds(1));
        assertThat(world.useCases.deliverMail().purgeFinished()).isZero();
        world.clock.advance(Duration.ofSeconds(2));
        assertThat(world.useCases.deliverMail().purgeFinished()).isEqualTo(1);
        assertThat(world.mailOutbox.find(sent.id())).isEmpty();
    }

    @Test
    void aPermanentFailureIsRecordedAndNeverRetried() {
        composer.send(tenant, MailKind.EMAIL_VERIFICATION, ADA, Map.of("code", "k"));
        world.mailSender.failPermanently();

        world.useCases.deliverMail().deliverDue(() -> false);
        world.mailSender.work();
        world.clock.advance(Duration.ofHours(1));

        assertThat(world.useCases.deliverMail().deliverDue(() -> false)).isZero();
        OutboxMail failed = world.mailOutbox.latestTo("ada@example.com").orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.lastError()).contains("550");
        assertThat(failed.text()).isEmpty();
        assertThat(world.mailSender.sent()).isEmpty();
    }

    @Test
    void aMailWhoseCodeExpiredBeforeDeliveryIsGivenUpAndLosesItsCode() {
        composer.send(tenant, MailKind.MAGIC_LINK, ADA, Map.of("code", "magic-code"));
        world.mailSender.failTransiently();
        for (int round = 0; round < 30; round++) {
            world.useCases.deliverMail().deliverDue(() -> false);
            world.clock.advance(Duration.ofMinutes(1));
        }

        OutboxMail failed = world.mailOutbox.latestTo("ada@example.com").orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.lastError()).contains("its code has expired");
        assertThat(failed.finishedAt()).isBeforeOrEqualTo(failed.createdAt().plus(Duration.ofMinutes(16)));
        assertThat(failed.text()).isEmpty();
    }

    @Test
    void aMailUndeliveredPastTheGiveUpTimeFailsWithItsLastError() {
        composer.send(tenant, MailKind.INVITATION, ADA, Map.of("code", "k"));
        world.mailSender.failTransiently();
        for (int round = 0; round < 200; round++) {
            world.useCases.deliverMail().deliverDue(() -> false);
            world.clock.advance(Duration.ofMinutes(10));
        }

        OutboxMail failed = world.mailOutbox.latestTo("ada@example.com").orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.lastError()).startsWith("gave up").contains("connection refused");
        assertThat(failed.finishedAt()).isBeforeOrEqualTo(failed.createdAt().plus(Duration.ofHours(25)));
        assertThat(failed.text()).isEmpty();
    }

    @Test
    void aWorkerThatDiedMidDeliveryIsReplacedOnceItsLeaseEnds() {
        composer.send(tenant, MailKind.PASSWORD_RESET, ADA, Map.of("code", "k"));
        List<OutboxMail> claimedByTheDeadWorker = world.mailOutbox.claimDue(world.clock.now(), Duration.ofMinutes(1), 10);
        assertThat(claimedByTheDeadWorker).hasSize(1);

        assertThat(world.useCases.deliverMail().deliverDue(() -> false)).as("still leased").isZero();
        world.clock.advance(Duration.ofMinutes(1));
        assertThat(world.useCases.deliverMail().deliverDue(() -> false)).isEqualTo(1);

        assertThat(world.mailSender.sent()).hasSize(1);
        assertThat(world.mailOutbox.markSent(claimedByTheDeadWorker.get(0).id(), 1, world.clock.now(), false))
                .as("the late report of the replaced worker is ignored").isFalse();
    }

    @Test
    void aWorkerToldToStopFinishesTheMailItIsSendingAndReleasesTheRestOfItsClaimAtOnce() {
        for (String who : List.of("a", "b", "c")) {
            composer.send(tenant, MailKind.PASSWORD_RESET, new EmailAddress(who + "@example.com"), Map.of("code", who));
        }
        int[] asked = {0};
        // asked before the claim, before the first mail and before the second: stop once the first is sent
        assertThat(world.useCases.deliverMail().deliverDue(() -> ++asked[0] > 2)).as("claimed").isEqualTo(3);

        assertThat(world.mailSender.sent()).hasSize(1);
        List<OutboxMail> released = world.mailOutbox.all().stream().filter(m -> m.status() == Status.PENDING).toList();
        assertThat(released).hasSize(2).allSatisfy(mail -> {
            assertThat(mail.leaseUntil()).as("lease ended").isNull();
            assertThat(mail.nextAttemptAt()).as("due at once").isEqualTo(world.clock.now());
            assertThat(mail.lastError()).isNull();
        });
        assertThat(world.useCases.deliverMail().deliverDue(() -> true)).as("a stopped worker claims nothing").isZero();

        assertThat(world.useCases.deliverMail().deliverDue(() -> false)).as("the next round, no lease to wait for")
                .isEqualTo(2);
        assertThat(world.mailSender.sent()).extracting(OutgoingMail::messageId).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void templatesNeedTheSettingsScopeAndAreValidatedForTheirKind() {
        EmailTemplatesUseCase templates = world.useCases.emailTemplates();
        assertThat(templates.get(root, MailKind.INVITATION).builtIn()).isTrue();
        assertThat(templates.get(root, MailKind.INVITATION).placeholders()).contains("inviter", "email", "tenant");

        assertThatThrownBy(() -> templates.put(root, MailKind.PASSWORD_CHANGED, new MailTemplate("s", "{{code}}", "")))
                .isInstanceOf(InvalidInput.class);
        RootAuthority readOnly = new RootAuthority(tenant.id(), Set.of(Scope.USERS_READ));
        assertThatThrownBy(() -> templates.get(readOnly, MailKind.INVITATION)).isInstanceOf(NotPermitted.class);

        templates.put(root, MailKind.INVITATION, new MailTemplate("Join", "{{link}}", ""));
        assertThat(templates.get(root, MailKind.INVITATION).builtIn()).isFalse();
        assertThat(world.audit.events()).filteredOn(e -> e.type() == AuditEventType.EMAIL_TEMPLATE_CHANGED)
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(AuditEvent.ROOT);
                    assertThat(e.details()).containsEntry("kind", "invitation");
                });
        Tenant other = world.newTenant("pk_other");
        assertThat(templates.get(new RootAuthority(other.id()), MailKind.INVITATION).builtIn()).isTrue();
    }

    @Test
    void theDevMailboxShowsTheTenantsMailsNewestFirstInDevModeOnly() {
        FakeWorld dev = new FakeWorld(Settings.DEFAULT.withDevMode(true));
        Tenant devTenant = dev.newTenant("pk_dev");
        Tenant other = dev.newTenant("pk_dev_other");
        MailComposer devComposer = dev.useCases.mailComposer();
        devComposer.send(devTenant, MailKind.PASSWORD_RESET, ADA, Map.of("code", "first"));
        dev.clock.advance(Duration.ofSeconds(1));
        devComposer.send(devTenant, MailKind.MAGIC_LINK, ADA, Map.of("code", "second"));
        devComposer.send(other, MailKind.MAGIC_LINK, ADA, Map.of("code", "other tenant"));
        dev.useCases.deliverMail().deliverDue(() -> false);

        List<DevMailboxUseCase.Mail> mails = dev.useCases.devMailbox().mailsTo(new RootAuthority(devTenant.id()), ADA);

        assertThat(mails).extracting(DevMailboxUseCase.Mail::text)
                .satisfiesExactly(t -> assertThat(t).contains("second"), t -> assertThat(t).contains("first"));
        assertThat(mails.get(0).from()).isEqualTo(FakeWorld.SERVER_SENDER);
        assertThatThrownBy(() -> dev.useCases.devMailbox().mailsTo(
                RootAuthority.ofSecretKey(devTenant.id(), Scope.ALL, java.util.UUID.randomUUID()), ADA))
                .as("a key, even with every scope").isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> world.useCases.devMailbox().mailsTo(root, ADA)).isInstanceOf(NotPermitted.class);
    }
}
