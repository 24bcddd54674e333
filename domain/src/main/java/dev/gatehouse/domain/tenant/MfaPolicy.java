package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.WireNames;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.Locale;

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

    /** @throws InvalidInput naming {@code mfa.required} for anything but {@code off} or {@code all} */
    public static MfaPolicy fromWireName(String value) {
        return WireNames.find(values(), MfaPolicy::wireName, value).orElseThrow(() ->
                new InvalidInput("mfa.required", "must be \"off\" or \"all\""));
    }
}
