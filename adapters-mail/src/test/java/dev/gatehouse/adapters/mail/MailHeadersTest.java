package dev.gatehouse.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailHeadersTest {

    @Test
    void plainTextTurnsEachRunOfLineBreaksAndControlCharactersIntoOneSpace() {
        assertThat(MailHeaders.plainText("Hello\r\nBcc: evil@example.com")).isEqualTo("Hello Bcc: evil@example.com");
        assertThat(MailHeaders.plainText("a\r\n\r\n\tb")).isEqualTo("a b");
        assertThat(MailHeaders.plainText("a\rb\nc\u0000d\u007fe\u0085f\u2028g\u2029h")).isEqualTo("a b c d e f g h");
        assertThat(MailHeaders.plainText("\r\n  Acme  \n")).isEqualTo("Acme");
    }

    @Test
    void plainTextKeepsOrdinaryTextOfAnyScript() {
        assertThat(MailHeaders.plainText("Zoë \"the\" <Admin>, Grüße 🎉 日本"))
                .isEqualTo("Zoë \"the\" <Admin>, Grüße 🎉 日本");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<abc@gatehouse>", "<k3j.4h5-x_y+z=1@gatehouse.example>", "<a!#$%&'*+/=?^_`{|}~-@b>"})
    void acceptsMessageIdsWithAngleBracketsAndDotAtomSides(String id) {
        assertThat(MailHeaders.messageId(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc@gatehouse", "<abc@gatehouse", "abc@gatehouse>", "<abc>", "<@gatehouse>", "<abc@>",
            "<a b@gatehouse>", "<a..b@gatehouse>", "<.a@gatehouse>", "<a@gate house>", "<a@b@c>", "<abc@gatehouse> ",
            "<abc@gatehouse>\r\nBcc: evil@example.com", "<abc@gatehouse>\nX: y", "<ä@gatehouse>", "<\"a\"@gatehouse>", ""})
    void refusesAnythingElseAsMessageId(String id) {
        assertThatThrownBy(() -> MailHeaders.messageId(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("message id must look like <random@gatehouse>");
    }

    @Test
    void refusesMessageIdsLongerThan250Characters() {
        String left = "a".repeat(MailHeaders.MAX_MESSAGE_ID_LENGTH - "<@gatehouse>".length());
        assertThat(MailHeaders.messageId("<" + left + "@gatehouse>")).hasSize(MailHeaders.MAX_MESSAGE_ID_LENGTH);
        assertThatThrownBy(() -> MailHeaders.messageId("<" + left + "a@gatehouse>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com", "a.b+tag@sub.example.co.uk", "o'brien@example.com", "x@localhost",
            "Alice@Example.COM"})
    void acceptsBareAsciiAddressesAsGiven(String address) {
        assertThat(MailHeaders.address(address, "to")).isEqualTo(address);
    }

    @Test
    void sendsAnInternationalisedDomainInItsAsciiForm() {
        assertThat(MailHeaders.address("alice@bücher.example", "to")).isEqualTo("alice@xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com\r\nBcc: evil@example.com", "alice@example.com\nBcc: evil@example.com",
            "alice@example.com\r\n", "Alice <alice@example.com>", "<alice@example.com>", "a@example.com, b@example.com",
            "a@example.com;b@example.com", "\"alice smith\"@example.com", "alice smith@example.com", "alice",
            "@example.com", "alice@", "alice@exa mple.com", "alice@-bad.example", "alice@bad-.example",
            "alice@[127.0.0.1]", "al..ice@example.com", ".alice@example.com", "alice@example..com", "zoë@example.com",
            "alice@example.com (comment)", "alice@ex\u0000ample.com", ""})
    void refusesAnythingButABareAddress(String address) {
        assertThatThrownBy(() -> MailHeaders.address(address, "to"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("to address ")
                .hasMessageNotContaining("alice");
    }

    @Test
    void refusesOverlongAddresses() {
        assertThatThrownBy(() -> MailHeaders.address("a".repeat(65) + "@example.com", "to"))
                .isInstanceOf(IllegalArgumentException.class);
        String longDomain = ("a".repeat(60) + ".").repeat(4) + "example";
        assertThatThrownBy(() -> MailHeaders.address("alice@" + longDomain, "to"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
