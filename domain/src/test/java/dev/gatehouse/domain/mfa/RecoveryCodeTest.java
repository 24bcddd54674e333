package dev.gatehouse.domain.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.user.UserId;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryCodeTest {
    private static final UserId USER = new UserId(UUID.randomUUID());

    @Test
    void aSetIsTenDistinctCodesOfSixtyBitsShownInGroupsOfFour() {
        SecureRandom random = new SecureRandom();

        List<RecoveryCode> codes = RecoveryCode.generateSet(() -> {
            byte[] bytes = new byte[RecoveryCode.LENGTH];
            random.nextBytes(bytes);
            return bytes;
        });

        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(RecoveryCode.BITS).isGreaterThanOrEqualTo(50);
        assertThat(codes).allSatisfy(code -> assertThat(code.display())
                .matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}"));
    }

    @Test
    void aSetKeepsDrawingUntilItHasTenDistinctCodes() {
        int[] calls = {0};
        List<RecoveryCode> codes = RecoveryCode.generateSet(() -> {
            byte[] bytes = new byte[RecoveryCode.LENGTH];
            bytes[0] = (byte) (calls[0]++ / 2); // every code comes twice
            return bytes;
        });

        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(calls[0]).isEqualTo(19);
    }

    @Test
    void aPresentedCodeMatchesInAnyCaseWithOrWithoutHyphensAndSpaces() {
        RecoveryCode issued = RecoveryCode.parse("recoveryCode", "ABCD-EFGH-JKLM");

        assertThat(RecoveryCode.parse("recoveryCode", "abcd efgh jklm")).isEqualTo(issued);
        assertThat(RecoveryCode.parse("recoveryCode", " abcdEFGHjklm ")).isEqualTo(issued);
        assertThat(RecoveryCode.parse("recoveryCode", "AB-CD-EF-GH-JK-LM").hash(USER)).isEqualTo(issued.hash(USER));
        assertThat(issued.display()).isEqualTo("ABCD-EFGH-JKLM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ABCD-EFGH-JKL", "ABCD-EFGH-JKLMN", "ABCD-EFGH-JKL0", "ABCD-EFGH-JKLI",
            "ABCD_EFGH_JKLM", "ABCD-EFGH-JKLſ", "ABCD-EFGH-JKLMABCD-EFGH-JKLM"})
    void refusesAnythingThatIsNotACodeOfTheAlphabet(String raw) {
        assertThatThrownBy(() -> RecoveryCode.parse("recoveryCode", raw)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("recoveryCode");
    }

    @Test
    void theStoredHashDependsOnTheUserAndHidesTheCode() {
        RecoveryCode code = RecoveryCode.parse("recoveryCode", "ABCD-EFGH-JKLM");

        assertThat(code.hash(USER)).isEqualTo(code.hash(USER));
        assertThat(code.hash(USER)).isNotEqualTo(code.hash(new UserId(UUID.randomUUID())));
        assertThat(code.hash(USER).hex()).hasSize(64).doesNotContain("ABCD");
        assertThat(code.toString()).doesNotContain("ABCD");
    }
}
