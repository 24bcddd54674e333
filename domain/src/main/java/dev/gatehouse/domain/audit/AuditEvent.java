package dev.gatehouse.domain.audit;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One security-relevant event of a tenant, written to the append-only audit log in the transaction of the
 * change it records.
 *
 * <p>{@code actor} is who did it and {@code subject} whom it concerned, each null when there is none (a failed
 * login for an unknown email has no subject; a sign-up is its own actor). Both are strings so that a user, a
 * secret key or the tenant's root token fit: use {@link #user(UserId)}, {@link #secretKey(UUID)} and
 * {@link #ROOT}. {@code details} are short facts (a role, a reason, a target account); they must never hold a
 * password, token, code or key: keys that look like one are refused, so a mistake fails in tests, not in
 * production logs.
 */
public record AuditEvent(TenantId tenant, AuditEventType type, String actor, String subject, String clientIp,
                         String userAgent, Instant time, Map<String, String> details) {
    /** The actor of an action taken with the tenant's root token. */
    public static final String ROOT = "root";
    /** The actor of an action taken by the operator (CLI or operator API), outside any tenant's credentials. */
    public static final String OPERATOR = "operator";
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_DETAILS = 16;
    public static final int MAX_DETAIL_KEY = 40;
    public static final int MAX_DETAIL_VALUE = 200;
    private static final Set<String> FORBIDDEN_KEY_PARTS = Set.of("password", "secret", "token", "code", "hash",
            "otp", "credential");

    public AuditEvent {
        Required.nonNull("tenant", tenant, "type", type, "time", time);
        actor = id(actor, "actor");
        subject = id(subject, "subject");
        ClientInfo client = new ClientInfo(clientIp, userAgent); // the same cleaning and limits as a session's
        clientIp = client.ipAddress();
        userAgent = client.userAgent();
        details = cleanDetails(details);
    }

    /** An event with no actor, subject or details yet; add them with the {@code with...} methods. */
    public static AuditEvent of(TenantId tenant, AuditEventType type, Instant time, ClientInfo client) {
        ClientInfo from = client == null ? ClientInfo.UNKNOWN : client;
        return new AuditEvent(tenant, type, null, null, from.ipAddress(), from.userAgent(), time, Map.of());
    }

    /** How a user appears as actor or subject: the user id. */
    public static String user(UserId id) {
        return id.value().toString();
    }

    /** How a secret key appears as actor: {@code key:<id>}. */
    public static String secretKey(UUID keyId) {
        return "key:" + keyId;
    }

    public AuditEvent withActor(String newActor) {
        return new AuditEvent(tenant, type, newActor, subject, clientIp, userAgent, time, details);
    }

    public AuditEvent withActor(UserId user) {
        return withActor(user(user));
    }

    public AuditEvent withSubject(String newSubject) {
        return new AuditEvent(tenant, type, actor, newSubject, clientIp, userAgent, time, details);
    }

    public AuditEvent withSubject(UserId user) {
        return withSubject(user(user));
    }

    public AuditEvent withDetail(String key, String value) {
        Map<String, String> more = new TreeMap<>(details);
        more.put(key, value);
        return new AuditEvent(tenant, type, actor, subject, clientIp, userAgent, time, more);
    }

    private static String id(String value, String what) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_ID_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be a non-blank id of at most " + MAX_ID_LENGTH
                    + " characters");
        }
        return value;
    }

    private static Map<String, String> cleanDetails(Map<String, String> details) {
        if (details == null || details.isEmpty()) {
            return Map.of();
        }
        if (details.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("an audit event has at most " + MAX_DETAILS + " details");
        }
        TreeMap<String, String> clean = new TreeMap<>();
        details.forEach((key, value) -> {
            if (key == null || !key.matches("[a-zA-Z][a-zA-Z0-9]{0," + (MAX_DETAIL_KEY - 1) + "}")) {
                throw new IllegalArgumentException("audit detail keys are short camel-case words: " + key);
            }
            String lower = key.toLowerCase(Locale.ROOT);
            for (String part : FORBIDDEN_KEY_PARTS) {
                if (lower.contains(part)) {
                    throw new IllegalArgumentException("audit details never carry secrets: '" + key + "'");
                }
            }
            Objects.requireNonNull(value, () -> "audit detail " + key);
            StringBuilder out = new StringBuilder();
            value.codePoints().filter(c -> !Character.isISOControl(c)).limit(MAX_DETAIL_VALUE)
                    .forEach(out::appendCodePoint);
            clean.put(key, out.toString());
        });
        return Collections.unmodifiableMap(clean);
    }
}
