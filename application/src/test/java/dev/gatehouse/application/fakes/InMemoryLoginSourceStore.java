package dev.gatehouse.application.fakes;

import dev.gatehouse.application.support.port.out.LoginSourceStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link LoginSourceStore} in a map. */
public final class InMemoryLoginSourceStore implements LoginSourceStore {
    private record Key(String account, String source) {
    }

    private final Map<Key, Instant> lastSuccess = new HashMap<>();

    @Override
    public synchronized void remember(String account, String source, Instant at) {
        lastSuccess.merge(new Key(account, source), at, (old, now) -> now.isAfter(old) ? now : old);
    }

    @Override
    public synchronized boolean knows(String account, String source, Instant since) {
        Instant at = lastSuccess.get(new Key(account, source));
        return at != null && !at.isBefore(since);
    }

    @Override
    public synchronized int forgetOlderThan(Instant before) {
        int count = lastSuccess.size();
        lastSuccess.values().removeIf(at -> at.isBefore(before));
        return count - lastSuccess.size();
    }
}
