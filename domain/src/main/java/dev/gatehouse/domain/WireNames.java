package dev.gatehouse.domain;

import java.util.Optional;
import java.util.function.Function;

/** How the enums that travel by name (scopes, rate limits, mail kinds, settings values) are read back. */
public final class WireNames {
    /** How much of an unknown name an error quotes back. */
    static final int QUOTED_LENGTH = 40;

    private WireNames() {
    }

    /** The constant of {@code values} whose wire name is {@code name}; empty for anything else, null included. */
    public static <E> Optional<E> find(E[] values, Function<? super E, String> wireName, String name) {
        for (E value : values) {
            if (wireName.apply(value).equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** An unknown name as an error may quote it: its first 40 characters (null reads as empty). */
    public static String quoted(String name) {
        return name == null ? "" : name.length() > QUOTED_LENGTH ? name.substring(0, QUOTED_LENGTH) : name;
    }
}
