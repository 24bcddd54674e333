package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.application.auth.port.out.ExternalTokenVerifier.VerifiedExternalToken;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.tenant.ExternalIssuer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** External tokens against an HS256 issuer and a JWKS issuer served over real HTTP on loopback. */
class JwtExternalTokenVerifierTest {
    private static final String SECRET = "an-hs256-secret-of-at-least-32-bytes!!";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final AtomicReference<String> jwksBody = new AtomicReference<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private HttpServer jwksServer;
    private RSAKey rsa;
    private ECKey ec;
    private ExternalIssuer hmacIssuer;
    private ExternalIssuer jwksIssuer;
    private JwtExternalTokenVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        jwksBody.set(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwksServer.createContext("/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            byte[] body = jwksBody.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwksServer.start();
        hmacIssuer = new ExternalIssuer("https://hmac.example.com", SECRET, null, null, "gatehouse-app", "email",
                ExternalIssuer.UserLookup.EMAIL);
        jwksIssuer = new ExternalIssuer("https://jwks.example.com", null, "http://127.0.0.1:"
                + jwksServer.getAddress().getPort() + "/jwks.json", Set.of("RS256", "ES256"), null, "sub",
                ExternalIssuer.UserLookup.USER_ID);
        verifier = new JwtExternalTokenVerifier(() -> NOW, true);
    }

    @AfterEach
    void stop() {
        jwksServer.stop(0);
    }

    private static JWTClaimsSet.Builder claims(String issuer) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject("3f1c2d9e-4b6a-4f8e-9a77-0c5d1e2f3a4b")
                .claim("email", "Ada@Example.com").audience("gatehouse-app")
                .issueTime(Date.from(NOW.minusSeconds(60))).expirationTime(Date.from(NOW.plusSeconds(600)));
    }

    private static String hs256(JWTClaimsSet claims, byte[] secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private String rs256(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private Optional<VerifiedExternalToken> verify(String token) {
        return verifier.verify(List.of(hmacIssuer, jwksIssuer), token);
    }

    @Test
    void acceptsAnHs256TokenOfTheIssuerAndReturnsItsUserClaim() throws Exception {
        String token = hs256(claims(hmacIssuer.issuer()).build(), SECRET.getBytes(StandardCharsets.UTF_8));

        assertThat(verify(token)).hasValueSatisfying(verified -> {
            assertThat(verified.issuer()).isEqualTo(hmacIssuer);
            assertThat(verified.userClaimValue()).isEqualTo("Ada@Example.com");
            assertThat(verified.emailVerified()).as("no email_verified claim").isFalse();
        });
    }

    @Test
    void acceptsOnlyTheCanonicalSpellingOfAnExternalToken() throws Exception {
        String token = hs256(claims(hmacIssuer.issuer()).build(), SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(verify(token)).isPresent();
        // an HS256 signature is 32 bytes: 43 characters, the last with 2 unused bits
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String bumped = token.substring(0, token.length() - 1)
                + alphabet.charAt(alphabet.indexOf(token.charAt(token.length() - 1)) ^ 1);
        assertNotAccepted(token + "=");
        assertNotAccepted(token.replaceFirst("\\.", "=."));
        assertNotAccepted(bumped);
    }

    @Test
    void reportsEmailVerifiedOnlyWhenTheTokenSaysTrue() throws Exception {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        for (Object claim : List.of(true, "true")) {
            assertThat(verify(hs256(claims(hmacIssuer.issuer()).claim("email_verified", claim).build(), secret)))
                    .as("email_verified %s", claim).get().extracting(VerifiedExternalToken::emailVerified).isEqualTo(true);
        }
        for (Object claim : List.of(false, "false", "yes", 1)) {
            assertThat(verify(hs256(claims(hmacIssuer.issuer()).claim("email_verified", claim).build(), secret)))
                    .as("email_verified %s", claim).get().extracting(VerifiedExternalToken::emailVerified).isEqualTo(false);
        }
    }

    @Test
    void ignoresTokensThatNameNoTrustedIssuerOrAreNotJwts() throws Exception {
        assertThat(verify(hs256(claims("https://elsewhere.example.com").build(),
                SECRET.getBytes(StandardCharsets.UTF_8)))).isEmpty();
        assertThat(verify("not-a-jwt")).isEmpty();
        String jweHeader = Base64URL.encode("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}").toString();
        assertNotAccepted(jweHeader + "..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(verify("")).isEmpty();
        assertThat(verifier.verify(List.of(), hs256(claims(hmacIssuer.issuer()).build(),
                SECRET.getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void refusesAWrongSecretAlgNoneAndAnRsaSignatureForAnHmacIssuer() throws Exception {
        JWTClaimsSet good = claims(hmacIssuer.issuer()).build();
        assertRefused(hs256(good, "another-secret-that-is-32-bytes-long!!".getBytes(StandardCharsets.UTF_8)));
        assertRefused(new PlainJWT(good).serialize());
        String signed = hs256(good, SECRET.getBytes(StandardCharsets.UTF_8));
        String[] parts = signed.split("\\.");
        String noneHeader = Base64URL.encode("{\"alg\":\"none\"}").toString();
        assertRefused(noneHeader + "." + parts[1] + ".");
        // with a signature part it is not even a well-formed unsecured JWT: not accepted either way
        assertNotAccepted(noneHeader + "." + parts[1] + "." + parts[2]);
        assertRefused(rs256(good, rsa));
    }

    @Test
    void refusesExpiredTokensTokensWithoutExpiryAndTheWrongAudience() throws Exception {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verify(hs256(claims(hmacIssuer.issuer())
                .expirationTime(Date.from(NOW.minusSeconds(120))).build(), secret)))
                .isInstanceOf(Unauthenticated.class)
                .extracting(e -> ((Unauthenticated) e).reason()).isEqualTo(Unauthenticated.Reason.EXPIRED);
        assertRefused(hs256(claims(hmacIssuer.issuer()).expirationTime(null).build(), secret));
        assertRefused(hs256(claims(hmacIssuer.issuer()).audience("someone-else").build(), secret));
        assertRefused(hs256(claims(hmacIssuer.issuer()).notBeforeTime(Date.from(NOW.plusSeconds(3600))).build(), secret));
        assertRefused(hs256(claims(hmacIssuer.issuer()).claim("email", 42).build(), secret));
    }

    @Test
    void acceptsRs256AndEs256TokensSignedWithKeysFromTheJwks() throws Exception {
        assertThat(verify(rs256(claims(jwksIssuer.issuer()).build(), rsa)))
                .hasValueSatisfying(verified -> assertThat(verified.userClaimValue())
                        .isEqualTo("3f1c2d9e-4b6a-4f8e-9a77-0c5d1e2f3a4b"));
        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(),
                claims(jwksIssuer.issuer()).build());
        es.sign(new ECDSASigner(ec));
        assertThat(verify(es.serialize())).isPresent();
        assertThat(jwksFetches.get()).as("the JWKS is cached").isEqualTo(1);
    }

    @Test
    void refusesHsRsKeyConfusionAndAForeignKeyUnderAKnownKid() throws Exception {
        JWTClaimsSet good = claims(jwksIssuer.issuer()).build();
        // The classic confusion: an HS256 token whose HMAC key is the issuer's public RSA key.
        assertRefused(hs256(good, rsa.toPublicJWK().toRSAPublicKey().getEncoded()));
        assertRefused(hs256(good, rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        assertRefused(rs256(good, impostor));
        RSAKey unknown = new RSAKeyGenerator(2048).keyID("rsa-unknown").generate();
        assertRefused(rs256(good, unknown));
    }

    @Test
    void picksUpARotatedKeyFromTheJwks() throws Exception {
        assertThat(verify(rs256(claims(jwksIssuer.issuer()).build(), rsa))).isPresent();
        RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        jwksBody.set(new JWKSet(List.of(rsa.toPublicJWK(), next.toPublicJWK())).toString());

        assertThat(verifier.verify(List.of(jwksIssuer), rs256(claims(jwksIssuer.issuer()).build(), next)))
                .as("an unknown kid refetches the JWKS once").isPresent();
    }

    @Test
    void outsideDevModeALoopbackJwksIsNeverFetched() throws Exception {
        JwtExternalTokenVerifier guarded = new JwtExternalTokenVerifier(() -> NOW, false);

        assertThatThrownBy(() -> guarded.verify(List.of(jwksIssuer), rs256(claims(jwksIssuer.issuer()).build(), rsa)))
                .isInstanceOf(Unauthenticated.class);
        assertThat(jwksFetches.get()).isZero();
    }

    private void assertNotAccepted(String token) {
        Optional<VerifiedExternalToken> result;
        try {
            result = verify(token);
        } catch (Unauthenticated refused) {
            return;
        }
        assertThat(result).isEmpty();
    }

    private void assertRefused(String token) {
        assertThatThrownBy(() -> verify(token)).isInstanceOf(Unauthenticated.class);
    }
}
