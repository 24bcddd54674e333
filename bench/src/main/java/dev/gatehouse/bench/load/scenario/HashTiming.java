package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.adapters.crypto.BcryptPasswordHasher;
import dev.gatehouse.bench.load.runner.HttpConnection;
import dev.gatehouse.bench.load.runner.Json;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Results;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/** The hash bound of the bcrypt-bound scenarios: one hash timed in this JVM, and one request at a time. */
final class HashTiming {
    static final int HASH_SAMPLES = 20;
    private static final int SEQUENTIAL_SAMPLES = 20;

    private HashTiming() {
    }

    /**
     * One bcrypt verification (or hash) at the server's cost, timed in this JVM while the server idles:
     * a few to warm up, then {@value #HASH_SAMPLES} timed. Same library and JDK as the server.
     */
    static Map<String, Object> measureHash(int cost, boolean verify) {
        BcryptPasswordHasher hasher = new BcryptPasswordHasher(cost);
        Password password = new Password("correct horse battery staple");
        PasswordHash stored = hasher.hash(password);
        double[] millis = new double[HASH_SAMPLES];
        for (int i = -3; i < HASH_SAMPLES; i++) {
            long t = System.nanoTime();
            if (verify) {
                if (!hasher.verify(password, stored)) {
                    throw new IllegalStateException("bcrypt does not verify its own hash");
                }
            } else {
                hasher.hash(password);
            }
            if (i >= 0) {
                millis[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Map<String, Object> hash = new LinkedHashMap<>();
        hash.put("operation", verify ? "BcryptPasswordHasher.verify" : "BcryptPasswordHasher.hash");
        hash.put("cost", cost);
        hash.put("samples", HASH_SAMPLES);
        hash.put("medianMillis", Json.round(Results.median(millis)));
        hash.put("minMillis", Json.round(Arrays.stream(millis).min().orElse(Double.NaN)));
        return hash;
    }

    /** The median of a hash measured by {@link #measureHash}, in ms. */
    static double medianMillis(Map<String, Object> hash) {
        return ((Number) hash.get("medianMillis")).doubleValue();
    }

    /** Median latency of one request at a time over one connection (5 untimed first); request i of {@code request}. */
    static double sequential(LoadSession s, IntFunction<byte[]> request) {
        double[] millis = new double[SEQUENTIAL_SAMPLES];
        try (HttpConnection connection = new HttpConnection(s.server().address(), 30_000)) {
            for (int i = -5; i < SEQUENTIAL_SAMPLES; i++) {
                long t = System.nanoTime();
                HttpConnection.Response r = connection.exchange(request.apply(i + 5));
                long elapsed = System.nanoTime() - t;
                if (r.status() != 200) {
                    throw new IllegalStateException("sequential request answered " + r.status() + ": " + r.bodyText());
                }
                if (i >= 0) {
                    millis[i] = elapsed / 1e6;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Results.median(millis);
    }
}
