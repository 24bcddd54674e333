package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.user.EmailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One address, one string: invisible characters refused, NFC, internationalised domains in ASCII. */
class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "admin\u200b@corp.com",      // zero-width space (Cf)
            "ad\u200cmin@corp.com",      // zero-width non-joiner (Cf)
            "ad\u200dmin@corp.com",      // zero-width joiner (Cf)
            "\u2060admin@corp.com",      // word joiner (Cf)
            "\ufeffadmin@corp.com",      // byte order mark (Cf)
            "admin\u00ad@corp.com",      // soft hyphen (Cf)
            "admin\u202e@corp.com",      // right-to-left override (Cf)
            "admin@corp\u200b.com",      // in the domain
            "admin@corp.com\u200b",      // at the end, where trimming does not reach
            "ad\u00a0min@corp.com",      // no-break space (Zs)
            "admin\u3000@corp.com",      // ideographic space (Zs)
            "admin\u2028@corp.com",      // line separator (Zl)
            "admin\u2029@corp.com",      // paragraph separator (Zp)
            "admin\u0085@corp.com",      // next line (Cc)
            "admin\u007f@corp.com",      // delete (Cc)
            "admin\ufe0f@corp.com",      // variation selector 16
            "admin\udb40\udd00@corp.com", // variation selector 17 (U+E0100)
            "admin\udb40\udc41@corp.com", // tag latin small letter a (U+E0041, Cf)
            "admin\u034f@corp.com",      // combining grapheme joiner
            "admin\u3164@corp.com",      // Hangul filler
            "admin\u115f@corp.com",      // Hangul choseong filler
            "admin\u180b@corp.com",      // Mongolian free variation selector
            "admin\u2800@corp.com",      // Braille pattern blank
            "admin\ue000@corp.com",      // private use
            "admin\u0378@corp.com"})     // unassigned
    void refusesEveryInvisibleCharacterAnywhereInTheAddress(String raw) {
        assertThatThrownBy(() -> new EmailAddress(raw)).isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("email: must not contain invisible");
    }

    @Test
    void theRefusalNamesTheCodePointFound() {
        assertThatThrownBy(() -> new EmailAddress("admin\u200b@corp.com")).hasMessageContaining("U+200B");
        assertThatThrownBy(() -> new EmailAddress("admin\udb40\udd00@corp.com")).hasMessageContaining("U+E0100");
    }

    @Test
    void ordinaryWhitespaceAroundTheAddressIsStillTrimmed() {
        assertThat(new EmailAddress(" \t admin@corp.com \n").value()).isEqualTo("admin@corp.com");
    }

    @Test
    void composedAndDecomposedFormsAreOneAddress() {
        EmailAddress composed = new EmailAddress("j\u00fcrgen@example.de");
        EmailAddress decomposed = new EmailAddress("ju\u0308rgen@example.de");
        assertThat(decomposed).isEqualTo(composed);
        assertThat(decomposed.value()).isEqualTo("j\u00fcrgen@example.de");
        assertThat(new EmailAddress("J\u00dcRGEN@example.de")).isEqualTo(composed);
    }

    @Test
    void anInternationalisedDomainIsStoredInItsAsciiFormWhicheverFormIsGiven() {
        EmailAddress unicode = new EmailAddress("alice@b\u00fccher.example");
        assertThat(unicode.value()).isEqualTo("alice@xn--bcher-kva.example");
        assertThat(new EmailAddress("alice@XN--BCHER-KVA.example")).isEqualTo(unicode);
        assertThat(new EmailAddress("alice@bu\u0308cher.example")).isEqualTo(unicode);
        assertThat(new EmailAddress("alice@B\u00dcCHER.EXAMPLE")).isEqualTo(unicode);
        // full-width dots are label separators in IDNA
        assertThat(new EmailAddress("alice@b\u00fccher\u3002example")).isEqualTo(unicode);
        assertThat(new EmailAddress("j\u00fcrgen@b\u00fccher.de").localPart()).isEqualTo("j\u00fcrgen");
        assertThat(new EmailAddress("user@\u4f8b\u3048.jp").value()).isEqualTo("user@xn--r8jz45g.jp");
    }

    @Test
    void canonicalFormIsAFixedPoint() {
        for (String raw : new String[] {"Ada@Example.COM", "ju\u0308rgen@b\u00fccher.de", "x@\u4f8b\u3048.jp",
                "\u0130stanbul@example.tr", "STRASSE@stra\u00dfe.de"}) {
            EmailAddress once = new EmailAddress(raw);
            assertThat(new EmailAddress(once.value())).as(raw).isEqualTo(once);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b\u00fccher", "a@-b\u00fccher.de", "a@b\u00fccher..de", "a@" + "\u00fc" + ".de.",
            "a@b_c.de", "a@xn--.de"})
    void refusesDomainsThatAreNoHostNameInEitherForm(String raw) {
        assertThatThrownBy(() -> new EmailAddress(raw)).isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("email:");
    }

    @Test
    void theLengthLimitAppliesToTheStoredAsciiForm() {
        String label = "\u4f8b\u3048\u8a66\u9a13\u65e5\u672c\u8a9e\u6f22\u5b57\u6587\u66f8\u96fb\u8eca\u99c5";
        String domain = label + "." + label + "." + label + "." + label + ".jp";
        String address = "a".repeat(64) + "@" + domain;
        assertThat(address.length()).isLessThan(EmailAddress.MAX_LENGTH);
        assertThat(64 + 1 + java.net.IDN.toASCII(domain).length()).isGreaterThan(EmailAddress.MAX_LENGTH);
        assertThatThrownBy(() -> new EmailAddress(address)).hasMessageContaining("254");
    }

    @Test
    void aStoredAddressWithInvisibleCharactersReadsBackAsItsVisiblePart() {
        assertThat(EmailAddress.ofStored("admin\u200b@corp.com").value()).isEqualTo("admin@corp.com");
        assertThat(EmailAddress.ofStored("Admin@B\u00fccher.de").value()).isEqualTo("admin@xn--bcher-kva.de");
        assertThatThrownBy(() -> EmailAddress.ofStored("not an address")).isInstanceOf(InvalidInput.class);
        assertThat(EmailAddress.withoutInvisible("a\u200bb\ufe0fc\u00a0d")).isEqualTo("abcd");
    }
}
