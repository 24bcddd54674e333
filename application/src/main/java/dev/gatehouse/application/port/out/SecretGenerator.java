package dev.gatehouse.application.port.out;

/** Unguessable secrets (refresh tokens, codes), from a cryptographically secure source. */
@FunctionalInterface
public interface SecretGenerator {

    /** {@code bytes} random bytes, URL-safe base64 without padding. */
    String newSecret(int bytes);
}
