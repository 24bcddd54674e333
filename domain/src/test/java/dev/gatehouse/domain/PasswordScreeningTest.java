package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.error.PasswordRejected;
import dev.gatehouse.domain.policy.CommonPasswords;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.policy.PasswordScreening;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordScreeningTest {
    private static final CommonPasswords COMMON = p -> Set.of("password123", "iloveyou").contains(p.toLowerCase(Locale.ROOT));
    private static final EmailAddress MARGARET = new EmailAddress("Margaret.H@example.com");

    private static void check(String password, EmailAddress owner) {
        PasswordPolicy.DEFAULT.checkNewPassword(new Password(password), owner, 72, COMMON);
    }

    @Test
    void refusesACommonPasswordInAnyCaseWithAMessageThatSaysWhy() {
        assertThatThrownBy(() -> check("PassWord123", MARGARET)).isInstanceOf(PasswordRejected.class)
                .hasMessage(PasswordScreening.TOO_COMMON);
    }

    @Test
    void refusesAPasswordEqualToOrContainingTheEmailNameInAnyCase() {
        assertThatThrownBy(() -> check("margaret.h", MARGARET)).isInstanceOf(PasswordRejected.class)
                .hasMessage(PasswordScreening.CONTAINS_EMAIL);
        assertThatThrownBy(() -> check("xx-MARGARET.H-2024", MARGARET)).isInstanceOf(PasswordRejected.class)
                .hasMessage(PasswordScreening.CONTAINS_EMAIL);
    }

    @Test
    void ignoresEmailNamesShorterThanFourCharacters() {
        assertThatCode(() -> check("bob-the-builder-77", new EmailAddress("bob@example.com"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("my-name-is-bobby-7", new EmailAddress("bobby@example.com")))
                .isInstanceOf(PasswordRejected.class);
    }

    @Test
    void acceptsAnUncommonPasswordUnrelatedToTheEmail() {
        assertThatCode(() -> check("Quiet-Harbor-Lantern-42", MARGARET)).doesNotThrowAnyException();
        assertThatCode(() -> check("Quiet-Harbor-Lantern-42", null)).doesNotThrowAnyException();
    }

    @Test
    void checksLengthBeforeTheList() {
        assertThatThrownBy(() -> check("short", MARGARET)).isInstanceOf(PasswordRejected.class)
                .hasMessageContaining("at least 8");
    }

    @Test
    void aPolicyWithScreeningOffTakesCommonPasswordsAndTheEmailNameButKeepsItsLengthRange() {
        PasswordPolicy unscreened = new PasswordPolicy(4, 72, false);

        assertThatCode(() -> unscreened.checkNewPassword(new Password("password123"), MARGARET, 72, COMMON))
                .doesNotThrowAnyException();
        assertThatCode(() -> unscreened.checkNewPassword(new Password("margaret.h"), MARGARET, 72, COMMON))
                .doesNotThrowAnyException();
        assertThatCode(() -> unscreened.checkNewPassword(new Password("unit"), MARGARET, 72, COMMON))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> unscreened.checkNewPassword(new Password("abc"), MARGARET, 72, COMMON))
                .isInstanceOf(PasswordRejected.class).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> unscreened.withScreening(true).checkNewPassword(new Password("password123"), MARGARET,
                72, COMMON)).isInstanceOf(PasswordRejected.class).hasMessage(PasswordScreening.TOO_COMMON);
    }
}
