package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NbvcxzCommonPasswordsTest {
    private static final NbvcxzCommonPasswords LIST = NbvcxzCommonPasswords.load();

    @Test
    void holdsAtLeastOneHundredThousandEntries() {
        assertThat(LIST.size()).isGreaterThanOrEqualTo(100_000);
        // Case-folding merges spellings such as Password1 / PASSWORD1: still over 95,000 distinct forms.
        assertThat(LIST.distinctForms()).isGreaterThan(95_000).isLessThanOrEqualTo(LIST.size());
    }

    @Test
    void findsCommonPasswordsInAnyCase() {
        for (String common : new String[] {"123456", "password", "qwerty", "password123", "Password1", "PASSWORD1",
                "iloveyou", "hunter2", "pAsSwOrD123", "correct horse battery staple"}) {
            assertThat(LIST.contains(common)).as(common).isTrue();
        }
    }

    @Test
    void doesNotFindUncommonPasswordsOrTheDocumentedDevPassword() {
        for (String rare : new String[] {"devpw1234", "Quiet-Harbor-Lantern-42", "long enough", "zx9!Tq#4vL2m",
                "", "ünïcödé pässwörd"}) {
            assertThat(LIST.contains(rare)).as(rare).isFalse();
        }
    }

    @Test
    void ignoresBlankLinesAndCarriageReturnsOfTheSource() throws IOException {
        NbvcxzCommonPasswords list = NbvcxzCommonPasswords.read(new ByteArrayInputStream(
                "alpha\r\n\r\nBeta\r\nbeta\ngamma".getBytes(StandardCharsets.UTF_8)));

        assertThat(list.size()).isEqualTo(4);
        assertThat(list.distinctForms()).isEqualTo(3);
        assertThat(list.contains("ALPHA")).isTrue();
        assertThat(list.contains("gamma")).isTrue();
        assertThat(list.contains("delta")).isFalse();
    }
}
