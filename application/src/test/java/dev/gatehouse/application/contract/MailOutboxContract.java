package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.mail.port.out.MailOutbox;
import dev.gatehouse.application.mail.port.out.MailTemplateRepository;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.MailTemplate;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.mail.OutboxMail.Status;
import dev.gatehouse.domain.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MailOutbox} and {@link MailTemplateRepository} must do; extended once per implementation.
 * Claims are global, and the tests of one class share a database: each test therefore works in its own stretch
 * of time, earlier than every test before it, so mails left pending by earlier tests are never due in it.
 */
public abstract class MailOutboxContract {
    private static final AtomicInteger TEST_NUMBER = new AtomicInteger();
    private static final Duration LEASE = Duration.ofMinutes(1);

    private MailPorts ports;
    private MailOutbox outbox;
    private Tenant tenant;
    private Tenant otherTenant;
    private Instant now;

    /** The implementation under test; called once before each test. */
    protected abstract MailPorts ports();

    @BeforeEach
    void setUp() {
        ports = ports();
        outbox = ports.outbox();
        tenant = tenant();
        otherTenant = tenant();
        ports.tenants().insert(tenant);
        ports.tenants().insert(otherTenant);
        now = T0.minus(Duration.ofDays(30L * TEST_NUMBER.incrementAndGet()));
    }

    private OutboxMail mail(Tenant owner, String to, Instant at) {
        return OutboxMail.pending(UUID.randomUUID(), owner.id(), MailKind.PASSWORD_RESET, to, "noreply@example.com",
                "Example Ünïcode", "Reset your password", "code: abc <x>", "<p>code: <b>abc</b> é</p>", at);
    }

    private OutboxMail enqueued(Instant at) {
        OutboxMail mail = mail(tenant, "ada-" + UUID.randomUUID() + "@example.com", at);
        ports.transactions().inTransaction(() -> {
            outbox.enqueue(mail);
            return null;
        });
        return mail;
    }

    @Test
    void keepsEveryFieldOfAnEnqueuedMail() {
        OutboxMail mail = enqueued(now);

        assertThat(outbox.find(mail.id())).contains(mail);
    }

    @Test
    void aMailEnqueuedInAUnitOfWorkThatRollsBackIsNotKept() {
        OutboxMail mail = mail(tenant, "x@example.com", now);
        assertThatThrownBy(() -> ports.transactions().inTransaction(() -> {
            outbox.enqueue(mail);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(outbox.find(mail.id())).isEmpty();
        assertThat(outbox.claimDue(now, LEASE, 10)).isEmpty();
    }

    @Test
    void claimsDueMailsOldestFirstUpToTheLimitRaisingAttemptsAndLeasing() {
        OutboxMail second = enqueued(now.plusSeconds(2));
        OutboxMail first = enqueued(now.plusSeconds(1));
        OutboxMail third = enqueued(now.plusSeconds(3));
        OutboxMail notYetDue = enqueued(now.plusSeconds(60));
        Instant claimAt = now.plusSeconds(10);

        List<OutboxMail> claimed = outbox.claimDue(claimAt, LEASE, 2);

        assertThat(claimed).extracting(OutboxMail::id).containsExactly(first.id(), second.id());
        assertThat(claimed).allSatisfy(m -> {
            assertThat(m.attempts()).isEqualTo(1);
            assertThat(m.leaseUntil()).isEqualTo(claimAt.plus(LEASE));
            assertThat(m.status()).isEqualTo(Status.PENDING);
            assertThat(m.text()).isEqualTo("code: abc <x>");
        });
        assertThat(outbox.claimDue(claimAt, LEASE, 10)).extracting(OutboxMail::id).containsExactly(third.id());
        assertThat(outbox.claimDue(claimAt, LEASE, 10)).as("leased or not yet due").isEmpty();
        assertThat(outbox.find(notYetDue.id()).orElseThrow().attempts()).isZero();
    }

    @Test
    void aLeasedMailIsClaimedAgainOnceItsLeaseEndsAndTheStaleReportIsIgnored() {
        OutboxMail mail = enqueued(now);
        OutboxMail firstClaim = outbox.claimDue(now, LEASE, 1).get(0);

        assertThat(outbox.claimDue(now.plus(LEASE).minusSeconds(1), LEASE, 1)).isEmpty();
        OutboxMail secondClaim = outbox.claimDue(now.plus(LEASE), LEASE, 1).get(0);

        assertThat(secondClaim.id()).isEqualTo(mail.id());
        assertThat(secondClaim.attempts()).isEqualTo(2);
        assertThat(outbox.markSent(mail.id(), firstClaim.attempts(), now.plus(LEASE), false)).isFalse();
        assertThat(outbox.markSent(mail.id(), secondClaim.attempts(), now.plus(LEASE), false)).isTrue();
        assertThat(outbox.markFailed(mail.id(), secondClaim.attempts(), now.plus(LEASE), "late", false))
                .as("a finished mail stays finished").isFalse();
    }

    @Test
    void aSentMailLosesItsSubjectAndBodiesUnlessTheyAreKept() {
        OutboxMail cleared = enqueued(now);
        OutboxMail kept = enqueued(now);
        List<OutboxMail> claimed = outbox.claimDue(now, LEASE, 10);
        assertThat(claimed).hasSize(2);

        assertThat(outbox.markSent(cleared.id(), 1, now.plusSeconds(1), false)).isTrue();
        assertThat(outbox.markSent(kept.id(), 1, now.plusSeconds(1), true)).isTrue();

        OutboxMail sent = outbox.find(cleared.id()).orElseThrow();
        assertThat(sent.status()).isEqualTo(Status.SENT);
        assertThat(sent.finishedAt()).isEqualTo(now.plusSeconds(1));
        assertThat(sent.leaseUntil()).isNull();
        assertThat(sent.subject() + sent.text() + sent.html()).isEmpty();
        assertThat(sent.to()).isEqualTo(cleared.to());
        assertThat(outbox.find(kept.id()).orElseThrow().text()).isEqualTo("code: abc <x>");
        assertThat(outbox.claimDue(now.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
    }

    @Test
    void aRetriedMailIsDueAgainAtItsNextAttemptWithItsError() {
        OutboxMail mail = enqueued(now);
        outbox.claimDue(now, LEASE, 1);

        assertThat(outbox.markRetry(mail.id(), 1, now.plusSeconds(30), "421 try later")).isTrue();

        OutboxMail waiting = outbox.find(mail.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(Status.PENDING);
        assertThat(waiting.leaseUntil()).isNull();
        assertThat(waiting.nextAttemptAt()).isEqualTo(now.plusSeconds(30));
        assertThat(waiting.lastError()).isEqualTo("421 try later");
        assertThat(waiting.text()).as("kept for the next attempt").isEqualTo(mail.text());
        assertThat(outbox.claimDue(now.plusSeconds(29), LEASE, 1)).isEmpty();
        assertThat(outbox.claimDue(now.plusSeconds(30), LEASE, 1)).extracting(OutboxMail::attempts).containsExactly(2);
    }

    @Test
    void aFailedMailKeepsItsReasonAndIsNeverClaimedAgain() {
        OutboxMail mail = enqueued(now);
        outbox.claimDue(now, LEASE, 1);

        assertThat(outbox.markFailed(mail.id(), 1, now.plusSeconds(2), "550 no such user", false)).isTrue();

        OutboxMail failed = outbox.find(mail.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.lastError()).isEqualTo("550 no such user");
        assertThat(failed.finishedAt()).isEqualTo(now.plusSeconds(2));
        assertThat(failed.text() + failed.html() + failed.subject()).isEmpty();
        assertThat(outbox.claimDue(now.plus(Duration.ofDays(2)), LEASE, 10)).isEmpty();
    }

    @Test
    void deletesOnlyFinishedMailsThatFinishedBeforeTheCutoffInBatches() {
        OutboxMail sentLongAgo = enqueued(now);
        OutboxMail failedLongAgo = enqueued(now);
        OutboxMail sentRecently = enqueued(now);
        OutboxMail pending = enqueued(now);
        outbox.claimDue(now, LEASE, 10);
        outbox.markSent(sentLongAgo.id(), 1, now.plusSeconds(1), false);
        outbox.markFailed(failedLongAgo.id(), 1, now.plusSeconds(2), "550", false);
        outbox.markSent(sentRecently.id(), 1, now.plusSeconds(100), false);
        Instant cutoff = now.plusSeconds(50);

        assertThat(outbox.deleteFinishedBefore(cutoff, 1)).isEqualTo(1);
        assertThat(outbox.deleteFinishedBefore(cutoff, 10)).isEqualTo(1);
        assertThat(outbox.deleteFinishedBefore(cutoff, 10)).isZero();

        assertThat(outbox.find(sentLongAgo.id())).isEmpty();
        assertThat(outbox.find(failedLongAgo.id())).isEmpty();
        assertThat(outbox.find(sentRecently.id())).isPresent();
        assertThat(outbox.find(pending.id())).isPresent();
    }

    @Test
    void listsATenantsMailsToOneAddressNewestFirst() {
        String to = "bob-" + UUID.randomUUID() + "@example.com";
        List<OutboxMail> mails = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mails.add(mail(tenant, to, now.plusSeconds(i)));
        }
        OutboxMail otherTenants = mail(otherTenant, to, now.plusSeconds(9));
        OutboxMail otherAddress = mail(tenant, "not-" + to, now.plusSeconds(9));
        ports.transactions().inTransaction(() -> {
            mails.forEach(outbox::enqueue);
            outbox.enqueue(otherTenants);
            outbox.enqueue(otherAddress);
            return null;
        });

        assertThat(outbox.findRecentTo(tenant.id(), to, 10)).extracting(OutboxMail::id)
                .containsExactly(mails.get(2).id(), mails.get(1).id(), mails.get(0).id());
        assertThat(outbox.findRecentTo(tenant.id(), to, 2)).hasSize(2);
        assertThat(outbox.findRecentTo(otherTenant.id(), to, 10)).extracting(OutboxMail::id)
                .containsExactly(otherTenants.id());
    }

    @Test
    void concurrentClaimersNeverClaimTheSameMail() throws InterruptedException {
        Set<UUID> ids = new HashSet<>();
        ports.transactions().inTransaction(() -> {
            for (int i = 0; i < 60; i++) {
                OutboxMail mail = mail(tenant, "race-" + i + "@example.com", now.plusMillis(i));
                outbox.enqueue(mail);
                ids.add(mail.id());
            }
            return null;
        });
        Instant claimAt = now.plusSeconds(10);

        List<List<UUID>> claims = Race.run(8, racer -> () -> {
            List<UUID> mine = new ArrayList<>();
            for (List<OutboxMail> batch = outbox.claimDue(claimAt, LEASE, 3); !batch.isEmpty();
                 batch = outbox.claimDue(claimAt, LEASE, 3)) {
                batch.forEach(m -> mine.add(m.id()));
            }
            return mine;
        });

        List<UUID> all = claims.stream().flatMap(List::stream).toList();
        assertThat(all).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).isEqualTo(ids);
        assertThat(ids).allSatisfy(id -> assertThat(outbox.find(id).orElseThrow().attempts()).isEqualTo(1));
    }

    @Test
    void storesOneTemplatePerTenantAndKindAndReplacesIt() {
        MailTemplateRepository templates = ports.templates();
        MailTemplate first = new MailTemplate("Hi {{email}}", "Code {{code}}", "<p>{{code}} é</p>");
        MailTemplate second = new MailTemplate("Again", "Link {{link}}", "");

        assertThat(templates.find(tenant.id(), MailKind.PASSWORD_RESET)).isEmpty();
        ports.transactions().inTransaction(() -> {
            templates.save(tenant.id(), MailKind.PASSWORD_RESET, first, now);
            return null;
        });
        assertThat(templates.find(tenant.id(), MailKind.PASSWORD_RESET)).contains(first);
        templates.save(tenant.id(), MailKind.PASSWORD_RESET, second, now.plusSeconds(1));

        assertThat(templates.find(tenant.id(), MailKind.PASSWORD_RESET)).contains(second);
        assertThat(templates.find(tenant.id(), MailKind.MAGIC_LINK)).isEmpty();
        assertThat(templates.find(otherTenant.id(), MailKind.PASSWORD_RESET)).isEmpty();
    }
}
