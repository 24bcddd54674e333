package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.error.InvalidInput;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which of the tenant's users need a second factor to sign in (tenant setting {@code mfa}, member
 * {@code required}): {@code OFF}, the default, leaves it to each user; with {@code ALL} every user of the tenant
 * must have a second factor.
 */
public enum MfaPolicy {
    OFF,
    ALL;

    public static final MfaPolicy DEFAULT = OFF;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInput naming {@code mfa.required} for anything but a {@link #wireName()} */
    public static MfaPolicy fromWireName(String value) {
        for (MfaPolicy policy : values()) {
            if (policy.wireName().equals(value)) {
                return policy;
            }
        }
        throw new InvalidInput("mfa.required", "must be " + Arrays.stream(values())
                .map(policy -> "\"" + policy.wireName() + "\"").collect(Collectors.joining(" or ")));
    }
}
