package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.CommonPasswordList;
import java.util.Locale;
import java.util.Set;

/** A handful of the most common passwords, for use-case tests; the real list is tested in adapters-crypto. */
public final class FakeCommonPasswords implements CommonPasswordList {
    public static final Set<String> LIST = Set.of("123456", "password", "12345678", "qwerty", "123456789",
            "password1", "password123", "iloveyou", "letmein123", "qwertyuiop", "trustno1", "sunshine1");

    @Override
    public boolean contains(String password) {
        return LIST.contains(password.toLowerCase(Locale.ROOT));
    }

    @Override
    public int size() {
        return LIST.size();
    }
}
