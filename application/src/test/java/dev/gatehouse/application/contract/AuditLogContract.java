package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.audit.port.out.AuditTrail;
import dev.gatehouse.application.audit.port.out.AuditTrail.Entry;
import dev.gatehouse.application.audit.port.out.AuditTrail.Query;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} and {@link AuditTrail} must do; extended once per implementation. */
public abstract class AuditLogContract {
    private AuditLog log;
    private AuditTrail trail;
    private TransactionRunner transactions;
    private TenantId tenant;
    private TenantId otherTenant;

    /** The implementation under test; called once before each test. */
    protected abstract PersistencePorts ports();

    @BeforeEach
    void setUp() {
        PersistencePorts ports = ports();
        log = ports.auditLog();
        trail = ports.auditTrail();
        transactions = ports.transactions();
        tenant = new TenantId(UUID.randomUUID());
        otherTenant = new TenantId(UUID.randomUUID());
    }

    private void record(AuditEvent event) {
        transactions.inTransaction(() -> {
            log.record(event);
            return null;
        });
    }

    private AuditEvent event(TenantId in, AuditEventType type, Instant at) {
        return AuditEvent.of(in, type, at, new ClientInfo("203.0.113.7", "Test agent/1.0"));
    }

    private List<AuditEvent> events(Query query) {
        return trail.find(query).stream().map(Entry::event).toList();
    }

    @Test
    void keepsEveryFieldOfARecordedEvent() {
        UserId actor = new UserId(UUID.randomUUID());
        AuditEvent event = AuditEvent.of(tenant, AuditEventType.ROLE_CHANGED, T0,
                        new ClientInfo("2001:db8::1", "Mozilla/5.0 (X11) ünïcödé 😀"))
                .withActor(actor).withSubject(AuditEvent.secretKey(UUID.randomUUID()))
                .withDetail("from", "member").withDetail("to", "admin").withDetail("note", "ä😀");
        record(event);

        assertThat(events(Query.all(tenant, 10))).containsExactly(event);
    }

    @Test
    void keepsAnEventWithoutActorSubjectClientOrDetails() {
        AuditEvent event = AuditEvent.of(tenant, AuditEventType.LOGIN_FAILED, T0, null);
        record(event);

        assertThat(events(Query.all(tenant, 10))).containsExactly(event);
    }

    @Test
    void listsNewestFirstAndTheLaterRecordedFirstWhenTimesAreEqual() {
        AuditEvent first = event(tenant, AuditEventType.SIGN_UP, T0);
        AuditEvent second = event(tenant, AuditEventType.LOGIN_SUCCEEDED, T0);
        AuditEvent newest = event(tenant, AuditEventType.LOGOUT, T0.plusSeconds(1));
        AuditEvent oldest = event(tenant, AuditEventType.LOGIN_FAILED, T0.minusSeconds(1));
        record(first);
        record(second);
        record(newest);
        record(oldest);

        assertThat(events(Query.all(tenant, 10))).containsExactly(newest, second, first, oldest);
    }

    @Test
    void neverShowsOneTenantTheEventsOfAnother() {
        AuditEvent mine = event(tenant, AuditEventType.SIGN_UP, T0);
        AuditEvent theirs = event(otherTenant, AuditEventType.SIGN_UP, T0);
        record(mine);
        record(theirs);

        assertThat(events(Query.all(tenant, 10))).containsExactly(mine);
        assertThat(events(Query.all(otherTenant, 10))).containsExactly(theirs);
    }

    @Test
    void filtersByUserAsActorOrSubjectByTypeAndByATimeRange() {
        UserId alice = new UserId(UUID.randomUUID());
        UserId bob = new UserId(UUID.randomUUID());
        AuditEvent aliceActs = event(tenant, AuditEventType.ROLE_CHANGED, T0).withActor(alice).withSubject(bob);
        AuditEvent aliceIsSubject = event(tenant, AuditEventType.LOGIN_SUCCEEDED, T0.plusSeconds(10)).withSubject(alice);
        AuditEvent bobOnly = event(tenant, AuditEventType.LOGIN_SUCCEEDED, T0.plusSeconds(20)).withActor(bob).withSubject(bob);
        record(aliceActs);
        record(aliceIsSubject);
        record(bobOnly);

        Query all = Query.all(tenant, 10);
        assertThat(events(new Query(tenant, Optional.of(AuditEvent.user(alice)), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 10))).containsExactly(aliceIsSubject, aliceActs);
        assertThat(events(new Query(tenant, Optional.empty(), Optional.of(AuditEventType.LOGIN_SUCCEEDED),
                Optional.empty(), Optional.empty(), Optional.empty(), 10))).containsExactly(bobOnly, aliceIsSubject);
        // from is inclusive, to exclusive
        assertThat(events(new Query(tenant, Optional.empty(), Optional.empty(), Optional.of(T0.plusSeconds(10)),
                Optional.of(T0.plusSeconds(20)), Optional.empty(), 10))).containsExactly(aliceIsSubject);
        assertThat(events(new Query(tenant, Optional.of(AuditEvent.user(bob)), Optional.of(AuditEventType.ROLE_CHANGED),
                Optional.of(T0), Optional.empty(), Optional.empty(), 10))).containsExactly(aliceActs);
        assertThat(events(all)).hasSize(3);
    }

    @Test
    void pagesThroughEveryEventExactlyOnceWhenManyShareATime() {
        List<AuditEvent> recorded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AuditEvent event = event(tenant, AuditEventType.LOGIN_SUCCEEDED, T0.plusSeconds(i / 3))
                    .withDetail("n", Integer.toString(i));
            recorded.add(event);
            record(event);
        }

        List<AuditEvent> seen = new ArrayList<>();
        Optional<AuditTrail.Position> before = Optional.empty();
        int pages = 0;
        while (true) {
            List<Entry> page = trail.find(new Query(tenant, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), before, 2));
            if (page.isEmpty()) {
                break;
            }
            pages++;
            page.forEach(e -> seen.add(e.event()));
            before = Optional.of(page.get(page.size() - 1).position());
        }

        assertThat(pages).isEqualTo(4);
        assertThat(seen).containsExactlyElementsOf(recorded.reversed());
    }

    @Test
    void forgetsAnEventWhoseUnitOfWorkRollsBack() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            log.record(event(tenant, AuditEventType.USER_REMOVED, T0));
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(events(Query.all(tenant, 10))).isEmpty();
    }

    @Test
    void purgesOnlyEventsOlderThanTheCutoffInBatches() {
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
        Instant cutoff = longAgo.plus(Duration.ofDays(1));
        for (int i = 0; i < 5; i++) {
            record(event(tenant, AuditEventType.SIGN_UP, longAgo.plusSeconds(i)));
        }
        AuditEvent atCutoff = event(tenant, AuditEventType.LOGIN_SUCCEEDED, cutoff);
        AuditEvent recent = event(tenant, AuditEventType.LOGOUT, T0);
        record(atCutoff);
        record(recent);

        assertThat(trail.purgeOlderThan(cutoff, 2)).isEqualTo(2);
        assertThat(events(Query.all(tenant, 10))).hasSize(5);
        assertThat(trail.purgeOlderThan(cutoff, 2)).isEqualTo(2);
        assertThat(trail.purgeOlderThan(cutoff, 2)).isEqualTo(1);
        assertThat(trail.purgeOlderThan(cutoff, 2)).isZero();

        assertThat(events(Query.all(tenant, 10))).containsExactly(recent, atCutoff);
    }
}
