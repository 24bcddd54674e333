package dev.gatehouse.adapters.http.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.application.contract.PersistenceMother;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.tenant.ExternalIssuer;
import dev.gatehouse.domain.tenant.MfaPolicy;
import dev.gatehouse.domain.tenant.SettingsField;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.tenant.TenantSettingsFields;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Driven by the domain's field table: a setting the wire codec forgets, or reads back differently, fails here. */
class TenantSettingsJsonTest {

    static Stream<SettingsField<?>> fields() {
        return TenantSettingsFields.ALL.stream();
    }

    /** Every setting at a value other than its default; issuers by JWKS only, since a secret is never rendered. */
    private static TenantSettings sample() {
        TenantSettings rich = PersistenceMother.richSettings();
        return rich.withExternalIssuers(rich.externalIssuers().stream().filter(i -> !i.usesSecret()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void everySettingOfTheTableIsRenderedAndReadBackFromThePatchItRendersTo(SettingsField<?> field) {
        TenantSettings only = field.copy(sample(), TenantSettings.DEFAULT);
        assertThat(field.differs(only, TenantSettings.DEFAULT)).as("the sample sets %s", field).isTrue();

        ObjectNode rendered = TenantSettingsJson.render(only);
        assertThat(rendered.has(field.name())).isTrue();
        rendered.remove("rateLimitDefaults");

        assertThat(TenantSettingsJson.patch(rendered).applyTo(TenantSettings.DEFAULT)).isEqualTo(only);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void aNullResetsEverySettingToItsDefault(SettingsField<?> field) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode().putNull(field.name());

        TenantSettings reset = TenantSettingsJson.patch(patch).applyTo(PersistenceMother.richSettings());

        assertThat(field.differs(reset, TenantSettings.DEFAULT)).as("%s after null", field).isFalse();
        assertThat(reset.changedFields(PersistenceMother.richSettings())).containsExactly(field.name());
    }

    @Test
    void rendersEveryFieldOfTheTableAndTheReadOnlyDefaultsAndNeverASecret() {
        ObjectNode rendered = TenantSettingsJson.render(PersistenceMother.richSettings());

        assertThat(rendered.fieldNames()).toIterable().containsAll(TenantSettingsFields.names())
                .contains("rateLimitDefaults");
        assertThat(rendered.toString()).doesNotContain("a-shared-secret-of-at-least-32-bytes!")
                .contains("\"hs256SecretSet\":true");
    }

    @Test
    void anIssuerSentBackAsItWasReadKeepsItsStoredSecret() {
        TenantSettings rich = PersistenceMother.richSettings();
        ObjectNode rendered = TenantSettingsJson.render(rich);
        ObjectNode patch = JsonNodeFactory.instance.objectNode().set("externalIssuers", rendered.get("externalIssuers"));

        TenantSettings after = TenantSettingsJson.patch(patch).applyTo(rich);

        assertThat(after.externalIssuers()).extracting(ExternalIssuer::hs256Secret)
                .containsExactlyElementsOf(rich.externalIssuers().stream().map(ExternalIssuer::hs256Secret).toList());
    }

    @Test
    void theMfaPolicyIsAnObjectWhoseRequiredMemberMergesAndResets() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        TenantSettings all = TenantSettings.DEFAULT.withMfa(MfaPolicy.ALL);
        assertThat(TenantSettingsJson.render(TenantSettings.DEFAULT).get("mfa").toString()).isEqualTo("{\"required\":\"off\"}");

        assertThat(TenantSettingsJson.patch((ObjectNode) mapper.readTree("{\"mfa\": {\"required\": \"all\"}}"))
                .applyTo(TenantSettings.DEFAULT)).isEqualTo(all);
        assertThat(TenantSettingsJson.patch((ObjectNode) mapper.readTree("{\"mfa\": {}}")).applyTo(all)).isEqualTo(all);
        assertThat(TenantSettingsJson.patch((ObjectNode) mapper.readTree("{\"mfa\": {\"required\": null}}"))
                .applyTo(all)).isEqualTo(TenantSettings.DEFAULT);
        for (String[] bad : new String[][] {{"{\"mfa\": {\"x\": 1}}", "mfa.x"}, {"{\"mfa\": \"all\"}", "mfa"},
                {"{\"mfa\": {\"required\": true}}", "mfa.required"}, {"{\"mfa\": {\"required\": \"some\"}}", "mfa.required"}}) {
            assertThatThrownBy(() -> TenantSettingsJson.patch((ObjectNode) mapper.readTree(bad[0]))).as(bad[0])
                    .isInstanceOf(InvalidInput.class).extracting(e -> ((InvalidInput) e).field()).isEqualTo(bad[1]);
        }
    }

    @Test
    void refusesUnknownAndReadOnlyMembersByName() {
        assertThatThrownBy(() -> TenantSettingsJson.patch(JsonNodeFactory.instance.objectNode().put("colour", "red")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("colour")
                .hasMessageContaining("magicLinkCreatesUser");
        ObjectNode readOnly = JsonNodeFactory.instance.objectNode();
        readOnly.putObject("rateLimitDefaults");
        assertThatThrownBy(() -> TenantSettingsJson.patch(readOnly))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> TenantSettingsJson.patch(
                JsonNodeFactory.instance.objectNode().put("magicLinkCreatesUser", "yes")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("must be true or false, not a string");
    }
}
