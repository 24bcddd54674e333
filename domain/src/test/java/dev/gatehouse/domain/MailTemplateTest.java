package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.mail.DefaultMailTemplates;
import dev.gatehouse.domain.mail.MailDeliveryPolicy;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.MailTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTemplateTest {

    @Test
    void fillsPlaceholdersAndEscapesValuesOnlyInTheHtmlPart() {
        MailTemplate template = new MailTemplate("Hi {{ email }}", "Code {{code}} for {{email}}",
                "<p>Code <b>{{code}}</b> <a href=\"{{link}}\">go</a></p>");

        MailTemplate.Rendered mail = template.render(Map.of("code", "<x&y>", "email", "a@b.io",
                "link", "https://app.io/?a=1&b=\"2\""));

        assertThat(mail.subject()).isEqualTo("Hi a@b.io");
        assertThat(mail.text()).isEqualTo("Code <x&y> for a@b.io");
        assertThat(mail.html()).isEqualTo(
                "<p>Code <b>&lt;x&amp;y&gt;</b> <a href=\"https://app.io/?a=1&amp;b=&quot;2&quot;\">go</a></p>");
    }

    @Test
    void aMissingValueRendersEmptyAndDollarSignsInValuesAreKeptLiterally() {
        MailTemplate template = new MailTemplate("S", "[{{code}}] [{{link}}]", "");

        assertThat(template.render(Map.of("code", "$1\\2")).text()).isEqualTo("[$1\\2] []");
        assertThat(template.render(Map.of()).html()).isEmpty();
    }

    @Test
    void valuesCannotBreakTheSubjectIntoSeveralLines() {
        MailTemplate template = new MailTemplate("Hello {{tenant}}", "t", "");

        assertThat(template.render(Map.of("tenant", "Acme\r\nBcc: x@y.io")).subject()).isEqualTo("Hello Acme Bcc: x@y.io");
    }

    @Test
    void refusesPlaceholdersTheKindDoesNotOffer() {
        MailTemplate typo = new MailTemplate("Reset", "Open {{lnik}}", "");

        assertThatThrownBy(() -> typo.requireValidFor(MailKind.PASSWORD_RESET)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("{{lnik}}").hasMessageContaining("link");
        assertThatThrownBy(() -> new MailTemplate("Changed", "{{code}}", "").requireValidFor(MailKind.PASSWORD_CHANGED))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void refusesEmptyOrMultiLineSubjectsAndEmptyText() {
        assertThatThrownBy(() -> new MailTemplate(" ", "t", "")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MailTemplate("a\nb", "t", "")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MailTemplate("s", "  ", "<p>x</p>")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MailTemplate("s", "x".repeat(MailTemplate.MAX_BODY_LENGTH + 1), ""))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void everyKindHasAValidDefaultUsingItsSecretWhereItHasOne() {
        for (MailKind kind : MailKind.values()) {
            MailTemplate template = DefaultMailTemplates.of(kind);
            assertThat(template.requireValidFor(kind)).isSameAs(template);
            assertThat(template.html()).isNotEmpty();
            for (String secret : java.util.List.of("code", "link", "token")) {
                if (kind.placeholders().contains(secret)) {
                    assertThat(template.placeholders()).as("%s uses its %s", kind, secret).contains(secret);
                }
            }
            if (!kind.placeholders().contains("code")) {
                assertThat(template.placeholders()).as("%s, a notice, says when", kind)
                        .containsAnyOf("changedAt", "requestedAt");
            }
        }
    }

    @Test
    void kindsHaveLowerKebabWireNames() {
        assertThat(MailKind.PASSWORD_RESET.slug()).isEqualTo("password-reset");
        for (MailKind kind : MailKind.values()) {
            assertThat(MailKind.fromSlug(kind.slug())).isEqualTo(kind);
        }
        assertThatThrownBy(() -> MailKind.fromSlug("PASSWORD_RESET")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> MailKind.fromSlug(null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void backoffDoublesUpToItsCapAndGivesUpAfterTheConfiguredTime() {
        MailDeliveryPolicy policy = new MailDeliveryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofHours(1));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(policy.nextAttempt(1, now)).isEqualTo(now.plusSeconds(2));
        assertThat(policy.nextAttempt(2, now)).isEqualTo(now.plusSeconds(4));
        assertThat(policy.nextAttempt(4, now)).isEqualTo(now.plusSeconds(16));
        assertThat(policy.nextAttempt(5, now)).isEqualTo(now.plusSeconds(30));
        assertThat(policy.nextAttempt(500, now)).isEqualTo(now.plusSeconds(30));
        assertThat(policy.givesUp(now, now.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(policy.givesUp(now, now.plus(Duration.ofHours(1)))).isTrue();
    }
}
