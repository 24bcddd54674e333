package dev.gatehouse.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.adapters.mail.SmtpSettings.Security;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpSettingsTest {

    @Test
    void plainSmtpDefaultsToPort25OpportunisticStarttlsNoAuthAndTenSeconds() {
        SmtpSettings settings = SmtpSettings.parse("smtp://mail.example.com");

        assertThat(settings).isEqualTo(new SmtpSettings(Security.STARTTLS_OPPORTUNISTIC, "mail.example.com", 25,
                null, null, Duration.ofSeconds(10)));
        assertThat(settings.authenticates()).isFalse();
    }

    @Test
    void smtpsIsImplicitTlsOnPort465() {
        SmtpSettings settings = SmtpSettings.parse("smtps://mail.example.com");

        assertThat(settings.security()).isEqualTo(Security.IMPLICIT_TLS);
        assertThat(settings.port()).isEqualTo(465);
    }

    @Test
    void readsCredentialsPortStarttlsAndTimeout() {
        SmtpSettings settings = SmtpSettings.parse("smtp://bob:hunter2@mail.example.com:587?starttls=required&timeout=30s");

        assertThat(settings).isEqualTo(new SmtpSettings(Security.STARTTLS_REQUIRED, "mail.example.com", 587,
                "bob", "hunter2", Duration.ofSeconds(30)));
        assertThat(settings.authenticates()).isTrue();
    }

    @Test
    void starttlsCanBeOpportunisticOrOffInAnyCase() {
        assertThat(SmtpSettings.parse("smtp://h.example?starttls=opportunistic").security())
                .isEqualTo(Security.STARTTLS_OPPORTUNISTIC);
        assertThat(SmtpSettings.parse("SMTP://h.example?StartTLS=OFF").security()).isEqualTo(Security.PLAIN);
    }

    @Test
    void percentDecodesUserAndPasswordAsUtf8KeepingPlusSigns() {
        SmtpSettings settings = SmtpSettings.parse("smtp://us%40er%2Bx:p%40ss%3Aw%2Frd%25%23%3F%C3%A9+x@h.example");

        assertThat(settings.username()).isEqualTo("us@er+x");
        assertThat(settings.password()).isEqualTo("p@ss:w/rd%#?é+x");
    }

    @Test
    void everythingAfterTheFirstColonIsThePassword() {
        assertThat(SmtpSettings.parse("smtp://bob:a:b@h.example").password()).isEqualTo("a:b");
    }

    @Test
    void acceptsIpv6LiteralsAndATrailingSlash() {
        SmtpSettings settings = SmtpSettings.parse("smtp://[::1]:2525/");

        assertThat(settings.host()).isEqualTo("::1");
        assertThat(settings.port()).isEqualTo(2525);
        assertThat(settings).hasToString("smtp://[::1]:2525?starttls=opportunistic&timeout=10000ms");
    }

    @Test
    void readsTimeoutsInMillisecondsSecondsMinutesOrIso8601() {
        assertThat(SmtpSettings.parse("smtp://h.example?timeout=500ms").timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(SmtpSettings.parse("smtp://h.example?timeout=2m").timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(SmtpSettings.parse("smtps://h.example?timeout=PT45S").timeout()).isEqualTo(Duration.ofSeconds(45));
    }

    /** The timeout is read like every other duration (DurationText); hours and days parse but exceed the bound. */
    @ParameterizedTest
    @ValueSource(strings = {"1h", "1d", "0ms", "PT0S", "-PT1S", "PT5M0.001S", "10w", "1000000000ms"})
    void refusesTimeoutsOutsideZeroToFiveMinutesWithOneMessage(String timeout) {
        assertThatThrownBy(() -> SmtpSettings.parse("smtp://h.example?timeout=" + timeout))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GATEHOUSE_SMTP_URL timeout must be a positive duration of at most 5m, such as 10s or 500ms");
        assertThat(SmtpSettings.parse("smtp://h.example?timeout=PT5M").timeout()).isEqualTo(SmtpSettings.MAX_TIMEOUT);
    }

    @Test
    void toStringHidesThePassword() {
        SmtpSettings settings = SmtpSettings.parse("smtps://bob%40example.com:hunter2@mail.example.com");

        assertThat(settings.toString())
                .isEqualTo("smtps://bob%40example.com:***@mail.example.com:465?timeout=10000ms")
                .doesNotContain("hunter2");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void refusesAMissingValue(String url) {
        assertThatThrownBy(() -> SmtpSettings.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GATEHOUSE_SMTP_URL is not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://h.example", "mailto:bob@h.example", "h.example:25", "smtp:h.example", "smtp://", "smtp:///x",
            "smtp://h.example:0", "smtp://h.example:65536", "smtp://h.example:x", "smtp://h.example/path",
            "smtp://h.example#frag", "smtp://h.example?startls=required", "smtp://h.example?starttls=yes",
            "smtps://h.example?starttls=required", "smtp://h.example?timeout=0s", "smtp://h.example?timeout=10",
            "smtp://h.example?timeout=6m", "smtp://h.example?timeout=-1s", "smtp://h.example?timeout=1s&timeout=2s",
            "smtp://h.example?timeout", "smtp://h.example?&", "smtp://bob@h.example", "smtp://:pw@h.example",
            "smtp://bob:@h.example", "smtp://bob:pw%zz@h.example", "smtp://bob:pw%C3@h.example", "smtp://bob:pw%@h.example",
            "smtp://h ex.example"})
    void refusesMalformedUrlsNamingTheVariable(String url) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> SmtpSettings.parse(url));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("GATEHOUSE_SMTP_URL ").hasSizeLessThan(200);
        assertThat(e.getCause()).isNull();
    }

    /** Passwords with unescaped reserved characters break URL parsing; no error may repeat any of it. */
    @ParameterizedTest
    @ValueSource(strings = {
            "smtp://bob:hun@ter2@h.example", "smtp://bob:hun/ter2@h.example", "smtp://bob:hun#ter2@h.example",
            "smtp://bob:hun?ter2@h.example", "smtp://bob:hun ter2@h.example", "smtp://bob:hun%ter2@h.example",
            "smtp://bob:hunter2@h.example:99999", "smtp://bob:hunter2@h.example?starttls=maybe",
            "smtp://bob:hunter2@/nohost", "smtp://bob:hun[ter2@h.example", "smtp://bob:hunter2@h.example/x?hunter2#hunter2"})
    void errorMessagesNeverRepeatThePassword(String url) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> SmtpSettings.parse(url));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("GATEHOUSE_SMTP_URL ").doesNotContain("hun").doesNotContain("ter2");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void theConstructorChecksWhatParseChecks() {
        assertThatThrownBy(() -> SmtpSettings.of(Security.PLAIN, " ", 25)).hasMessageContaining("no host");
        assertThatThrownBy(() -> SmtpSettings.of(Security.PLAIN, "h.example", 0)).hasMessageContaining("port");
        assertThatThrownBy(() -> SmtpSettings.of(Security.PLAIN, "h.example", 25).withCredentials("bob", null))
                .hasMessageContaining("no password");
        assertThatThrownBy(() -> SmtpSettings.of(Security.PLAIN, "h.example", 25).withTimeout(Duration.ZERO))
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> SmtpSettings.of(Security.PLAIN, "h.example", 25).withTimeout(Duration.ofMinutes(6)))
                .hasMessageContaining("timeout");
    }
}
