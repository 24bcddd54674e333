package dev.gatehouse.application.fakes;

import dev.gatehouse.application.support.port.out.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link RateLimitStore} in a map, for use-case and HTTP tests; one lock makes every call atomic. */
public final class InMemoryRateLimitStore implements RateLimitStore {
    private record Key(String bucket, Instant windowStart) {
    }

    private static final class Window {
        long hits;
        boolean tripped;
        Instant expiresAt;
    }

    private final Map<Key, Window> windows = new HashMap<>();

    @Override
    public synchronized WindowCounts hit(String bucket, Instant windowStart, Duration window) {
        Window current = windows.computeIfAbsent(new Key(bucket, windowStart), k -> new Window());
        current.hits++;
        current.expiresAt = windowStart.plus(window.multipliedBy(2));
        Window previous = windows.get(new Key(bucket, windowStart.minus(window)));
        return new WindowCounts(current.hits, previous == null ? 0 : previous.hits);
    }

    @Override
    public synchronized boolean trip(String bucket, Instant windowStart) {
        Window window = windows.get(new Key(bucket, windowStart));
        if (window == null || window.tripped) {
            return false;
        }
        window.tripped = true;
        return true;
    }

    @Override
    public synchronized void reset(String bucket) {
        windows.keySet().removeIf(key -> key.bucket().equals(bucket));
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int before = windows.size();
        windows.values().removeIf(window -> window.expiresAt.isBefore(now));
        return before - windows.size();
    }
}
