package dev.gatehouse.application.support;

import java.util.Map;

/**
 * The one bound of the in-process caches (tenants, secret keys, current users, session touches): a map that has
 * reached its limit is emptied before the next entry goes in, so it never holds more than the limit. Crude and
 * cheap; every such cache refills from its store.
 */
public final class BoundedMaps {
    private BoundedMaps() {
    }

    /** Puts the entry, first emptying {@code map} when it already holds {@code limit} entries or more. */
    public static <K, V> void put(Map<K, V> map, int limit, K key, V value) {
        if (map.size() >= limit) {
            map.clear();
        }
        map.put(key, value);
    }
}
