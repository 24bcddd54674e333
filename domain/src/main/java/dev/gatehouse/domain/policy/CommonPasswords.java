package dev.gatehouse.domain.policy;

/**
 * A list of passwords so widely used that attackers try them first (NIST SP 800-63B 3.1.1.2: "passwords
 * obtained from previous breach corpuses", "commonly-used passwords"). Matching ignores case.
 */
@FunctionalInterface
public interface CommonPasswords {

    /** Whether the password, compared without regard to case, is on the list. */
    boolean contains(String password);
}
