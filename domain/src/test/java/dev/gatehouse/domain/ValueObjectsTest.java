package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.PasswordRejected;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.UserId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {

    @Test
    void normalisesEmailsByTrimmingAndLowerCasing() {
        assertThat(new EmailAddress("  Ada.Lovelace+x@Example.COM ").value()).isEqualTo("ada.lovelace+x@example.com");
        assertThat(new EmailAddress("A@x.io")).isEqualTo(new EmailAddress("a@x.io"));
        assertThat(new EmailAddress("jürgen@bücher.de").localPart()).isEqualTo("jürgen");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "plain", "@x.io", "a@", "a@x", "a b@x.io", "a@x..io", ".a@x.io", "a.@x.io",
            "a@-x.io", "a\n@x.io", "a\u0000@x.io", "a@@x.io", "a\ud800@x.io"})
    void refusesMalformedEmails(String raw) {
        assertThatThrownBy(() -> new EmailAddress(raw)).isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("email:");
    }

    @Test
    void refusesEmailsLongerThan254Characters() {
        String longest = "a".repeat(64) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".io";
        assertThat(longest).hasSizeLessThanOrEqualTo(254);
        assertThat(new EmailAddress(longest).value()).isEqualTo(longest);
        assertThatThrownBy(() -> new EmailAddress("a".repeat(64) + "@" + "b".repeat(190) + ".io"))
                .hasMessageContaining("254");
    }

    @Test
    void mapsRoleLevelsBothWaysAndRefusesOthers() {
        for (Role role : Role.values()) {
            assertThat(Role.fromLevel(role.level())).isEqualTo(role);
        }
        assertThat(Role.ROOT.isAtLeast(Role.ACCOUNT_ADMIN)).isTrue();
        assertThat(Role.USER.isAtLeast(Role.ACCOUNT_ADMIN)).isFalse();
        assertThatThrownBy(() -> Role.fromLevel(42)).isInstanceOf(InvalidInput.class);
    }

    private static final dev.gatehouse.domain.user.EmailAddress OWNER = new dev.gatehouse.domain.user.EmailAddress("owner@example.com");
    private static final dev.gatehouse.domain.policy.CommonPasswords NONE_COMMON = password -> false;

    @Test
    void passwordPolicyCountsCharactersAndBytesSeparately() {
        PasswordPolicy policy = PasswordPolicy.DEFAULT;
        policy.checkNewPassword(new Password("12345678"), OWNER, 72, NONE_COMMON);
        policy.checkNewPassword(new Password("x".repeat(72)), OWNER, 72, NONE_COMMON);

        assertThatThrownBy(() -> policy.checkNewPassword(new Password("1234567"), OWNER, 72, NONE_COMMON))
                .isInstanceOf(PasswordRejected.class).hasMessageContaining("at least 8 characters");
        assertThatThrownBy(() -> policy.checkNewPassword(new Password("x".repeat(73)), OWNER, 72, NONE_COMMON))
                .isInstanceOf(PasswordRejected.class).hasMessageContaining("at most 72 bytes");
        assertThatThrownBy(() -> new PasswordPolicy(8, 64).checkNewPassword(new Password("x".repeat(65)), OWNER, 72, NONE_COMMON))
                .isInstanceOf(PasswordRejected.class).hasMessageContaining("at most 64 characters");
        // 30 three-byte characters: within 72 characters, over 72 bytes.
        assertThatThrownBy(() -> policy.checkNewPassword(new Password("€".repeat(30)), OWNER, 72, NONE_COMMON))
                .isInstanceOf(PasswordRejected.class).hasMessageContaining("72 bytes");
    }

    @Test
    void passwordPolicyKeepsRoomForPassphrases() {
        assertThatThrownBy(() -> new PasswordPolicy(8, 63)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new PasswordPolicy(0, 64)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new PasswordPolicy(100, 72)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void passwordsNeverShowTheirValue() {
        assertThat(new Password("hunter22")).hasToString("Password[hidden]");
        assertThatThrownBy(() -> new Password("")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Password("abc\u0000defgh")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Password("abcdefgh\ud800")).isInstanceOf(InvalidInput.class);
        assertThat(new Password("emoji \ud83d\ude00 ok").codePointLength()).isEqualTo(10);
    }

    @Test
    void idsAcceptOnlyCanonicalUuids() {
        assertThat(UserId.parse("id", "0f0e0d0c-0b0a-4900-8800-000000000001").toString())
                .isEqualTo("0f0e0d0c-0b0a-4900-8800-000000000001");
        for (String bad : new String[] {"1-1-1-1-1", "", "not-a-uuid", "0f0e0d0c0b0a49008800000000000001"}) {
            assertThatThrownBy(() -> UserId.parse("id", bad)).isInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void tenantSettingsAcceptOnlyBareOrigins() {
        TenantSettings settings = new TenantSettings(Set.of("https://App.example.com", "http://localhost:3000"),
                PasswordPolicy.DEFAULT);
        assertThat(settings.allowsOrigin("https://app.example.com")).isTrue();
        assertThat(settings.allowsOrigin("https://evil.example.com")).isFalse();
        assertThat(settings.allowsOrigin(null)).isFalse();
        assertThat(new TenantSettings(Set.of("*"), PasswordPolicy.DEFAULT).allowsOrigin("https://any.io")).isTrue();
        for (String bad : new String[] {"https://x.io/path", "ftp://x.io", "x.io", "https://u@x.io"}) {
            assertThatThrownBy(() -> new TenantSettings(Set.of(bad), PasswordPolicy.DEFAULT))
                    .isInstanceOf(InvalidInput.class);
        }
    }
}
