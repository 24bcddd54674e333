package dev.gatehouse.domain;

import java.util.Objects;

/** The required components of a value, checked in one call (a record with many of them reads better so). */
public final class Required {
    private Required() {
    }

    /**
     * @param namesAndValues for each component that may not be null, its name and then its value
     * @throws NullPointerException naming the first component that is null
     */
    public static void nonNull(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Objects.requireNonNull(namesAndValues[i + 1], String.valueOf(namesAndValues[i]));
        }
    }
}
