package dev.gatehouse.domain.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

class TotpFactorTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final TenantId TENANT = new TenantId(UUID.randomUUID());
    private static final UserId USER = new UserId(UUID.randomUUID());

    private static TotpFactor pending() {
        return TotpFactor.enrol(TENANT, USER, new SealedTotpSecret("sealed"), NOW);
    }

    @Test
    void anEnrolmentIsPendingUntilConfirmedByACodeWhoseStepCountsAsUsed() {
        TotpFactor pending = pending();
        TotpStep step = TotpStep.at(NOW);

        TotpFactor confirmed = pending.confirm(step, NOW.plusSeconds(5));

        assertThat(pending.isConfirmed()).isFalse();
        assertThat(pending.acceptsStep(step)).isTrue();
        assertThat(confirmed.isConfirmed()).isTrue();
        assertThat(confirmed.confirmedAt()).contains(NOW.plusSeconds(5));
        assertThat(confirmed.lastUsedStep()).contains(step);
        assertThatThrownBy(() -> confirmed.confirm(step.next(), NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptsOnlyStepsLaterThanTheLastOneUsed() {
        TotpStep step = TotpStep.at(NOW);
        TotpFactor used = pending().confirm(step, NOW);

        assertThat(used.acceptsStep(step)).as("the same step again: a replay").isFalse();
        assertThat(used.acceptsStep(step.previous())).as("an earlier step inside the window").isFalse();
        assertThat(used.acceptsStep(step.next())).isTrue();
        assertThat(used.withUsedStep(step.next()).lastUsedStep()).contains(step.next());
        assertThatThrownBy(() -> used.withUsedStep(step)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSealingContextNamesTheTenantAndTheUser() {
        UserId other = new UserId(UUID.randomUUID());

        assertThat(TotpFactor.sealingContext(TENANT, USER)).contains(TENANT.toString()).contains(USER.toString())
                .isNotEqualTo(TotpFactor.sealingContext(TENANT, other));
    }

    @Test
    void aSecretIsSealedInItsBase32FormForItsUserAndOpensOnlyForThem() {
        TotpSecret secret = TotpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        // A stand-in sealer that binds the text to the context, as the master-key sealer does.
        BinaryOperator<String> seal = (plain, context) -> context + "|" + new StringBuilder(plain).reverse();
        BinaryOperator<String> open = (sealed, context) -> {
            if (!sealed.startsWith(context + "|")) {
                throw new IllegalStateException("wrong context");
            }
            return new StringBuilder(sealed.substring(context.length() + 1)).reverse().toString();
        };

        SealedTotpSecret sealed = SealedTotpSecret.seal(secret, TENANT, USER, seal);

        assertThat(sealed.value()).doesNotContain(secret.base32());
        assertThat(sealed.open(TENANT, USER, open)).isEqualTo(secret);
        assertThatThrownBy(() -> sealed.open(TENANT, new UserId(UUID.randomUUID()), open))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSealedSecretIsHiddenFromToString() {
        assertThat(pending().toString()).doesNotContain("sealed\"").contains("SealedTotpSecret[hidden]");
    }
}
