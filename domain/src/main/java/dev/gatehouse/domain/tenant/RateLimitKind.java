package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.WireNames;
import dev.gatehouse.domain.error.InvalidInput;
import java.time.Duration;
import java.util.Locale;

/**
 * The rate limits a tenant may override in {@link TenantSettings#rateLimits()}, with their defaults; the wire name
 * of a constant is its lower camel case ({@code LOGIN_PER_IP} is {@code loginPerIp}). Every limit is a sliding
 * window shared by all server processes; a "source" is a client's IPv4 address or IPv6 /64 (after trusted
 * proxies), an "account" a normalised email, whether or not a user has it. docs/security.md explains the choice.
 */
public enum RateLimitKind {
    /** Password sign-ins from one source, to any accounts (credential stuffing, spraying). */
    LOGIN_PER_IP(RateLimit.perMinute(60)),
    /**
     * Password sign-ins to one account from one source: the per-(account, source) throttle. A successful sign-in
     * resets it for that source.
     */
    LOGIN_PER_ACCOUNT(new RateLimit(10, Duration.ofMinutes(15))),
    /** New accounts opened from one source (sign-up and StaticBackend registration). */
    SIGNUP_PER_IP(RateLimit.perHour(20)),
    /** Password-reset, magic-link and verification mails requested from one source. */
    RECOVERY_PER_IP(RateLimit.perHour(20)),
    /** Password-reset, magic-link and verification mails requested for one account (mail bombing). */
    RECOVERY_PER_ACCOUNT(RateLimit.perHour(5)),
    /** One-time codes and link tokens checked from one source (each code also allows only a few tries). */
    CODE_PER_IP(new RateLimit(30, Duration.ofMinutes(15))),
    /** One-time codes checked for one account, where the request names it. */
    CODE_PER_ACCOUNT(new RateLimit(10, Duration.ofMinutes(15))),
    /** All requests to the tenant's unauthenticated routes together (token-only routes are never counted). */
    TENANT_UNAUTHENTICATED(RateLimit.perMinute(6000)),
    /**
     * Sign-in attempts to one account from all sources together, not counting sources that signed in to that
     * account successfully in the last 30 days: the cap an attacker meets, and the owner never does.
     */
    FAILED_LOGINS_PER_ACCOUNT(RateLimit.perHour(100)),
    /**
     * Notices mailed to the owner of a taken address under {@code signupEnumerationProtection} (someone signed up,
     * or was added to an account, with it): over the limit nothing is sent and the answer does not change.
     */
    SIGNUP_NOTICES_PER_ACCOUNT(RateLimit.perHour(5)),
    /** Users added to accounts (compat and native account routes) by one acting user. */
    USER_ADDITIONS_PER_ACTOR(RateLimit.perHour(30)),
    /** Users added to accounts by all acting users of the tenant together. */
    USER_ADDITIONS_PER_TENANT(RateLimit.perHour(1000)),
    /**
     * Second-factor codes (TOTP or recovery) checked for one user, from all sources and sign-in attempts
     * together, counted since the user's last right code: what stops guessing six digits across many
     * {@code mfaToken}s and processes (each token also dies after 5 wrong codes).
     */
    MFA_CODES_PER_USER(new RateLimit(10, Duration.ofMinutes(15))),
    /**
     * Provider sign-ins from one source: each start, callback and exchange of a browser sign-in counts (a sign-in
     * costs three), so 60 allows about 20 sign-ins in 15 minutes from one address.
     */
    OAUTH_PER_IP(new RateLimit(60, Duration.ofMinutes(15))),
    /**
     * Exports of a user's own data ({@code GET /v1/me/export}) by that user: each gathers up to 10,000 audit events,
     * so a token in a loop would be a cheap way to load the database.
     */
    EXPORTS_PER_USER(RateLimit.perHour(10));

    private final RateLimit defaultLimit;
    private final String wireName;

    RateLimitKind(RateLimit defaultLimit) {
        this.defaultLimit = defaultLimit;
        this.wireName = lowerCamel(name());
    }

    public RateLimit defaultLimit() {
        return defaultLimit;
    }

    /** The JSON name: {@code loginPerIp} for {@code LOGIN_PER_IP}. */
    public String wireName() {
        return wireName;
    }

    public static RateLimitKind fromWireName(String name) {
        return WireNames.find(values(), RateLimitKind::wireName, name).orElseThrow(() ->
                new InvalidInput("rateLimits", "unknown rate limit '" + WireNames.quoted(name) + "'"));
    }

    private static String lowerCamel(String constant) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : constant.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
