package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.code.CodeHash;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.code.OneTimeCode;
import dev.gatehouse.domain.code.OneTimeCode.Check;
import dev.gatehouse.domain.code.ResetCodeAlphabet;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OneTimeCodeTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static OneTimeCode code(String plain) {
        return OneTimeCode.issue(UUID.randomUUID(), new TenantId(UUID.randomUUID()), CodeKind.PASSWORD_RESET,
                new EmailAddress("ada@example.com"), Optional.empty(), CodeHash.of(CodeKind.PASSWORD_RESET, plain), NOW,
                CodeKind.PASSWORD_RESET.defaultLifetime());
    }

    private static OneTimeCode withFailures(OneTimeCode c, int failures) {
        return new OneTimeCode(c.id(), c.tenantId(), c.kind(), c.email(), c.userId(), c.codeHash(), c.created(),
                c.expiresAt(), failures, c.usedAt());
    }

    @Test
    void acceptsTheRightCodeTypedInLowerCaseOrGroupedAndRefusesAWrongOne() {
        OneTimeCode code = code("ABCD2345WXYZ");

        assertThat(code.check(CodeHash.of(CodeKind.PASSWORD_RESET, "abcd-2345-wxyz"), NOW)).isEqualTo(Check.ACCEPTED);
        assertThat(code.check(CodeHash.of(CodeKind.PASSWORD_RESET, "ABCD2345WXYA"), NOW)).isEqualTo(Check.WRONG);
        assertThat(code.check(CodeHash.of(CodeKind.PASSWORD_RESET, ""), NOW)).isEqualTo(Check.WRONG);
    }

    @Test
    void refusesEvenTheRightCodeOnceExpiredUsedOrAfterTheFifthWrongTry() {
        OneTimeCode code = code("ABCD2345WXYZ");
        String right = CodeHash.of(CodeKind.PASSWORD_RESET, "ABCD2345WXYZ");

        assertThat(code.check(right, NOW.plus(Duration.ofHours(1)))).isEqualTo(Check.EXPIRED);
        assertThat(withFailures(code, 4).check(right, NOW)).isEqualTo(Check.ACCEPTED);
        assertThat(withFailures(code, 5).check(right, NOW)).isEqualTo(Check.EXHAUSTED);
        OneTimeCode used = new OneTimeCode(code.id(), code.tenantId(), code.kind(), code.email(), code.userId(),
                code.codeHash(), code.created(), code.expiresAt(), 0, Optional.of(NOW));
        assertThat(used.check(right, NOW)).isEqualTo(Check.USED);
    }

    @Test
    void resetCodesHaveTwelveSymbolsOfTheAlphabetAndDoNotRepeat() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[ResetCodeAlphabet.LENGTH];
            random.nextBytes(bytes);
            String code = ResetCodeAlphabet.fromRandomBytes(bytes);
            assertThat(code).hasSize(12).matches("[" + ResetCodeAlphabet.SYMBOLS + "]+");
            seen.add(code);
        }
        assertThat(seen).hasSize(1000);
        assertThat(ResetCodeAlphabet.SYMBOLS).hasSize(32).doesNotContain("0", "O", "1", "I");
    }
}
