package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.application.fakes.InMemorySigningKeyStore;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.application.signingkeys.port.out.SigningKeyStore.StoredSigningKey;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.AccessToken;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JwtTokenServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemorySigningKeyStore store = new InMemorySigningKeyStore();
    private final MasterKey masterKey = MasterKey.fromBase64(MasterKey.generateBase64());
    private final JwtTokenService tokens = new JwtTokenService(store, masterKey, clock, "gatehouse", 1000, Duration.ofHours(1));
    private final TenantId tenantA = new TenantId(UUID.randomUUID());
    private final TenantId tenantB = new TenantId(UUID.randomUUID());

    private Principal principal(TenantId tenant) {
        Instant now = clock.now();
        return new Principal(tenant, new UserId(UUID.randomUUID()), new AccountId(UUID.randomUUID()),
                Role.ACCOUNT_ADMIN, new SessionId(UUID.randomUUID()), UUID.randomUUID().toString(), now, now.plus(Duration.ofHours(12)));
    }

    @Test
    void verifiesWhatItIssuedWithEveryClaimIntact() {
        Principal issued = principal(tenantA);
        AccessToken token = tokens.issue(issued);

        assertThat(tokens.verify(tenantA, token.value())).isEqualTo(issued);
        assertThat(tokens.verifyUncached(tenantA, token.value())).isEqualTo(issued);
        assertThat(token.expiresAt()).isEqualTo(issued.expiresAt());
    }

    @Test
    void countsTheVerifiedTokenCachesHitsAndMissesForTheMetrics() {
        AccessToken token = tokens.issue(principal(tenantA));

        tokens.verify(tenantA, token.value()); // a miss: verified in full, then cached
        tokens.verify(tenantA, token.value());
        tokens.verify(tenantA, token.value());

        assertThat(tokens.cacheStats()).isEqualTo(new dev.gatehouse.application.port.in.CacheStats(2, 1, 1));
    }

    @Test
    void rejectsATokenOfOneTenantAtAnother() {
        tokens.issue(principal(tenantB)); // tenant B has keys of its own
        AccessToken token = tokens.issue(principal(tenantA));

        assertThatThrownBy(() -> tokens.verify(tenantB, token.value())).isInstanceOf(Unauthenticated.class);
        tokens.verify(tenantA, token.value()); // now cached for A
        assertThatThrownBy(() -> tokens.verify(tenantB, token.value())).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void rejectsExpiredTokensWhetherCachedOrNot() {
        AccessToken token = tokens.issue(principal(tenantA));
        tokens.verify(tenantA, token.value());
        clock.advance(Duration.ofHours(12));

        assertThatThrownBy(() -> tokens.verify(tenantA, token.value()))
                .isInstanceOfSatisfying(Unauthenticated.class,
                        e -> assertThat(e.reason()).isEqualTo(Unauthenticated.Reason.EXPIRED));
        assertThatThrownBy(() -> tokens.verifyUncached(tenantA, token.value())).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void rejectsATokenWhosePayloadWasChanged() throws Exception {
        AccessToken token = tokens.issue(principal(tenantA));
        String[] parts = token.value().split("\\.");
        JWTClaimsSet claims = JWTClaimsSet.parse(Base64URL.from(parts[1]).decodeToString());
        JWTClaimsSet promoted = new JWTClaimsSet.Builder(claims).claim("role", "root").build();
        String forged = parts[0] + "." + Base64URL.encode(promoted.toString()) + "." + parts[2];

        assertThatThrownBy(() -> tokens.verify(tenantA, forged)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void rejectsUnsignedTokens() {
        AccessToken real = tokens.issue(principal(tenantA));
        JWTClaimsSet claims = claimsOf(real);
        String unsigned = new PlainJWT(new PlainHeader(), claims).serialize();

        assertThatThrownBy(() -> tokens.verify(tenantA, unsigned)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void rejectsHmacTokensKeyedWithThePublicKey() throws Exception {
        AccessToken real = tokens.issue(principal(tenantA));
        StoredSigningKey key = store.findByTenant(tenantA).get(0);
        // Key confusion: an attacker signs with HS256 using the published public key as the secret.
        byte[] secret = key.publicKey().getBytes(StandardCharsets.UTF_8);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.keyId())
                .type(JwtTokenService.TOKEN_TYPE).build(), claimsOf(real));
        forged.sign(new MACSigner(secret));

        assertThatThrownBy(() -> tokens.verify(tenantA, forged.serialize())).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void rejectsGarbage() {
        for (String junk : new String[] {"", "x", "a.b.c", "eyJ.eyJ.sig", "a".repeat(5000), "..", "\u0000.\u0000."}) {
            assertThatThrownBy(() -> tokens.verify(tenantA, junk)).isInstanceOf(Unauthenticated.class);
        }
    }

    @Test
    void anotherProcessOnTheSameStoreVerifiesAndSignsWithTheSameKey() {
        JwtTokenService otherProcess = new JwtTokenService(store, masterKey, clock, "gatehouse", 1000, Duration.ofHours(1));
        AccessToken fromFirst = tokens.issue(principal(tenantA));
        AccessToken fromSecond = otherProcess.issue(principal(tenantA));

        assertThat(otherProcess.verify(tenantA, fromFirst.value()).tenantId()).isEqualTo(tenantA);
        assertThat(tokens.verify(tenantA, fromSecond.value()).tenantId()).isEqualTo(tenantA);
        assertThat(store.findByTenant(tenantA)).hasSize(1);
    }

    @Test
    void storesThePrivateKeyOnlySealedByTheMasterKey() {
        tokens.issue(principal(tenantA));
        StoredSigningKey stored = store.findByTenant(tenantA).get(0);

        assertThat(stored.publicKey()).doesNotContain("\"d\"").contains("\"kid\"");
        MasterKey otherKey = MasterKey.fromBase64(MasterKey.generateBase64());
        assertThatThrownBy(() -> otherKey.open(stored.encryptedPrivateKey(), "gatehouse-signing-key:" + stored.keyId()))
                .isInstanceOf(IllegalStateException.class);
        JwtTokenService wrongMasterKey = new JwtTokenService(store, otherKey, clock, "gatehouse", 10, Duration.ofHours(1));
        assertThatThrownBy(() -> wrongMasterKey.issue(principal(tenantA)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("master key");
    }

    @Test
    void aRotatedOutKeyVerifiesUntilItsTokensCouldHaveExpiredAndIsRejectedAfter() {
        AccessToken beforeRotation = tokens.issue(principal(tenantA)); // lives 12 h, longer than the configured 1 h
        String oldKid = store.findByTenant(tenantA).get(0).keyId();

        tokens.rotate(tenantA);
        AccessToken afterRotation = tokens.issue(principal(tenantA));

        assertThat(store.findByTenant(tenantA).get(0).keyId()).isNotEqualTo(oldKid);
        assertThat(tokens.verifyUncached(tenantA, beforeRotation.value())).isNotNull();
        assertThat(tokens.verifyUncached(tenantA, afterRotation.value())).isNotNull();
        assertThat(tokens.publicJwks(java.util.Optional.of(tenantA))).hasSize(2);

        clock.advance(Duration.ofHours(1).plus(JwtTokenService.SIGNING_KEY_RECHECK));
        assertThatThrownBy(() -> tokens.verifyUncached(tenantA, beforeRotation.value()))
                .isInstanceOf(Unauthenticated.class);
        assertThat(tokens.verifyUncached(tenantA, afterRotation.value())).isNotNull();
        assertThat(tokens.publicJwks(java.util.Optional.of(tenantA))).singleElement()
                .asString().doesNotContain(oldKid).contains("\"use\":\"sig\"").contains("\"alg\":\"RS256\"");
    }

    @Test
    void rotatesOnlyKeysOlderThanTheGivenAge() {
        tokens.issue(principal(tenantA));
        clock.advance(Duration.ofDays(31));
        tokens.issue(principal(tenantB));

        assertThat(tokens.rotateKeysOlderThan(Duration.ofDays(30))).isEqualTo(1);
        assertThat(store.findByTenant(tenantA)).hasSize(2);
        assertThat(store.findByTenant(tenantB)).hasSize(1);
        assertThat(tokens.publicJwks(java.util.Optional.empty())).hasSize(3);
    }

    @Test
    void refusesEveryOtherSpellingOfAGoodTokenAlsoOnceTheGoodOneIsCached() {
        AccessToken token = tokens.issue(principal(tenantA));
        String good = token.value();
        assertThat(tokens.verify(tenantA, good)).isNotNull(); // now in the verified-token cache
        String signature = good.substring(good.lastIndexOf('.') + 1);
        // an RSA-2048 signature is 256 bytes: 342 characters, the last carrying 2 bits and 4 unused ones
        assertThat(signature.length() % 4).isEqualTo(2);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(good.charAt(good.length() - 1));
        java.util.List<String> variants = new java.util.ArrayList<>(java.util.List.of(good + "=", good + "==",
                good.replaceFirst("\\.", "=."), good + " ", good.replace('-', '+').replace('_', '/')));
        for (int bits = 1; bits < 16; bits++) {
            variants.add(good.substring(0, good.length() - 1) + alphabet.charAt(last ^ bits));
        }
        for (String variant : variants) {
            if (variant.equals(good)) {
                continue;
            }
            assertThatThrownBy(() -> tokens.verify(tenantA, variant)).as(variant).isInstanceOf(Unauthenticated.class);
            assertThatThrownBy(() -> tokens.verifyUncached(tenantA, variant)).as(variant)
                    .isInstanceOf(Unauthenticated.class);
        }
        assertThat(tokens.verify(tenantA, good)).isNotNull();
    }

    private static JWTClaimsSet claimsOf(AccessToken token) {
        try {
            return SignedJWT.parse(token.value()).getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
