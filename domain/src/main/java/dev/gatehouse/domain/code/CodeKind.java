package dev.gatehouse.domain.code;

import java.time.Duration;

/** What a one-time code proves or grants, with the lifetime it has unless configured otherwise. */
public enum CodeKind {
    /** Sets a new password; typed or pasted by people, so a short code from an unambiguous alphabet. */
    PASSWORD_RESET(Duration.ofHours(1)),
    /** Signs in once; travels only inside a link, so 256 random bits. */
    MAGIC_LINK(Duration.ofMinutes(15)),
    /** Proves control of the address; travels inside a link, 256 random bits. */
    EMAIL_VERIFICATION(Duration.ofHours(24));

    private final Duration defaultLifetime;

    CodeKind(Duration defaultLifetime) {
        this.defaultLifetime = defaultLifetime;
    }

    public Duration defaultLifetime() {
        return defaultLifetime;
    }
}
