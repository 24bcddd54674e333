package dev.gatehouse.domain.policy;

import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.PasswordRejected;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;

/**
 * A tenant's rules for new passwords: a length range in characters, nothing about composition
 * (NIST SP 800-63B), and whether {@link PasswordScreening} applies ({@code screening}, on by default; a tenant
 * whose clients must keep short test passwords may turn it off, see ADR 0016). Independently of the policy, a
 * password may never exceed what the hasher accepts: {@link #requireWithinHasherLimit} refuses it rather than
 * letting the hasher truncate it.
 */
public record PasswordPolicy(int minLength, int maxLength, boolean screening) {
    public static final int DEFAULT_MIN_LENGTH = 8;
    public static final int DEFAULT_MAX_LENGTH = 72;
    /** A tenant may lower the maximum, but never below this (long passphrases must fit). */
    public static final int LOWEST_ALLOWED_MAX_LENGTH = 64;

    public static final boolean DEFAULT_SCREENING = true;

    public static final PasswordPolicy DEFAULT = new PasswordPolicy(DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH);

    public PasswordPolicy {
        if (minLength < 1) {
            throw new InvalidInput("passwordPolicy.minLength", "must be at least 1");
        }
        if (maxLength < LOWEST_ALLOWED_MAX_LENGTH) {
            throw new InvalidInput("passwordPolicy.maxLength", "must be at least " + LOWEST_ALLOWED_MAX_LENGTH);
        }
        if (minLength > maxLength) {
            throw new InvalidInput("passwordPolicy.minLength", "must not exceed maxLength");
        }
    }

    /** A length range with screening on. */
    public PasswordPolicy(int minLength, int maxLength) {
        this(minLength, maxLength, DEFAULT_SCREENING);
    }

    public PasswordPolicy withScreening(boolean value) {
        return new PasswordPolicy(minLength, maxLength, value);
    }

    /**
     * Checks a password that is about to be set, on every path that sets one (sign-up, adding a user, reset,
     * change, an admin or the operator setting it): the hasher's limit, this policy's length range, then, when
     * {@code screening} is on, {@link PasswordScreening} (not a common password, not containing the owner's email
     * name).
     *
     * @param owner the email address of the user whose password it becomes
     */
    public void checkNewPassword(Password password, EmailAddress owner, int hasherByteLimit, CommonPasswords common) {
        requireWithinHasherLimit(password, hasherByteLimit);
        int length = password.codePointLength();
        if (length < minLength) {
            throw new PasswordRejected("password must be at least " + minLength + " characters");
        }
        if (length > maxLength) {
            throw new PasswordRejected("password must be at most " + maxLength + " characters");
        }
        if (screening) {
            PasswordScreening.check(password, owner, common);
        }
    }

    /** Applies to every password the hasher sees, also at sign-in: no silent truncation. */
    public static void requireWithinHasherLimit(Password password, int hasherByteLimit) {
        if (password.utf8Length() > hasherByteLimit) {
            throw new PasswordRejected("password must be at most " + hasherByteLimit
                    + " bytes when UTF-8 encoded (the password hasher's limit)");
        }
    }
}
