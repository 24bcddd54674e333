package dev.gatehouse.application.support;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.support.port.out.LoginSourceStore;
import dev.gatehouse.application.support.port.out.RateLimitStore;
import dev.gatehouse.application.support.port.out.RateLimitStore.WindowCounts;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.RateLimited;
import dev.gatehouse.domain.policy.SlidingWindow;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.IpRange;
import dev.gatehouse.domain.tenant.RateLimit;
import dev.gatehouse.domain.tenant.RateLimitKind;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The rate limits and the brute-force protection of the unauthenticated routes (ADR 0017, docs/security.md).
 * Every limit is a sliding window over counters in a {@link RateLimitStore} shared by all processes, keyed by a
 * hash of (tenant, kind, subject): a client's network source, a normalised email (whether or not an account has
 * it, so a 429 reveals nothing), or both. A tenant's {@code rateLimits} setting overrides each kind's default.
 * Hits are counted before the work they guard, so concurrent requests cannot slip past a limit together. The
 * per-source and per-account limits of a flow come first and the tenant's budget last: a request refused by the
 * former never counts against the latter.
 *
 * <p>Sign-in: the source's sign-ins, the sign-ins to one account from one source (reset by a success there), the
 * account's cap from all sources together, which sources that signed in to the account in the last 30 days skip
 * (an attacker cannot lock the owner out), then the tenant's budget for unauthenticated requests.
 */
public final class RateLimiter {
    /** A source that signed in to an account successfully this recently is exempt from the account's cap. */
    public static final Duration KNOWN_SOURCE_PERIOD = Duration.ofDays(30);
    /** IPv6 clients are counted per /64: one host commonly holds the whole prefix. */
    private static final int IPV6_PREFIX = 64;
    private static final String UNKNOWN_SOURCE = "unknown";

    private final RateLimitStore store;
    private final LoginSourceStore sources;
    private final AuditLog audit;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final boolean enabled;

    public RateLimiter(RateLimitStore store, LoginSourceStore sources, AuditLog audit, TransactionRunner transactions,
                       Clock clock, boolean enabled) {
        this.store = store;
        this.sources = sources;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** Before a sign-in with a password: throws {@link RateLimited} when any of its limits is exhausted. */
    public void beforeLogin(Tenant tenant, EmailAddress email, ClientInfo client) {
        if (!enabled) {
            return;
        }
        String source = source(client);
        hit(tenant, RateLimitKind.LOGIN_PER_IP, source, client, null);
        hit(tenant, RateLimitKind.LOGIN_PER_ACCOUNT, pair(email, source), client, email);
        Instant since = clock.now().minus(KNOWN_SOURCE_PERIOD);
        if (!sources.knows(key(tenant, "account", email.value()), key(tenant, "source", source), since)) {
            hit(tenant, RateLimitKind.FAILED_LOGINS_PER_ACCOUNT, email.value(), client, email);
        }
        tenantBudget(tenant, client);
    }

    /**
     * Before checking the current password of a signed-in user (password change): a stolen access token must not
     * open a way around the sign-in throttles, so the same per-(account, source) and per-account limits apply.
     */
    public void beforePasswordCheck(Tenant tenant, EmailAddress email, ClientInfo client) {
        if (!enabled) {
            return;
        }
        String source = source(client);
        hit(tenant, RateLimitKind.LOGIN_PER_ACCOUNT, pair(email, source), client, email);
        Instant since = clock.now().minus(KNOWN_SOURCE_PERIOD);
        if (!sources.knows(key(tenant, "account", email.value()), key(tenant, "source", source), since)) {
            hit(tenant, RateLimitKind.FAILED_LOGINS_PER_ACCOUNT, email.value(), client, email);
        }
    }

    /** After a successful sign-in: the source becomes known to the account and its failures there are forgiven. */
    public void loginSucceeded(Tenant tenant, EmailAddress email, ClientInfo client) {
        if (!enabled) {
            return;
        }
        String source = source(client);
        sources.remember(key(tenant, "account", email.value()), key(tenant, "source", source), clock.now());
        store.reset(bucket(tenant, RateLimitKind.LOGIN_PER_ACCOUNT, pair(email, source)));
    }

    /** Before opening a new account (sign-up, registration). */
    public void beforeSignUp(Tenant tenant, ClientInfo client) {
        if (!enabled) {
            return;
        }
        hit(tenant, RateLimitKind.SIGNUP_PER_IP, source(client), client, null);
        tenantBudget(tenant, client);
    }

    /** Before sending a password-reset, magic-link or verification mail to {@code email}. */
    public void beforeRecoveryRequest(Tenant tenant, EmailAddress email, ClientInfo client) {
        if (!enabled) {
            return;
        }
        hit(tenant, RateLimitKind.RECOVERY_PER_IP, source(client), client, null);
        hit(tenant, RateLimitKind.RECOVERY_PER_ACCOUNT, email.value(), client, email);
        tenantBudget(tenant, client);
    }

    /**
     * Before mailing an invitation to {@code email}: it counts against the address's limit for recovery mails
     * ({@code recoveryPerAccount}), so invitations and recovery mails together bound what one mailbox is sent.
     */
    public void beforeInvitationMail(Tenant tenant, EmailAddress email, ClientInfo client) {
        if (!enabled) {
            return;
        }
        hit(tenant, RateLimitKind.RECOVERY_PER_ACCOUNT, email.value(), client, email);
    }

    /**
     * Before an email change mails its code to {@code requested} and its notice to {@code current}: the recovery mail
     * limits of the source and of each address (so neither mailbox can be flooded through changes), then the budget.
     */
    public void beforeEmailChange(Tenant tenant, EmailAddress current, EmailAddress requested, ClientInfo client) {
        if (!enabled) {
            return;
        }
        hit(tenant, RateLimitKind.RECOVERY_PER_IP, source(client), client, null);
        hit(tenant, RateLimitKind.RECOVERY_PER_ACCOUNT, requested.value(), client, requested);
        hit(tenant, RateLimitKind.RECOVERY_PER_ACCOUNT, current.value(), client, current);
        tenantBudget(tenant, client);
    }

    /**
     * Before checking a one-time code or link token; {@code email} when the request names the account, else null
     * (a token alone names none: then only the source's limit applies).
     */
    public void beforeCodeCheck(Tenant tenant, EmailAddress email, ClientInfo client) {
        if (!enabled) {
            return;
        }
        hit(tenant, RateLimitKind.CODE_PER_IP, source(client), client, null);
        if (email != null) {
            hit(tenant, RateLimitKind.CODE_PER_ACCOUNT, email.value(), client, email);
        }
        tenantBudget(tenant, client);
    }

    /**
     * Before mailing the owner of a taken address a notice that someone signed up, or was added to an account,
     * with it: false when the address has had its notices for now ({@code signupNoticesPerAccount}), and then no
     * mail is sent. Never throws: the request answers exactly as if the notice went out.
     */
    public boolean mayNotifyTakenAddress(Tenant tenant, EmailAddress email, ClientInfo client) {
        if (!enabled) {
            return true;
        }
        try {
            hit(tenant, RateLimitKind.SIGNUP_NOTICES_PER_ACCOUNT, email.value(), client, email);
            return true;
        } catch (RateLimited enough) {
            return false;
        }
    }

    /**
     * Before a signed-in user adds a user to an account: the acting user's additions, then the tenant's (a
     * request refused for the actor does not count against the tenant).
     */
    public void beforeUserAddition(Tenant tenant, UserId actor, ClientInfo client) {
        if (!enabled) {
            return;
        }
        hit(tenant, RateLimitKind.USER_ADDITIONS_PER_ACTOR, actor.toString(), client, null);
        hit(tenant, RateLimitKind.USER_ADDITIONS_PER_TENANT, "", client, null);
    }

    /** Before a signed-in user's export of their own data: {@link RateLimitKind#EXPORTS_PER_USER}. */
    public void beforeOwnDataExport(Tenant tenant, UserId user, ClientInfo client) {
        if (!enabled) {
            return;
        }
        hit(tenant, RateLimitKind.EXPORTS_PER_USER, user.toString(), client, null);
    }

    /**
     * Before checking a second-factor code of {@code user} (sign-in verification, re-authentication, factor
     * changes): every check counts against the user's cap until a right code resets it
     * ({@link #secondFactorSucceeded}), and against the source's code limit.
     */
    public void beforeSecondFactorCheck(Tenant tenant, UserId user, ClientInfo client) {
        if (!enabled) {
            return;
        }
        hit(tenant, RateLimitKind.CODE_PER_IP, source(client), client, null);
        hit(tenant, RateLimitKind.MFA_CODES_PER_USER, user.toString(), client, null);
    }

    /** After a right second-factor code: the user's wrong codes are forgiven. */
    public void secondFactorSucceeded(Tenant tenant, UserId user) {
        if (!enabled) {
            return;
        }
        store.reset(bucket(tenant, RateLimitKind.MFA_CODES_PER_USER, user.toString()));
    }

    /** Before each step of a provider sign-in (start, callback, exchange): the source's limit, then the budget. */
    public void beforeProviderSignIn(Tenant tenant, ClientInfo client) {
        if (!enabled) {
            return;
        }
        hit(tenant, RateLimitKind.OAUTH_PER_IP, source(client), client, null);
        tenantBudget(tenant, client);
    }

    /** Other routes that no credential guards (a refresh token's exchange): the tenant's overall budget only. */
    public void beforeUnauthenticated(Tenant tenant, ClientInfo client) {
        if (!enabled) {
            return;
        }
        tenantBudget(tenant, client);
    }

    /**
     * The tenant's budget for unauthenticated requests, always counted last: a request that a per-source or
     * per-account limit refused never reaches it, so one address flooding a flow cannot use the budget up and
     * answer every other client of the tenant 429 (issue 11, item 3).
     */
    private void tenantBudget(Tenant tenant, ClientInfo client) {
        hit(tenant, RateLimitKind.TENANT_UNAUTHENTICATED, "", client, null);
    }

    /** The limit that applies to the tenant: its override, else the default. */
    public static RateLimit limitOf(Tenant tenant, RateLimitKind kind) {
        return tenant.settings().rateLimit(kind);
    }

    /**
     * Counts one hit; over the limit, throws {@link RateLimited}, and the first time per window (in any process)
     * records {@code RATE_LIMIT_TRIPPED}: the limit's name, its window, and the account it guards, if any.
     */
    private void hit(Tenant tenant, RateLimitKind kind, String subject, ClientInfo client, EmailAddress email) {
        RateLimit limit = limitOf(tenant, kind);
        Instant now = clock.now();
        Instant start = SlidingWindow.windowStart(now, limit.window());
        String bucket = bucket(tenant, kind, subject);
        WindowCounts counts = store.hit(bucket, start, limit.window());
        SlidingWindow.Decision decision = SlidingWindow.decide(limit.limit(), counts.current(), counts.previous(),
                Duration.between(start, now), limit.window());
        if (!decision.allowed()) {
            if (store.trip(bucket, start)) {
                AuditEvent tripped = AuditEvent.of(tenant.id(), AuditEventType.RATE_LIMIT_TRIPPED, now, client)
                        .withDetail("limit", kind.wireName())
                        .withDetail("windowSeconds", Long.toString(limit.window().toSeconds()));
                AuditEvent event = email == null ? tripped : tripped.withDetail("account", email.value());
                transactions.inTransaction(() -> {
                    audit.record(event);
                    return null;
                });
            }
            throw new RateLimited(decision.retryAfter());
        }
    }

    /**
     * The network source a client is counted as: its IPv4 address, or the /64 prefix of its IPv6 address;
     * anything unparsable (no address known) is one shared source.
     */
    public static String source(ClientInfo client) {
        String address = client == null ? "" : client.ipAddress();
        if (address == null || address.isEmpty()) {
            return UNKNOWN_SOURCE;
        }
        try {
            IpRange exact = IpRange.parse(address);
            return exact.network().length == 16 ? IpRange.parse(address + "/" + IPV6_PREFIX).toString() : exact.toString();
        } catch (RuntimeException unparsable) {
            return UNKNOWN_SOURCE;
        }
    }

    private static String pair(EmailAddress email, String source) {
        return email.value() + "\n" + source;
    }

    private static String bucket(Tenant tenant, RateLimitKind kind, String subject) {
        return key(tenant, kind.name(), subject);
    }

    /** A SHA-256 of the parts, base64url: the store never holds an email or an address. */
    private static String key(Tenant tenant, String kind, String subject) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((tenant.id().value() + "\n" + kind + "\n" + subject)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
