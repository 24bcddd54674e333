package dev.gatehouse.bootstrap.e2e;

import java.util.Map;

/** A tenant made through the operator API, and the headers its callers send. */
record OperatorTenant(String publicKey, String rootToken, String ownerEmail) {
    /** A native caller at {@code address} (loopback is trusted as a proxy, so {@code X-Forwarded-For} counts). */
    Map<String, String> from(String address) {
        return Map.of("X-API-Key", publicKey, "X-Forwarded-For", address);
    }

    /** A compat caller at {@code address}. */
    Map<String, String> compatFrom(String address) {
        return Map.of("SB-PUBLIC-KEY", publicKey, "X-Forwarded-For", address);
    }

    /** A signed-in native caller at {@code address}. */
    Map<String, String> signedIn(String token, String address) {
        return Map.of("X-API-Key", publicKey, "Authorization", "Bearer " + token, "X-Forwarded-For", address);
    }

    /** The tenant's root, natively. */
    Map<String, String> root() {
        return NativeClient.bearer(publicKey, rootToken);
    }
}
