package dev.gatehouse.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.bootstrap.ConfigException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** GATEHOUSE_LOG_FORMAT, GATEHOUSE_MANAGEMENT_PORT and GATEHOUSE_MANAGEMENT_HOST. */
class ObservabilityTest {
    private static Observability read(boolean devMode, Map<String, String> env) {
        return Observability.fromEnvironment(env, devMode, "0.0.0.0", 8099);
    }

    @Test
    void logsTextInDevModeJsonInProdModeUnlessTold() {
        assertThat(read(true, Map.of()).logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(read(false, Map.of()).logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(read(true, Map.of("GATEHOUSE_LOG_FORMAT", "JSON")).logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(read(false, Map.of("GATEHOUSE_LOG_FORMAT", " text ")).logFormat()).isEqualTo(LogFormat.TEXT);
        assertThatThrownBy(() -> read(false, Map.of("GATEHOUSE_LOG_FORMAT", "logfmt")))
                .isInstanceOf(ConfigException.class).hasMessage("GATEHOUSE_LOG_FORMAT: must be 'json' or 'text'");
    }

    @Test
    void theManagementListenerIsOffUnlessItsPortIsSetAndNeverOnThePublicPort() {
        assertThat(read(false, Map.of()).management()).isEmpty();
        assertThat(read(false, Map.of("GATEHOUSE_MANAGEMENT_PORT", "0")).management())
                .contains(new Observability.Management("0.0.0.0", 0));
        assertThat(read(false, Map.of("GATEHOUSE_MANAGEMENT_PORT", "9100", "GATEHOUSE_MANAGEMENT_HOST", "127.0.0.1"))
                .management()).isEqualTo(Optional.of(new Observability.Management("127.0.0.1", 9100)));

        assertThatThrownBy(() -> read(false, Map.of("GATEHOUSE_MANAGEMENT_PORT", "8099")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_MANAGEMENT_PORT: must differ")
                .hasMessageContaining("never served on the public port");
        for (String bad : new String[] {"-1", "65536", "ninety", "9100.5"}) {
            assertThatThrownBy(() -> read(false, Map.of("GATEHOUSE_MANAGEMENT_PORT", bad))).as(bad)
                    .hasMessageStartingWith("GATEHOUSE_MANAGEMENT_PORT: must be a whole number from 0 to 65535");
        }
        assertThatThrownBy(() -> read(false, Map.of("GATEHOUSE_MANAGEMENT_HOST", "127.0.0.1")))
                .hasMessageStartingWith("GATEHOUSE_MANAGEMENT_HOST: is set but GATEHOUSE_MANAGEMENT_PORT is not");
    }
}
