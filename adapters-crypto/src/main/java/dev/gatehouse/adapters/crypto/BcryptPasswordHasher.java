package dev.gatehouse.adapters.crypto;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.types.Bcrypt;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.user.ImportedPasswordHash;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bcrypt ({@code $2b$}, cost configurable) through Password4j. Verification reads the algorithm and
 * parameters from the stored hash, so hashes with other costs, the {@code $2a$}/{@code $2y$} variants and
 * imported Argon2 ({@code $argon2id$...}) and PBKDF2 ({@code pbkdf2_sha256$...}) hashes verify, each within the
 * bounds of {@link ImportedPasswordHash} (docs/adr/0028-imported-password-hashes.md); anything not made with the
 * current settings is reported by {@link #needsRehash} so sign-in can upgrade it.
 */
public final class BcryptPasswordHasher implements PasswordHasher {
    /** bcrypt uses at most 72 bytes of its input; longer passwords are refused, never truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MIN_PRODUCTION_COST = 10;

    private static final Logger LOG = LoggerFactory.getLogger(BcryptPasswordHasher.class);

    private final int cost;
    private final AtomicBoolean warnedOutOfBounds = new AtomicBoolean();
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

    /**
     * Checks the stored hash against the bounds of {@link ImportedPasswordHash} first (bcrypt up to cost 14, or the
     * configured cost when higher; Argon2 and PBKDF2 as bounded there): a hash outside them never runs, it counts as
     * no match, costs a decoy verification and is logged once per process (without the hash).
     */
    @Override
    public boolean verify(Password password, PasswordHash hash) {
        if (!hash.isSet()) {
            verifyDecoy(password); // no password set (PasswordHash.NONE) costs what a wrong one costs
            return false;
        }
        ImportedPasswordHash stored;
        try {
            stored = ImportedPasswordHash.parse(hash.encoded(), cost);
        } catch (InvalidInput refused) {
            if (!warnedOutOfBounds.getAndSet(true)) {
                LOG.warn("a stored password hash is malformed or outside the accepted bounds ({}); it counts as no"
                        + " match (logged once per process)", refused.getMessage());
            }
            verifyDecoy(password);
            return false;
        }
        try {
            return switch (stored) {
                case ImportedPasswordHash.Bcrypt bcrypt ->
                        BcryptFunction.getInstanceFromHash(bcrypt.encoded()).check(password.value(), bcrypt.encoded());
                case ImportedPasswordHash.Argon2 argon2 ->
                        Argon2Function.getInstanceFromHash(argon2.encoded()).check(password.value(), argon2.encoded());
                case ImportedPasswordHash.Pbkdf2 pbkdf2 -> Pbkdf2Check.matches(password, pbkdf2);
            };
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
}
