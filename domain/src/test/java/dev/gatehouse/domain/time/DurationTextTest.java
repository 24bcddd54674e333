package dev.gatehouse.domain.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @Test
    void readsEveryShortUnit() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationText.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void shortUnitsIgnoreCaseAndMIsAlwaysMinutes() {
        assertThat(DurationText.parse("10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationText.parse("2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("250MS")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("1D")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void readsIsoInEitherCase() {
        assertThat(DurationText.parse("PT12H")).isEqualTo(Duration.ofHours(12));
        assertThat(DurationText.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("P2D")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationText.parse("PT0.5S")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void takesNineDigitsOfAnyUnitWithoutOverflow() {
        assertThat(DurationText.parse("999999999d")).isEqualTo(Duration.ofDays(999_999_999));
        assertThat(DurationText.parse("000000001s")).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "10", "s", "ms", "1.5s", "10 s", " 10s", "10s ", "10w", "10y", "10sec", "1h30m",
            "+10s", "1e3ms", "1000000000ms", "12345678901s", "PT", "P", "PTXS", "10s10s", "１０s"})
    void refusesTextInNoForm(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("is not " + DurationText.FORMS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT9999999999999999999H", "P9999999999999999D", "PT2562047788015216H"})
    void refusesIsoThatOverflowsADuration(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("is not " + DurationText.FORMS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0ms", "0s", "0m", "0h", "0d", "000000000s", "PT0S", "P0D", "-PT5S", "PT-5S", "-P1D"})
    void refusesZeroAndNegativeDurations(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("must be more than zero");
    }

    @Test
    void errorMessagesQuoteNothingOfTheInput() {
        assertThatThrownBy(() -> DurationText.parse("hunter2"))
                .hasMessageNotContainingAny("hunter2", "HUNTER2");
        assertThatThrownBy(() -> DurationText.parse("-PT77S"))
                .hasMessageNotContainingAny("77");
    }
}
