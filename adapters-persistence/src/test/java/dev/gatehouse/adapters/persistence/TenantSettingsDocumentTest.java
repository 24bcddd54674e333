package dev.gatehouse.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.contract.PersistenceMother;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.MfaPolicy;
import dev.gatehouse.domain.tenant.RateLimitKind;
import dev.gatehouse.domain.tenant.SettingsField;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.tenant.TenantSettingsFields;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TenantSettingsDocumentTest {
    private final TenantId tenant = new TenantId(UUID.randomUUID());

    @Test
    void writesAndReadsBackEverySetting() {
        TenantSettings settings = PersistenceMother.richSettings();
        String document = TenantSettingsDocument.write(settings, tenant, null);

        assertThat(TenantSettingsDocument.read(settings.allowedOrigins(), settings.passwordPolicy(), document, tenant,
                null)).isEqualTo(settings);
    }

    static Stream<SettingsField<?>> fields() {
        return TenantSettingsFields.ALL.stream();
    }

    /** Driven by the field table: a setting the document forgets fails here. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void everySettingOfTheTableIsWrittenAndReadBack(SettingsField<?> field) {
        TenantSettings only = field.copy(PersistenceMother.richSettings(), TenantSettings.DEFAULT);
        assertThat(field.differs(only, TenantSettings.DEFAULT))
                .as("PersistenceMother.richSettings() gives %s a value other than its default", field).isTrue();
        String document = TenantSettingsDocument.write(only, tenant, null);

        // allowedOrigins and the password length range come from their columns, as JooqTenantRepository reads them
        assertThat(TenantSettingsDocument.read(only.allowedOrigins(), only.passwordPolicy().withScreening(true),
                document, tenant, null)).isEqualTo(only);
        assertThat(TenantSettingsDocument.read(Set.of(), PasswordPolicy.DEFAULT, document, tenant, null)
                .changedFields(TenantSettings.DEFAULT)).isSubsetOf(field.name());
    }

    @Test
    void readsAnEmptyOrOlderDocumentAsDefaultsAndSkipsRateLimitsItDoesNotKnow() {
        assertThat(TenantSettingsDocument.read(Set.of(), PasswordPolicy.DEFAULT, "{}", tenant, null))
                .isEqualTo(TenantSettings.DEFAULT);
        TenantSettings read = TenantSettingsDocument.read(Set.of(), PasswordPolicy.DEFAULT,
                "{\"rateLimits\":{\"retiredLimit\":{\"limit\":1,\"windowSeconds\":60},"
                        + "\"loginPerIp\":{\"limit\":3,\"windowSeconds\":60}}}", tenant, null);
        assertThat(read.rateLimits()).containsOnlyKeys(RateLimitKind.LOGIN_PER_IP);
        assertThat(read.mfa()).as("a document from before the MFA policy").isEqualTo(MfaPolicy.OFF);
    }

    @Test
    void storesTheMfaPolicyAsAnObjectOfItsRequiredMember() {
        String document = TenantSettingsDocument.write(TenantSettings.DEFAULT.withMfa(MfaPolicy.ALL), tenant, null);

        assertThat(document).contains("\"mfa\":{\"required\":\"all\"}");
        assertThat(TenantSettingsDocument.read(Set.of(), PasswordPolicy.DEFAULT, "{\"mfa\":{}}", tenant, null).mfa())
                .isEqualTo(MfaPolicy.OFF);
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
