package dev.gatehouse.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What verifying one token signature costs with the JDK's own providers, per JWS algorithm: the
 * measurement behind the choice of RS256 (docs/adr/0004-token-format.md).
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureAlgorithmsBenchmark extends AverageTimeBenchmark {

    @Param({"RS256", "ES256", "EdDSA"})
    public String algorithm;

    private Signature verifier;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        KeyPair pair;
        String jca;
        switch (algorithm) {
            case "RS256" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                pair = g.generateKeyPair();
                jca = "SHA256withRSA";
            }
            case "ES256" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                pair = g.generateKeyPair();
                jca = "SHA256withECDSAinP1363Format";
            }
            default -> {
                pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                jca = "Ed25519";
            }
        }
        // A signing input of typical access-token size (header.payload, ~400 bytes).
        message = ("eyJ" + "x".repeat(400)).getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(jca);
        signer.initSign(pair.getPrivate());
        signer.update(message);
        signature = signer.sign();
        verifier = Signature.getInstance(jca);
        verifier.initVerify(pair.getPublic());
    }

    @Benchmark
    public boolean verify() throws Exception {
        verifier.update(message);
        return verifier.verify(signature);
    }
}
