package dev.gatehouse.domain.user;

import dev.gatehouse.domain.error.InvalidInput;
import java.nio.charset.StandardCharsets;

/**
 * A plain-text password as presented by a caller. It is never stored, logged or printed: its
 * {@code toString} hides the value. Whether it is acceptable as a NEW password is the
 * {@link dev.gatehouse.domain.policy.PasswordPolicy}'s decision.
 */
public record Password(String value) {
    public Password {
        if (value == null || value.isEmpty()) {
            throw new InvalidInput("password", "is required");
        }
        if (value.indexOf('\u0000') >= 0 || !TextChecks.isWellFormed(value)) {
            // NUL ends the input of some bcrypt implementations; a lone surrogate has no UTF-8 form.
            throw new InvalidInput("password", "must not contain NUL or unpaired surrogate characters");
        }
    }

    public int utf8Length() {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    public int codePointLength() {
        return value.codePointCount(0, value.length());
    }

    @Override
    public String toString() {
        return "Password[hidden]";
    }
}
