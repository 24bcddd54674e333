package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.IdGenerator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Predictable, unique ids for tests. */
public final class SequentialIds implements IdGenerator {
    private final AtomicLong next = new AtomicLong(1);

    @Override
    public UUID newId() {
        return new UUID(0x6A7E_0000_0000_4000L, 0x8000_0000_0000_0000L | next.getAndIncrement());
    }
}
