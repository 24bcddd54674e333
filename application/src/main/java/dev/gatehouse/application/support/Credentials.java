package dev.gatehouse.application.support;

import dev.gatehouse.application.port.out.CommonPasswordList;
import dev.gatehouse.application.port.out.PasswordHasher;
import java.util.Objects;

/** How passwords are hashed and screened: what every use case that sets or checks a password needs. */
public record Credentials(PasswordHasher hasher, CommonPasswordList commonPasswords) {
    public Credentials {
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(commonPasswords, "commonPasswords");
    }
}
