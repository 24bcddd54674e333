package dev.gatehouse.bootstrap.observability;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.tenant.RateLimitKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AuditLog} port, counting what it records: the security events become metrics without a use case
 * knowing. Every label value is taken from a fixed list (an event type, a known reason, a rate-limit kind), never from
 * the event's subject, actor, tenant or free text; anything else is counted as {@code other}.
 *
 * <ul>
 *   <li>{@code gatehouse_audit_events_total{type}}: every event, by type;</li>
 *   <li>{@code gatehouse_logins_total{outcome, reason}}: {@code succeeded} (a password sign-in that opened a session,
 *       directly or after its second step) and {@code failed} with the reason the audit log keeps
 *       ({@code unknown_email}, {@code wrong_password}, {@code user_disabled}, {@code user_changed_during_sign_in});
 *       {@code mfa_required} is counted by {@link CountingAuthUseCases};</li>
 *   <li>{@code gatehouse_mfa_total{outcome, method}}: second steps {@code verified} and {@code failed},
 *       {@code reauthenticated}, factors {@code enabled}, {@code disabled}, {@code reset_by_admin};</li>
 *   <li>{@code gatehouse_password_resets_total{outcome}}: {@code requested}, {@code requested_unknown_address},
 *       {@code issued_by_admin}, {@code completed};</li>
 *   <li>{@code gatehouse_rate_limit_trips_total{limit}}: a limit tripped (once per window and key, as the audit log
 *       records it; every refused request is a 429 in {@code http_server_requests_seconds}).</li>
 * </ul>
 *
 * <p>An event is counted once the store accepted it, inside the caller's unit of work: an event whose unit of work
 * later rolls back is counted although it is not kept. The counted kinds are recorded either in a unit of work of
 * their own (failed sign-ins, failed second steps, rate-limit trips) or as the last step of theirs, so that this is
 * rare; the audit log stays the record, the metrics show rates.
 */
final class AuditEventCounters implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditEventCounters.class);
    static final String NONE = "none";
    static final String OTHER = "other";
    static final String LOGINS = "gatehouse.logins";
    private static final Map<String, String> LOGIN_FAILURES = Map.of("unknownEmail", "unknown_email",
            "wrongPassword", "wrong_password", "userDisabled", "user_disabled",
            "userChangedDuringSignIn", "user_changed_during_sign_in");
    private static final Set<String> MFA_METHODS = Set.of("totp", "recovery_code", "enrolment", "password");
    private static final Set<String> RATE_LIMITS = Arrays.stream(RateLimitKind.values()).map(RateLimitKind::wireName)
            .collect(Collectors.toUnmodifiableSet());

    private final AuditLog delegate;
    private final MeterRegistry registry;

    AuditEventCounters(AuditLog delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        // Every sign-in series from the start, at zero: a rate over a series that appears late misses its first hits.
        counter(LOGINS, "outcome", "succeeded", "reason", NONE);
        counter(LOGINS, "outcome", "mfa_required", "reason", NONE);
        LOGIN_FAILURES.values().forEach(reason -> counter(LOGINS, "outcome", "failed", "reason", reason));
    }

    @Override
    public void record(AuditEvent event) {
        delegate.record(event);
        try {
            count(event);
        } catch (RuntimeException e) {
            LOG.warn("counting an audit event of type {} failed: {}", event.type(), e.toString());
        }
    }

    private void count(AuditEvent event) {
        Map<String, String> details = event.details();
        counter("gatehouse.audit.events", "type", event.type().name().toLowerCase(Locale.ROOT)).increment();
        switch (event.type()) {
            case LOGIN_SUCCEEDED -> {
                login("succeeded", NONE);
                String secondFactor = details.get("secondFactor");
                if (secondFactor != null) {
                    mfa("verified", secondFactor);
                }
            }
            case LOGIN_FAILED -> login("failed", LOGIN_FAILURES.getOrDefault(details.getOrDefault("reason", ""), OTHER));
            case MFA_CHALLENGE_FAILED -> mfa("failed", details.get("method"));
            case REAUTHENTICATED -> mfa("reauthenticated", details.get("method"));
            case MFA_ENABLED -> mfa("enabled", "totp");
            case MFA_DISABLED -> mfa("disabled", "totp");
            case MFA_RESET_BY_ADMIN -> mfa("reset_by_admin", NONE);
            case PASSWORD_RESET_REQUESTED -> passwordReset(details.containsKey("mailed") ? "issued_by_admin"
                    : "false".equals(details.get("knownAddress")) ? "requested_unknown_address" : "requested");
            case PASSWORD_RESET_COMPLETED -> passwordReset("completed");
            case RATE_LIMIT_TRIPPED -> {
                String limit = details.getOrDefault("limit", "");
                counter("gatehouse.rate.limit.trips", "limit", RATE_LIMITS.contains(limit) ? limit : OTHER).increment();
            }
            default -> {
                // counted by type above only
            }
        }
    }

    private void login(String outcome, String reason) {
        counter(LOGINS, "outcome", outcome, "reason", reason).increment();
    }

    private void mfa(String outcome, String method) {
        counter("gatehouse.mfa", "outcome", outcome, "method",
                method == null ? NONE : MFA_METHODS.contains(method) ? method : OTHER).increment();
    }

    private void passwordReset(String outcome) {
        counter("gatehouse.password.resets", "outcome", outcome).increment();
    }

    private Counter counter(String name, String... tags) {
        return registry.counter(name, tags);
    }
}
