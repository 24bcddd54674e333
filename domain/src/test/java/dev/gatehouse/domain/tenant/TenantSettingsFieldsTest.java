package dev.gatehouse.domain.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TenantSettingsFieldsTest {
    @Test
    void theTableHasOneRowForEachComponentOfTheSettings() {
        assertThat(TenantSettingsFields.names()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                Arrays.stream(TenantSettings.class.getRecordComponents()).map(RecordComponent::getName).toList());
    }

    @Test
    void eachRowReadsAndSetsItsOwnComponent() {
        TenantSettings rich = new TenantSettings(java.util.Set.of("https://app.example.com"),
                new dev.gatehouse.domain.policy.PasswordPolicy(10, 100, false), java.util.Set.of("https://app.example.com/r"),
                "team@example.com", java.util.Set.of("team@example.com"), true, true, true,
                java.util.Map.of(RateLimitKind.LOGIN_PER_IP, new RateLimit(3, java.time.Duration.ofMinutes(1))),
                java.util.Set.of("10.0.0.0/8"), java.util.List.of(new ExternalIssuer("https://idp.example.com", null,
                        "https://idp.example.com/jwks", null, "gatehouse", null, null)), MagicLinkContent.CALLER,
                MfaPolicy.ALL);
        for (SettingsField<?> field : TenantSettingsFields.ALL) {
            TenantSettings only = field.copy(rich, TenantSettings.DEFAULT);

            assertThat(only.changedFields(TenantSettings.DEFAULT)).as(field.name()).containsExactly(field.name());
            assertThat(field.reset(only)).as(field.name()).isEqualTo(TenantSettings.DEFAULT);
            assertThat(TenantSettingsFields.named(field.name())).contains(field);
        }
    }
}
