package dev.gatehouse.adapters.http;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Settings of the HTTP adapter.
 *
 * @param devMode      logs every request (method, path, status, time, request id); never changes what
 *                     a response reveals
 * @param maxBodyBytes the largest request body read; a larger one is refused with 413
 * @param clock        the time {@code expiresIn} is counted from: pass the application's clock so that
 *                     both agree (tests move a fake clock)
 * @param shutdownGrace how long in-flight requests may take to finish once the server is stopped
 */
public record HttpConfig(boolean devMode, int maxBodyBytes, InstantSource clock, Duration shutdownGrace) {
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final int MIN_BODY_BYTES = 1024;
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    public HttpConfig {
        if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes must be between " + MIN_BODY_BYTES + " and "
                    + MAX_BODY_BYTES + ", not " + maxBodyBytes);
        }
        Objects.requireNonNull(clock, "clock");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative");
        }
    }

    /** Production settings: no request log, 64 KiB bodies, the system clock, 10 s shutdown grace. */
    public static HttpConfig defaults() {
        return new HttpConfig(false, DEFAULT_MAX_BODY_BYTES, InstantSource.system(), Duration.ofSeconds(10));
    }

    public HttpConfig withDevMode(boolean devMode) {
        return new HttpConfig(devMode, maxBodyBytes, clock, shutdownGrace);
    }

    public HttpConfig withMaxBodyBytes(int maxBodyBytes) {
        return new HttpConfig(devMode, maxBodyBytes, clock, shutdownGrace);
    }

    public HttpConfig withClock(InstantSource clock) {
        return new HttpConfig(devMode, maxBodyBytes, clock, shutdownGrace);
    }

    public HttpConfig withShutdownGrace(Duration shutdownGrace) {
        return new HttpConfig(devMode, maxBodyBytes, clock, shutdownGrace);
    }
}
