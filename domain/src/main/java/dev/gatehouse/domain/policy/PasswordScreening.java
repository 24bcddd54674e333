package dev.gatehouse.domain.policy;

import dev.gatehouse.domain.error.PasswordRejected;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.util.Locale;
import java.util.Objects;

/**
 * Screens a password about to be set against what an attacker guesses first: the list of the most common
 * passwords, and the owner's own email name (its local part, when it has {@value #MIN_LOCAL_PART} or more
 * characters; shorter ones would refuse too many good passwords). Both comparisons ignore case.
 */
public final class PasswordScreening {
    public static final int MIN_LOCAL_PART = 4;
    public static final String TOO_COMMON = "password is too common: it is on a list of the 100,000 most used"
            + " passwords; choose a less predictable one (a few unrelated words work well)";
    public static final String CONTAINS_EMAIL = "password must not contain the name of the email address"
            + " (the part before the @)";

    private PasswordScreening() {
    }

    /** @throws PasswordRejected with a message the user can act on */
    public static void check(Password password, EmailAddress owner, CommonPasswords common) {
        Objects.requireNonNull(common, "common passwords");
        String lower = password.value().toLowerCase(Locale.ROOT);
        if (owner != null) {
            String local = owner.localPart().toLowerCase(Locale.ROOT);
            if (local.codePointCount(0, local.length()) >= MIN_LOCAL_PART && lower.contains(local)) {
                throw new PasswordRejected(CONTAINS_EMAIL);
            }
        }
        if (common.contains(password.value())) {
            throw new PasswordRejected(TOO_COMMON);
        }
    }
}
