package dev.gatehouse.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.error.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserProfileTest {
    @Test
    void keepsATrimmedNameUpTo200CodePointsAndTreatsBlankAsNone() {
        assertThat(new UserProfile("  Ada Lovelace ", null, null).name()).isEqualTo("Ada Lovelace");
        assertThat(new UserProfile("   ", null, null).name()).isNull();
        String astral = "𝒜".repeat(200);
        assertThat(new UserProfile(astral, null, null).name()).isEqualTo(astral);
        assertThatThrownBy(() -> new UserProfile("a".repeat(201), null, null))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("at most 200");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\nLovelace", "Ada\u0000", "Ada\u202Eecalevol", "tab\there", "x\u2028y", "\u0007bell"})
    void refusesControlFormatAndLineBreakingCharactersInTheName(String name) {
        assertThatThrownBy(() -> new UserProfile(name, null, null))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("name").hasMessageContaining("U+");
    }

    @Test
    void refusesALoneSurrogateInTheName() {
        assertThatThrownBy(() -> new UserProfile("a\uD800b", null, null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void takesOnlyHttpsAvatarUrlsWithAHostAndNoUserInfo() {
        assertThat(new UserProfile(null, "https://cdn.example/a.png?x=1#f", null).avatarUrl())
                .isEqualTo("https://cdn.example/a.png?x=1#f");
        assertThat(new UserProfile(null, "", null).avatarUrl()).isNull();
        for (String bad : new String[] {"http://cdn.example/a.png", "javascript:alert(1)", "https:///x",
                "https://user:pw@cdn.example/a.png", "https://cdn.example/a b.png", "data:image/png;base64,AA",
                "https://cdn.example/é.png", "//cdn.example/a.png", "https://cdn.example/" + "a".repeat(2000)}) {
            assertThatThrownBy(() -> new UserProfile(null, bad, null)).as(bad)
                    .isInstanceOf(InvalidInput.class).hasMessageContaining("avatarUrl");
        }
    }

    @Test
    void boundsTheMetadataTo8KiBOfAJsonObjectAndTreatsAnEmptyObjectAsNone() {
        assertThat(new UserProfile(null, null, "{\"a\":1}").metadataJson()).isEqualTo("{\"a\":1}");
        assertThat(new UserProfile(null, null, "{}").metadataJson()).isNull();
        String big = "{\"a\":\"" + "é".repeat(4093) + "\"}"; // 8,194 bytes of UTF-8
        assertThatThrownBy(() -> new UserProfile(null, null, big))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("8192 bytes");
        assertThatThrownBy(() -> new UserProfile(null, null, "[1]"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("JSON object");
    }

    @Test
    void neverPrintsItsValues() {
        assertThat(new UserProfile("Ada", "https://cdn.example/a.png", "{\"k\":1}").toString())
                .doesNotContain("Ada").doesNotContain("cdn").doesNotContain("k\"");
    }
}
