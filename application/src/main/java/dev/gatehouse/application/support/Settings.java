package dev.gatehouse.application.support;

import dev.gatehouse.domain.code.CodeKind;
import java.time.Duration;
import java.util.Map;

/**
 * Tunables (docs/tokens.md explains each lifetime). {@code tenantCacheTtl} bounds how long a tenant
 * change (settings, a revoked key) may take to reach a process that cached the old state.
 *
 * @param compatAccessTokenLifetime access tokens of the StaticBackend-compatible routes (12 hours)
 * @param nativeAccessTokenLifetime access tokens of the native API and of refreshes (15 minutes)
 * @param sessionLifetime           the absolute limit of a session, never extended by refreshing (30 days)
 * @param refreshIdleLifetime       a refresh token expires this long after it was issued unused (7 days)
 * @param refreshReuseGrace         a used refresh token presented again within this window is taken for a
 *                                  concurrent duplicate (refused, nothing revoked); later, for theft
 * @param keyRotationAge            signing keys are rotated automatically at this age (30 days)
 * @param devMode                   enables the dev tenant's published root-token alias, and lets the dev tenant
 *                                  send magic links and recovery links to any http(s) URL from any sender
 * @param codeLifetimes             lifetimes of one-time codes by kind; a kind not named keeps
 *                                  {@link CodeKind#defaultLifetime()} (reset 1 hour, magic link 15 minutes,
 *                                  email verification 24 hours)
 * @param rateLimits                rate limits and brute-force protection (on by default; docs/security.md);
 *                                  off only where another layer limits, or for tests of other features
 * @param reauthWindow              how recently a session's user must have proved who they are (password, second
 *                                  factor, magic link) for a sensitive change (10 minutes)
 * @param revocationStaleness       a token-only request is refused with {@code StorageUnavailable} (503) while this
 *                                  process has not read the revocation feed for this long, since sessions ended by
 *                                  other processes may then be missing from its revocation set (15 seconds; ADR 0031)
 */
public record Settings(Duration compatAccessTokenLifetime, Duration nativeAccessTokenLifetime,
                       Duration sessionLifetime, Duration refreshIdleLifetime, Duration refreshReuseGrace,
                       Duration keyRotationAge, Duration tenantCacheTtl, boolean devMode,
                       Map<CodeKind, Duration> codeLifetimes, boolean rateLimits, Duration reauthWindow,
                       Duration revocationStaleness) {
    public static final Duration DEFAULT_REAUTH_WINDOW = Duration.ofMinutes(10);
    public static final Duration DEFAULT_REVOCATION_STALENESS = Duration.ofSeconds(15);
    public static final Settings DEFAULT = new Settings(Duration.ofHours(12), Duration.ofMinutes(15),
            Duration.ofDays(30), Duration.ofDays(7), Duration.ofSeconds(5), Duration.ofDays(30),
            Duration.ofSeconds(1), false, Map.of(), true, DEFAULT_REAUTH_WINDOW, DEFAULT_REVOCATION_STALENESS);

    /** Codes with their default lifetimes, rate limits on. */
    public Settings(Duration compatAccessTokenLifetime, Duration nativeAccessTokenLifetime,
                    Duration sessionLifetime, Duration refreshIdleLifetime, Duration refreshReuseGrace,
                    Duration keyRotationAge, Duration tenantCacheTtl, boolean devMode) {
        this(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime, refreshIdleLifetime,
                refreshReuseGrace, keyRotationAge, tenantCacheTtl, devMode, Map.of(), true, DEFAULT_REAUTH_WINDOW,
                DEFAULT_REVOCATION_STALENESS);
    }

    public Settings {
        codeLifetimes = codeLifetimes == null ? Map.of() : Map.copyOf(codeLifetimes);
        codeLifetimes.values().forEach(lifetime -> requirePositive(lifetime, "code lifetime"));
        requirePositive(compatAccessTokenLifetime, "compat access token lifetime");
        requirePositive(nativeAccessTokenLifetime, "native access token lifetime");
        requirePositive(sessionLifetime, "session lifetime");
        requirePositive(refreshIdleLifetime, "refresh token lifetime");
        requirePositive(keyRotationAge, "key rotation age");
        requirePositive(reauthWindow, "re-authentication window");
        requirePositive(revocationStaleness, "revocation staleness");
        if (refreshReuseGrace.isNegative() || tenantCacheTtl.isNegative()) {
            throw new IllegalArgumentException("refresh reuse grace and tenant cache TTL must not be negative");
        }
    }

    private static void requirePositive(Duration value, String what) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    public Settings withTenantCacheTtl(Duration ttl) {
        return new Settings(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime,
                refreshIdleLifetime, refreshReuseGrace, keyRotationAge, ttl, devMode, codeLifetimes, rateLimits,
                reauthWindow, revocationStaleness);
    }

    public Settings withDevMode(boolean dev) {
        return new Settings(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime,
                refreshIdleLifetime, refreshReuseGrace, keyRotationAge, tenantCacheTtl, dev, codeLifetimes,
                rateLimits, reauthWindow, revocationStaleness);
    }

    public Settings withCodeLifetimes(Map<CodeKind, Duration> lifetimes) {
        return new Settings(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime,
                refreshIdleLifetime, refreshReuseGrace, keyRotationAge, tenantCacheTtl, devMode, lifetimes,
                rateLimits, reauthWindow, revocationStaleness);
    }

    public Settings withRateLimits(boolean on) {
        return new Settings(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime,
                refreshIdleLifetime, refreshReuseGrace, keyRotationAge, tenantCacheTtl, devMode, codeLifetimes, on,
                reauthWindow, revocationStaleness);
    }

    public Settings withReauthWindow(Duration window) {
        return new Settings(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime,
                refreshIdleLifetime, refreshReuseGrace, keyRotationAge, tenantCacheTtl, devMode, codeLifetimes,
                rateLimits, window, revocationStaleness);
    }

    public Settings withRevocationStaleness(Duration staleness) {
        return new Settings(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime,
                refreshIdleLifetime, refreshReuseGrace, keyRotationAge, tenantCacheTtl, devMode, codeLifetimes,
                rateLimits, reauthWindow, staleness);
    }
}
