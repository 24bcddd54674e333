package dev.gatehouse.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.contract.PersistenceMother;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.RateLimitKind;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantSettingsDocumentTest {
    private final TenantId tenant = new TenantId(UUID.randomUUID());

    @Test
    void writesAndReadsBackEverySetting() {
        TenantSettings settings = PersistenceMother.richSettings();
        String document = TenantSettingsDocument.write(settings, tenant, null);

        assertThat(TenantSettingsDocument.read(settings.allowedOrigins(), settings.passwordPolicy(), document, tenant,
                null)).isEqualTo(settings);
    }

    @Test
    void readsAnEmptyOrOlderDocumentAsDefaultsAndSkipsRateLimitsItDoesNotKnow() {
        assertThat(TenantSettingsDocument.read(Set.of(), PasswordPolicy.DEFAULT, "{}", tenant, null))
                .isEqualTo(TenantSettings.DEFAULT);
        TenantSettings read = TenantSettingsDocument.read(Set.of(), PasswordPolicy.DEFAULT,
                "{\"rateLimits\":{\"retiredLimit\":{\"limit\":1,\"windowSeconds\":60},"
                        + "\"loginPerIp\":{\"limit\":3,\"windowSeconds\":60}}}", tenant, null);
        assertThat(read.rateLimits()).containsOnlyKeys(RateLimitKind.LOGIN_PER_IP);
    }

    @Test
    void keepsThePasswordScreeningFlagWhichHasNoColumnAndReadsItsAbsenceAsOn() {
        TenantSettings unscreened = TenantSettings.DEFAULT.withPasswordPolicy(new PasswordPolicy(4, 72, false));
        String document = TenantSettingsDocument.write(unscreened, tenant, null);

        // the columns give the length range only: the flag comes back from the document
        assertThat(TenantSettingsDocument.read(Set.of(), new PasswordPolicy(4, 72), document, tenant, null)
                .passwordPolicy()).isEqualTo(new PasswordPolicy(4, 72, false));
        assertThat(TenantSettingsDocument.read(Set.of(), new PasswordPolicy(4, 72), "{}", tenant, null)
                .passwordPolicy().screening()).isTrue();
    }
}
