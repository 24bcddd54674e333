package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.code.CodeHash;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.code.OneTimeCode.Check;
import dev.gatehouse.domain.emailchange.EmailChangeRevert;
import dev.gatehouse.domain.emailchange.PendingEmailChange;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmailChangeValuesTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final TenantId TENANT = new TenantId(UUID.randomUUID());
    private static final UserId USER = new UserId(UUID.randomUUID());
    private static final EmailAddress NEW = new EmailAddress("new@example.org");

    @Test
    void aTypedCodeMatchesInAnyCaseWithItsGroupingAndHashesLikeAResetCode() {
        assertThat(CodeHash.ofTypedCode("abcd-efgh jkmn")).isEqualTo(CodeHash.ofTypedCode("ABCDEFGHJKMN"))
                .isEqualTo(CodeHash.of(CodeKind.PASSWORD_RESET, "ABCDEFGHJKMN"))
                .isNotEqualTo(CodeHash.ofTypedCode("ABCDEFGHJKMP"));
    }

    @Test
    void aPendingChangeAcceptsItsCodeUntilItExpiresOrRunsOutOfTries() {
        String hash = CodeHash.ofTypedCode("ABCDEFGHJKMN");
        PendingEmailChange change = PendingEmailChange.start(UUID.randomUUID(), TENANT, USER, NEW, hash, NOW,
                Duration.ofHours(1));

        assertThat(change.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(change.check(hash, NOW)).isEqualTo(Check.ACCEPTED);
        assertThat(change.check(CodeHash.ofTypedCode("ZZZZZZZZZZZZ"), NOW)).isEqualTo(Check.WRONG);
        assertThat(change.check(hash, change.expiresAt())).isEqualTo(Check.EXPIRED);
        assertThat(change.isLiveAt(change.expiresAt())).isFalse();
        PendingEmailChange exhausted = new PendingEmailChange(change.id(), TENANT, USER, NEW, hash,
                PendingEmailChange.MAX_FAILED_ATTEMPTS, NOW, change.expiresAt());
        assertThat(exhausted.check(hash, NOW)).isEqualTo(Check.EXHAUSTED);
        assertThat(exhausted.isLiveAt(NOW)).isFalse();
        assertThat(PendingEmailChange.MAX_FAILED_ATTEMPTS).isEqualTo(5);
        assertThat(change.toString()).doesNotContain(hash).doesNotContain(NEW.value());
        assertThatThrownBy(() -> PendingEmailChange.start(UUID.randomUUID(), TENANT, USER, NEW, hash, NOW, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRevertLivesSevenDaysAndOnlyUntilUsed() {
        EmailChangeRevert revert = EmailChangeRevert.issue(TENANT, USER, new EmailAddress("old@example.org"), NEW,
                "f".repeat(64), NOW);

        assertThat(revert.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(revert.isLiveAt(NOW.plus(Duration.ofDays(7)).minusNanos(1000))).isTrue();
        assertThat(revert.isLiveAt(NOW.plus(Duration.ofDays(7)))).isFalse();
        EmailChangeRevert used = new EmailChangeRevert(TENANT, USER, revert.oldEmail(), NEW, revert.tokenHash(), NOW,
                revert.expiresAt(), Optional.of(NOW));
        assertThat(used.isLiveAt(NOW)).isFalse();
        assertThat(revert.toString()).doesNotContain("@").doesNotContain(revert.tokenHash());
    }

    @Test
    void aMaskedAddressKeepsTheFirstCharacterAndTheDomain() {
        assertThat(new EmailAddress("Ada.Lovelace@Example.ORG").masked()).isEqualTo("a***@example.org");
        assertThat(new EmailAddress("x@b.example").masked()).isEqualTo("x***@b.example");
        assertThat(new EmailAddress("élodie@bücher.example").masked()).isEqualTo("é***@xn--bcher-kva.example");
    }
}
