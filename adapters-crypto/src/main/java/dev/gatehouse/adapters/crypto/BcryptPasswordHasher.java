package dev.gatehouse.adapters.crypto;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.HashingFunction;
import com.password4j.types.Bcrypt;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * bcrypt ({@code $2b$}, cost configurable) through Password4j. Verification reads the algorithm and
 * parameters from the stored hash, so hashes with other costs, the {@code $2a$}/{@code $2y$} variants and
 * imported Argon2 hashes ({@code $argon2id$...}) verify; anything not made with the current settings is
 * reported by {@link #needsRehash} so sign-in can upgrade it.
 */
public final class BcryptPasswordHasher implements PasswordHasher {
    /** bcrypt uses at most 72 bytes of its input; longer passwords are refused, never truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MIN_PRODUCTION_COST = 10;

    private final int cost;
    private final BcryptFunction current;
    /** Made on a background thread at construction: one hash (80 ms at cost 10) off the start-up path. */
    private final java.util.concurrent.CompletableFuture<String> decoyHash;

    public BcryptPasswordHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be between 4 and 31, got " + cost);
        }
        this.cost = cost;
        this.current = BcryptFunction.getInstance(Bcrypt.B, cost);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        BcryptFunction function = current;
        java.util.concurrent.CompletableFuture<String> decoy = new java.util.concurrent.CompletableFuture<>();
        this.decoyHash = decoy;
        Thread.ofPlatform().daemon().name("bcrypt-decoy").start(() -> {
            try {
                decoy.complete(function.hash(HexFormat.of().formatHex(random)).getResult());
            } catch (RuntimeException | Error e) {
                decoy.completeExceptionally(e);
            }
        });
    }

    public int cost() {
        return cost;
    }

    @Override
    public PasswordHash hash(Password password) {
        return new PasswordHash(current.hash(password.value()).getResult());
    }

    @Override
    public boolean verify(Password password, PasswordHash hash) {
        HashingFunction function = functionFor(hash.encoded());
        if (function == null) {
            verifyDecoy(password); // no password set (PasswordHash.NONE) costs what a wrong one costs
            return false;
        }
        try {
            return function.check(password.value(), hash.encoded());
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    @Override
    public void verifyDecoy(Password password) {
        current.check(password.value(), decoyHash.join());
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        String encoded = hash.encoded();
        if (!encoded.startsWith("$2b$")) {
            return true;
        }
        try {
            return BcryptFunction.getInstanceFromHash(encoded).getLogarithmicRounds() < cost;
        } catch (RuntimeException malformed) {
            return true;
        }
    }

    @Override
    public int maxPasswordBytes() {
        return MAX_PASSWORD_BYTES;
    }

    private static HashingFunction functionFor(String encoded) {
        try {
            if (encoded.startsWith("$2a$") || encoded.startsWith("$2b$") || encoded.startsWith("$2y$")) {
                return BcryptFunction.getInstanceFromHash(encoded);
            }
            if (encoded.startsWith("$argon2")) {
                return Argon2Function.getInstanceFromHash(encoded);
            }
        } catch (RuntimeException malformed) {
            return null;
        }
        return null;
    }
}
