package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock tests move by hand. What the server does in the background as time passes (reading the revocation feed
 * every few hundred milliseconds) is run after each {@link #advance} by the listeners of {@link #whenAdvanced}.
 */
public final class MutableClock implements Clock {
    private volatile Instant now;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public MutableClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    public void advance(Duration by) {
        now = now.plus(by);
        listeners.forEach(Runnable::run);
    }

    public void whenAdvanced(Runnable listener) {
        listeners.add(listener);
    }
}
