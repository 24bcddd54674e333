package dev.gatehouse.application.port.out;

/**
 * Protects secrets that must be stored and read back in clear (they cannot be hashed: an external issuer's
 * HS256 secret is needed to verify signatures). Used by storage adapters; implemented with the master key.
 * {@code context} binds a sealed value to where it belongs (e.g. the tenant), so it does not open elsewhere.
 */
public interface SecretSealer {

    String seal(String plaintext, String context);

    /** @throws IllegalStateException when the value was not sealed with this key and context */
    String open(String sealed, String context);
}
