package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/** A fast, deterministic stand-in for bcrypt that counts how often it was asked to do work. */
public final class FakePasswordHasher implements PasswordHasher {
    private static final String CURRENT = "fake1$";
    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicInteger hashes = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<Runnable> duringNextVerify =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Runs {@code action} inside the next {@link #verify}, as if it happened while bcrypt was busy: what a test of a
     * change racing a sign-in needs.
     */
    public void duringNextVerify(Runnable action) {
        duringNextVerify.set(action);
    }

    @Override
    public PasswordHash hash(Password password) {
        hashes.incrementAndGet();
        return new PasswordHash(CURRENT + digest(password.value()));
    }

    /** A hash in an older format, which {@link #needsRehash} flags. */
    public PasswordHash legacyHash(Password password) {
        return new PasswordHash("fake0$" + digest(password.value()));
    }

    @Override
    public boolean verify(Password password, PasswordHash hash) {
        verifications.incrementAndGet();
        Runnable meanwhile = duringNextVerify.getAndSet(null);
        if (meanwhile != null) {
            meanwhile.run();
        }
        String encoded = hash.encoded();
        int dollar = encoded.indexOf('$');
        return dollar > 0 && encoded.substring(dollar + 1).equals(digest(password.value()));
    }

    @Override
    public void verifyDecoy(Password password) {
        verifications.incrementAndGet();
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return !hash.encoded().startsWith(CURRENT);
    }

    @Override
    public int maxPasswordBytes() {
        return 72;
    }

    public int verifications() {
        return verifications.get();
    }

    public int hashes() {
        return hashes.get();
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
