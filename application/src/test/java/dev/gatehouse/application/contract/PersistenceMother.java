package dev.gatehouse.application.contract;

import dev.gatehouse.application.signingkeys.port.out.SigningKeyStore.StoredSigningKey;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.apikey.SecretKey;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.RefreshGrant;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Test data for the repository contracts. Every object gets fresh random ids and emails, so tests sharing
 * one database never see each other's rows. Instants have microsecond precision, which is what the
 * databases keep.
 */
public final class PersistenceMother {
    public static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
    public static final Duration SESSION_LIFETIME = Duration.ofDays(30);
    public static final Duration REFRESH_IDLE_LIFETIME = Duration.ofDays(7);

    private PersistenceMother() {
    }

    /** Every setting away from its default, so that a store that drops or garbles one is noticed. */
    public static TenantSettings richSettings() {
        return new TenantSettings(Set.of("https://app.example.com", "http://localhost:3000"), new PasswordPolicy(10, 100, false),
                Set.of("https://app.example.com/reset", "http://localhost:3000/magic?x=1"), "no-reply@example.com",
                Set.of("no-reply@example.com", "team@example.com"), true, true, true,
                java.util.Map.of(dev.gatehouse.domain.tenant.RateLimitKind.LOGIN_PER_IP,
                        new dev.gatehouse.domain.tenant.RateLimit(7, Duration.ofSeconds(90)),
                        dev.gatehouse.domain.tenant.RateLimitKind.FAILED_LOGINS_PER_ACCOUNT,
                        new dev.gatehouse.domain.tenant.RateLimit(3, Duration.ofHours(2))),
                Set.of("10.0.0.0/8", "2001:db8:0:0:0:0:0:0/32", "192.168.1.7"),
                java.util.List.of(
                        new dev.gatehouse.domain.tenant.ExternalIssuer("https://idp.example.com",
                                "a-shared-secret-of-at-least-32-bytes!", null, null, "gatehouse", "email",
                                dev.gatehouse.domain.tenant.ExternalIssuer.UserLookup.EMAIL),
                        new dev.gatehouse.domain.tenant.ExternalIssuer("https://jwks.example.com",
                                null, "https://jwks.example.com/.well-known/jwks.json", Set.of("RS256", "ES256"), null,
                                "sub", dev.gatehouse.domain.tenant.ExternalIssuer.UserLookup.USER_ID)))
                .withCompatMagicLinkContent(dev.gatehouse.domain.tenant.MagicLinkContent.CALLER)
                .withMfa(dev.gatehouse.domain.tenant.MfaPolicy.ALL);
    }

    /** A tenant with non-default settings, so that a store that drops them is noticed. */
    public static Tenant tenant() {
        return tenant(T0);
    }

    public static Tenant tenant(Instant created) {
        UUID id = UUID.randomUUID();
        return Tenant.create(new TenantId(id), "Tenant " + id, "pk_" + id, richSettings(), created);
    }

    public static Account account(Tenant tenant) {
        return Account.open(new AccountId(UUID.randomUUID()), tenant.id(), "Account of " + tenant.name(), T0.plusSeconds(1));
    }

    public static EmailAddress uniqueEmail() {
        return new EmailAddress("user-" + UUID.randomUUID() + "@example.com");
    }

    /** An account owner with the given email. */
    public static User user(Account account, EmailAddress email) {
        return User.registerAsAccountOwner(new UserId(UUID.randomUUID()), account.tenantId(), account.id(), email,
                new PasswordHash("$2b$10$" + UUID.randomUUID()), T0.plusSeconds(2));
    }

    public static User user(Account account, EmailAddress email, Role role, UserStatus status) {
        User user = user(account, email);
        return User.restore(user.id(), user.tenantId(), user.accountId(), user.email(), user.passwordHash(), role,
                user.created(), status);
    }

    /** A key whose encrypted private part holds every byte value, so that a lossy encoding is noticed. */
    public static StoredSigningKey signingKey(TenantId tenantId) {
        return signingKey(tenantId, T0.plusSeconds(3));
    }

    /** Like {@link #signingKey(TenantId)}, created at the given instant. */
    public static StoredSigningKey signingKey(TenantId tenantId, Instant created) {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        String kid = "kid-" + UUID.randomUUID();
        String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\"}";
        return new StoredSigningKey(kid, tenantId, "ES256", jwk, everyByte, created, java.util.Optional.empty());
    }

    /** A session of the user opened at {@code createdAt} for {@link #SESSION_LIFETIME}, from a recognisable client. */
    public static Session session(User user, Instant createdAt) {
        return session(user, createdAt, createdAt.plus(SESSION_LIFETIME));
    }

    public static Session session(User user, Instant createdAt, Instant expiresAt) {
        return new Session(new SessionId(UUID.randomUUID()), user.tenantId(), user.id(), user.accountId(),
                new ClientInfo("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"),
                createdAt, createdAt, expiresAt, Optional.empty(), Optional.empty(), user.securityStamp(), createdAt);
    }

    public static Session withClient(Session s, ClientInfo client) {
        return new Session(s.id(), s.tenantId(), s.userId(), s.accountId(), client, s.createdAt(), s.lastUsedAt(),
                s.expiresAt(), s.revokedAt(), s.revocationReason(), s.securityStamp(), s.provedAt());
    }

    public static Session touched(Session s, Instant lastUsedAt) {
        return s.usedAt(lastUsedAt);
    }

    /** The session as a store holds it once revoked at {@code at} for {@code reason}. */
    public static Session revoked(Session s, RevocationReason reason, Instant at) {
        return s.revoked(at, reason);
    }

    /** A fresh unused grant of the session, as a sign-in or a rotation at {@code now} issues it. */
    public static RefreshGrant refreshGrant(Session session, Instant now) {
        return RefreshGrant.issue(tokenHash(), session, now, REFRESH_IDLE_LIFETIME);
    }

    /** A live, never used secret key of the tenant, named and prefixed as the application names and prefixes them. */
    public static SecretKey secretKey(TenantId tenantId, Set<Scope> scopes, Instant created) {
        UUID id = UUID.randomUUID();
        return new SecretKey(id, tenantId, "Key " + id, "sk_" + id.toString().substring(0, 7), scopes, created,
                Optional.empty(), Optional.empty());
    }

    /** Like {@link #secretKey(TenantId, Set, Instant)}, with two scopes. */
    public static SecretKey secretKey(TenantId tenantId, Instant created) {
        return secretKey(tenantId, Set.of(Scope.USERS_READ, Scope.KEYS_ADMIN), created);
    }

    /** The hex SHA-256 of a random token: 64 lower-case hex digits, as the application stores them. */
    public static String tokenHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
