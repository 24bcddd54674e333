package dev.gatehouse.application.port.in;

/**
 * How a cache has done since start, for the operator's metrics: look-ups answered from it ({@code hits}), look-ups
 * that went to the source ({@code misses}), and the entries it holds now. Plain numbers, so that the application and
 * the adapters report them without knowing any metrics library.
 */
public record CacheStats(long hits, long misses, long size) {
    public CacheStats {
        if (hits < 0 || misses < 0 || size < 0) {
            throw new IllegalArgumentException("cache counts are never negative");
        }
    }
}
