package dev.gatehouse.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.persistence.OutboxBacklog;
import dev.gatehouse.application.auth.port.in.AuthUseCases;
import dev.gatehouse.application.auth.port.in.ExternalTokenUseCase;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.contract.PersistenceMother;
import dev.gatehouse.application.port.in.CacheStats;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus metrics over fakes: security events counted from the audit log with bounded labels, sign-ins
 * answered with a second step, request timers, caches and the outbox backlog; nothing of a user (an address, an id)
 * in any label. The running server's series: AuditAndScreeningE2EIT.
 */
class MetricsTest {
    private static final Pattern LABEL_VALUE = Pattern.compile("=\"([^\"]*)\"");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final Metrics metrics = Metrics.prometheus(() -> NOW);
    private final Tenant tenant = PersistenceMother.tenant();
    private final List<AuditEvent> stored = new ArrayList<>();

    @AfterEach
    void close() {
        metrics.close();
    }

    private AuditEvent event(AuditEventType type) {
        return AuditEvent.of(tenant.id(), type, NOW, new ClientInfo("203.0.113.9", "agent"))
                .withSubject(new UserId(UUID.randomUUID()));
    }

    @Test
    void countsSecurityEventsByKindWithLabelsFromFixedListsOnly() {
        AuditLog audit = metrics.counting(stored::add);
        audit.record(event(AuditEventType.LOGIN_SUCCEEDED));
        audit.record(event(AuditEventType.LOGIN_SUCCEEDED).withDetail("secondFactor", "recovery_code"));
        audit.record(event(AuditEventType.LOGIN_FAILED).withDetail("reason", "wrongPassword"));
        audit.record(AuditEvent.of(tenant.id(), AuditEventType.LOGIN_FAILED, NOW, ClientInfo.UNKNOWN)
                .withDetail("reason", "unknownEmail").withDetail("email", "someone@example.com"));
        audit.record(event(AuditEventType.LOGIN_FAILED).withDetail("reason", "a reason nobody listed"));
        audit.record(event(AuditEventType.MFA_CHALLENGE_FAILED).withDetail("purpose", "signIn")
                .withDetail("method", "totp"));
        audit.record(event(AuditEventType.PASSWORD_RESET_REQUESTED).withDetail("knownAddress", "false"));
        audit.record(event(AuditEventType.PASSWORD_RESET_REQUESTED).withDetail("knownAddress", "true"));
        audit.record(event(AuditEventType.PASSWORD_RESET_COMPLETED));
        audit.record(event(AuditEventType.RATE_LIMIT_TRIPPED).withDetail("limit", "loginPerIp")
                .withDetail("account", "victim@example.com"));
        audit.record(event(AuditEventType.RATE_LIMIT_TRIPPED).withDetail("limit", "made-up"));

        assertThat(stored).hasSize(11); // every event reached the audit log itself
        String scrape = metrics.scrape();
        assertThat(scrape).contains(
                "gatehouse_logins_total{outcome=\"succeeded\",reason=\"none\"} 2.0",
                "gatehouse_logins_total{outcome=\"failed\",reason=\"wrong_password\"} 1.0",
                "gatehouse_logins_total{outcome=\"failed\",reason=\"unknown_email\"} 1.0",
                "gatehouse_logins_total{outcome=\"failed\",reason=\"other\"} 1.0",
                "gatehouse_logins_total{outcome=\"mfa_required\",reason=\"none\"} 0.0",
                "gatehouse_logins_total{outcome=\"failed\",reason=\"user_disabled\"} 0.0",
                "gatehouse_mfa_total{method=\"recovery_code\",outcome=\"verified\"} 1.0",
                "gatehouse_mfa_total{method=\"totp\",outcome=\"failed\"} 1.0",
                "gatehouse_password_resets_total{outcome=\"requested\"} 1.0",
                "gatehouse_password_resets_total{outcome=\"requested_unknown_address\"} 1.0",
                "gatehouse_password_resets_total{outcome=\"completed\"} 1.0",
                "gatehouse_rate_limit_trips_total{limit=\"loginPerIp\"} 1.0",
                "gatehouse_rate_limit_trips_total{limit=\"other\"} 1.0",
                "gatehouse_audit_events_total{type=\"login_failed\"} 3.0");
        assertNoUserDataInLabels(scrape);
    }

    @Test
    void anEventTheAuditLogRefusesIsNotCounted() {
        AuditLog audit = metrics.counting(event -> {
            throw new IllegalStateException("the store is down");
        });

        assertThatThrownBy(() -> audit.record(event(AuditEventType.LOGIN_SUCCEEDED)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(metrics.scrape()).contains("gatehouse_logins_total{outcome=\"succeeded\",reason=\"none\"} 0.0");
    }

    @Test
    void countsSignInsAnsweredWithASecondStep() {
        metrics.counting(stored::add); // the sign-in series, as the server has them
        Account account = PersistenceMother.account(tenant);
        User user = PersistenceMother.user(account, PersistenceMother.uniqueEmail());
        AuthUseCases auth = metrics.counting(new AuthUseCases() {
            @Override
            public RegisterUserUseCase registerUser() {
                throw new UnsupportedOperationException();
            }

            @Override
            public LoginUseCase login() {
                return command -> new SecondFactorRequired(user, "mfa_token", MfaChallenge.Purpose.VERIFY, NOW);
            }

            @Override
            public ExternalTokenUseCase externalTokens() {
                throw new UnsupportedOperationException();
            }
        });

        auth.login().login(null);
        auth.login().login(null);

        assertThat(metrics.scrape()).contains("gatehouse_logins_total{outcome=\"mfa_required\",reason=\"none\"} 2.0");
    }

    @Test
    void timesRequestsByRouteTemplateMethodAndStatusInBuckets() {
        metrics.requests().answered("GET", "/v1/admin/users/{id}", 200, 3_000_000);
        metrics.requests().answered("GET", "/v1/admin/users/{id}", 200, 40_000_000);
        metrics.requests().answered("GET", "UNMATCHED", 404, 1_000_000);

        String scrape = metrics.scrape();
        assertThat(scrape).contains(
                "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/admin/users/{id}\",status=\"200\"} 2",
                "http_server_requests_seconds_bucket{method=\"GET\",route=\"/v1/admin/users/{id}\",status=\"200\",le=\"0.005\"} 1",
                "http_server_requests_seconds_bucket{method=\"GET\",route=\"/v1/admin/users/{id}\",status=\"200\",le=\"0.05\"} 2",
                "http_server_requests_seconds_count{method=\"GET\",route=\"UNMATCHED\",status=\"404\"} 1");
    }

    @Test
    void readsCachesAndTheOutboxBacklogAsTheyAreNow() {
        CacheStats[] users = {new CacheStats(0, 0, 0)};
        metrics.watchCache("users", () -> users[0]);
        users[0] = new CacheStats(9, 1, 4);
        AtomicInteger queries = new AtomicInteger();
        OutboxBacklogGauges outbox = new OutboxBacklogGauges(() -> {
            queries.incrementAndGet();
            return new OutboxBacklog(3, Optional.of(NOW.minusSeconds(90)));
        }, () -> NOW);
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        outbox.bindTo(registry);

        assertThat(metrics.scrape()).contains("gatehouse_cache_requests_total{cache=\"users\",result=\"hit\"} 9.0",
                "gatehouse_cache_requests_total{cache=\"users\",result=\"miss\"} 1.0", "gatehouse_cache_size{cache=\"users\"} 4.0");
        String outboxScrape = registry.scrape() + registry.scrape();
        assertThat(outboxScrape).contains("gatehouse_mail_outbox_pending 3.0",
                "gatehouse_mail_outbox_oldest_pending_age_seconds 90.0");
        assertThat(queries).as("one query at start; a scrape within the refresh period asks none").hasValue(1);
        registry.close();
    }

    @Test
    void readsTheAgeOfTheRevocationFeedAsItIsNow() {
        java.time.Instant[] lastRead = {NOW.minusSeconds(3)};
        metrics.watchRevocationFeed(() -> lastRead[0]);
        assertThat(metrics.scrape()).contains("gatehouse_revocation_feed_age_seconds 3.0");
        lastRead[0] = NOW.minusMillis(16_500);
        assertThat(metrics.scrape()).contains("gatehouse_revocation_feed_age_seconds 16.5");
    }

    @Test
    void offKeepsNothingAndHandsBackWhatItGets() {
        Metrics off = Metrics.off();
        AuditLog audit = stored::add;

        assertThat(off.counting(audit)).isSameAs(audit);
        assertThat(off.requests()).isSameAs(dev.gatehouse.adapters.http.RequestObserver.NONE);
        assertThatThrownBy(off::scrape).hasMessageContaining("GATEHOUSE_MANAGEMENT_PORT");
    }

    /** No label value that looks like user data: an address, or an id (users, tenants, sessions). */
    static void assertNoUserDataInLabels(String scrape) {
        scrape.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
            Matcher values = LABEL_VALUE.matcher(line);
            while (values.find()) {
                assertThat(values.group(1)).as(line).doesNotContain("@");
                assertThat(UUID_TEXT.matcher(values.group(1)).find()).as(line).isFalse();
            }
        });
    }
}
