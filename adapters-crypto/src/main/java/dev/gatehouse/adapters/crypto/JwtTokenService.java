package dev.gatehouse.adapters.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.signingkeys.port.out.SigningKeyManagement;
import dev.gatehouse.application.signingkeys.port.out.SigningKeyStore;
import dev.gatehouse.application.signingkeys.port.out.SigningKeyStore.StoredSigningKey;
import dev.gatehouse.application.sessions.port.out.TokenIssuer;
import dev.gatehouse.application.sessions.port.out.TokenVerifier;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.Unauthenticated.Reason;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.AccessToken;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.application.port.in.CacheStats;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens as JWTs signed with RS256 (RSA 2048, the JDK's provider): each tenant has its own key
 * pair, generated on first use and kept in the database with the private half sealed by the master key,
 * so every server process on one database signs and verifies alike. See docs/adr/0004-token-format.md.
 *
 * <p>Verification looks keys up by the tenant the request speaks to, never by the token's own claims,
 * so a token of tenant A fails at tenant B twice over (unknown key id, wrong audience). Verified tokens
 * are remembered in a bounded cache keyed by a SHA-256 of the token; a hit is re-checked for expiry. An entry
 * leaves it after {@link #IDLE_IN_CACHE} without use: every refresh and sign-in brings a new token, and the old one,
 * no longer presented, would otherwise stay for its whole lifetime (a 10-minute soak filled the cache with them).
 */
public final class JwtTokenService implements TokenIssuer, TokenVerifier, SigningKeyManagement {
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;
    static final JOSEObjectType TOKEN_TYPE = new JOSEObjectType("at+jwt");
    private static final int RSA_BITS = 2048;
    private static final long KEY_RELOAD_INTERVAL_NANOS = Duration.ofMillis(200).toNanos();
    /** How long a process keeps signing with the key it loaded before looking for a rotated-in one. */
    static final Duration SIGNING_KEY_RECHECK = Duration.ofSeconds(60);
    /** A verified token not presented for this long is dropped from the cache (checked again at its next use). */
    static final Duration IDLE_IN_CACHE = Duration.ofMinutes(2);

    private final SigningKeyStore store;
    private final MasterKey masterKey;
    private final Clock clock;
    private final String issuer;
    private final Duration longestTokenLifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<TenantId, Signing> signing = new ConcurrentHashMap<>();
    private final Map<TenantId, VerificationKeys> verification = new ConcurrentHashMap<>();
    private final Cache<TokenDigest, Principal> verified;

    /**
     * @param longestTokenLifetime the longest access-token lifetime in use: a retired key keeps verifying
     *                             this long (plus {@link #SIGNING_KEY_RECHECK}) after its rotation
     */
    public JwtTokenService(SigningKeyStore store, MasterKey masterKey, Clock clock, String issuer, int cacheSize,
                           Duration longestTokenLifetime) {
        this.store = store;
        this.masterKey = masterKey;
        this.clock = clock;
        this.issuer = issuer;
        this.longestTokenLifetime = longestTokenLifetime;
        this.verified = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(Duration.ofMinutes(15))
                .expireAfterAccess(IDLE_IN_CACHE).recordStats().build();
    }

    /** How the verified-token cache has done since start (hits skip the signature check): the operator's metrics. */
    public CacheStats cacheStats() {
        com.github.benmanes.caffeine.cache.stats.CacheStats stats = verified.stats();
        return new CacheStats(stats.hitCount(), stats.missCount(), verified.estimatedSize());
    }

    @Override
    public AccessToken issue(Principal principal) {
        Signing key = signing.compute(principal.tenantId(),
                (tenant, loaded) -> loaded == null || loaded.stale() ? loadOrCreateSigningKey(tenant) : loaded);
        JWSHeader header = new JWSHeader.Builder(ALGORITHM).keyID(key.keyId()).type(TOKEN_TYPE).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(principal.tenantId().toString())
                .subject(principal.userId().toString())
                .claim("acc", principal.accountId().toString())
                .claim("role", principal.role().name().toLowerCase(Locale.ROOT))
                .claim("sid", principal.sessionId().toString())
                .jwtID(principal.tokenId())
                .issueTime(Date.from(principal.issuedAt()))
                .expirationTime(Date.from(principal.expiresAt()))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return new AccessToken(jwt.serialize(), principal.expiresAt());
    }

    @Override
    public Principal verify(TenantId audience, String token) {
        // Before the cache: a cache keyed by the string would otherwise answer for a padded or bit-bumped copy.
        requireCanonical(token);
        TokenDigest digest = TokenDigest.of(token);
        Principal known = verified.getIfPresent(digest);
        if (known != null) {
            if (!known.tenantId().equals(audience)) {
                throw new Unauthenticated(Reason.INVALID);
            }
            if (!clock.now().isBefore(known.expiresAt())) {
                verified.invalidate(digest);
                throw new Unauthenticated(Reason.EXPIRED);
            }
            return known;
        }
        Principal principal = verifyUncached(audience, token);
        verified.put(digest, principal);
        return principal;
    }

    /** Full verification without the cache (also what the benchmarks measure as the cold cost). */
    public Principal verifyUncached(TenantId audience, String token) {
        requireCanonical(token);
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new Unauthenticated(Reason.INVALID);
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHM.equals(header.getAlgorithm()) || !TOKEN_TYPE.equals(header.getType())
                || header.getKeyID() == null) {
            throw new Unauthenticated(Reason.INVALID);
        }
        RSASSAVerifier verifier = verifierFor(audience, header.getKeyID(), clock.now());
        try {
            if (verifier == null || !jwt.verify(verifier)) {
                throw new Unauthenticated(Reason.INVALID);
            }
        } catch (JOSEException e) {
            throw new Unauthenticated(Reason.INVALID);
        }
        return principalFrom(audience, claims);
    }

    /** Refuses an over-long token and any but the one canonical spelling of a signed token ({@link CompactJws}). */
    private static void requireCanonical(String token) {
        if (token == null || token.length() > 4096 || !CompactJws.isCanonical(token)) {
            throw new Unauthenticated(Reason.INVALID);
        }
    }

    private Principal principalFrom(TenantId audience, JWTClaimsSet claims) {
        try {
            Date issuedAt = claims.getIssueTime();
            Date expiresAt = claims.getExpirationTime();
            List<String> audiences = claims.getAudience();
            if (!issuer.equals(claims.getIssuer()) || audiences.size() != 1
                    || !audience.toString().equals(audiences.get(0)) || issuedAt == null || expiresAt == null
                    || claims.getJWTID() == null) {
                throw new Unauthenticated(Reason.INVALID);
            }
            if (!clock.now().isBefore(expiresAt.toInstant())) {
                throw new Unauthenticated(Reason.EXPIRED);
            }
            return new Principal(audience,
                    new UserId(UUID.fromString(claims.getSubject())),
                    new AccountId(UUID.fromString(claims.getStringClaim("acc"))),
                    Role.valueOf(claims.getStringClaim("role").toUpperCase(Locale.ROOT)),
                    new SessionId(UUID.fromString(claims.getStringClaim("sid"))),
                    claims.getJWTID(), issuedAt.toInstant(), expiresAt.toInstant());
        } catch (ParseException | RuntimeException e) {
            if (e instanceof Unauthenticated unauthenticated) {
                throw unauthenticated;
            }
            throw new Unauthenticated(Reason.INVALID);
        }
    }

    private RSASSAVerifier verifierFor(TenantId tenant, String keyId, Instant now) {
        VerificationKeys keys = verification.get(tenant);
        if (keys == null || (!keys.byKeyId().containsKey(keyId) && keys.reloadAllowed())) {
            keys = loadVerificationKeys(tenant);
            verification.put(tenant, keys);
        }
        VerificationKey key = keys.byKeyId().get(keyId);
        return key != null && key.stored().verifies(now) ? key.verifier() : null;
    }

    private VerificationKeys loadVerificationKeys(TenantId tenant) {
        Map<String, VerificationKey> byKeyId = new HashMap<>();
        for (StoredSigningKey key : store.findByTenant(tenant)) {
            if (ALGORITHM.getName().equals(key.algorithm())) {
                byKeyId.put(key.keyId(), new VerificationKey(key, new RSASSAVerifier(parsePublicKey(key))));
            }
        }
        return new VerificationKeys(Map.copyOf(byKeyId), System.nanoTime());
    }

    @Override
    public void rotate(TenantId tenantId) {
        Instant now = clock.now();
        store.rotate(tenantId, generate(tenantId), now.plus(longestTokenLifetime).plus(SIGNING_KEY_RECHECK));
        signing.remove(tenantId);
        verification.remove(tenantId);
    }

    @Override
    public int rotateKeysOlderThan(Duration age) {
        List<TenantId> due = store.tenantsWithActiveKeyCreatedBefore(clock.now().minus(age).plusNanos(1));
        due.forEach(this::rotate);
        return due.size();
    }

    @Override
    public List<String> publicJwks(Optional<TenantId> tenantId) {
        Instant now = clock.now();
        List<StoredSigningKey> keys = tenantId.map(store::findByTenant).orElseGet(store::findAll);
        return keys.stream().filter(k -> k.verifies(now)).map(StoredSigningKey::publicKey).toList();
    }

    private Signing loadOrCreateSigningKey(TenantId tenant) {
        StoredSigningKey active = store.findByTenant(tenant).stream().filter(StoredSigningKey::isActive).findFirst()
                .orElseGet(() -> store.insertActiveIfAbsent(generate(tenant)));
        byte[] pkcs8 = masterKey.open(active.encryptedPrivateKey(), sealingContext(active.keyId()));
        try {
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new Signing(active.keyId(), new RSASSASigner(privateKey), System.nanoTime());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key " + active.keyId() + " is unreadable", e);
        }
    }

    private StoredSigningKey generate(TenantId tenant) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, random);
            KeyPair pair = generator.generateKeyPair();
            byte[] id = new byte[16];
            random.nextBytes(id);
            String keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
            String publicJwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(keyId)
                    .algorithm(ALGORITHM).keyUse(KeyUse.SIGNATURE).build().toPublicJWK().toJSONString();
            byte[] sealed = masterKey.seal(pair.getPrivate().getEncoded(), sealingContext(keyId));
            return new StoredSigningKey(keyId, tenant, ALGORITHM.getName(), publicJwk, sealed, clock.now(),
                    Optional.empty());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }

    private static RSAPublicKey parsePublicKey(StoredSigningKey key) {
        try {
            return RSAKey.parse(key.publicKey()).toRSAPublicKey();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("stored public key " + key.keyId() + " is unreadable", e);
        }
    }

    private static String sealingContext(String keyId) {
        return "gatehouse-signing-key:" + keyId;
    }

    private record Signing(String keyId, RSASSASigner signer, long loadedAtNanos) {
        boolean stale() {
            return System.nanoTime() - loadedAtNanos > SIGNING_KEY_RECHECK.toNanos();
        }
    }

    private record VerificationKey(StoredSigningKey stored, RSASSAVerifier verifier) {
    }

    private record VerificationKeys(Map<String, VerificationKey> byKeyId, long loadedAtNanos) {
        boolean reloadAllowed() {
            return System.nanoTime() - loadedAtNanos > KEY_RELOAD_INTERVAL_NANOS;
        }
    }

    /** The SHA-256 of a token as four longs: a compact, collision-proof cache key. */
    private record TokenDigest(long a, long b, long c, long d) {
        static TokenDigest of(String token) {
            try {
                ByteBuffer hash = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8)));
                return new TokenDigest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
