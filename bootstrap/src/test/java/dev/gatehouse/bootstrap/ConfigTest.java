package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static final String KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @Test
    void defaultsToProdOnPort8099WithTheEmbeddedDatabase() {
        Config config = Config.fromEnvironment(Map.of("GATEHOUSE_MASTER_KEY", KEY));

        assertThat(config.mode()).isEqualTo(Config.Mode.PROD);
        assertThat(config.port()).isEqualTo(8099);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.bcryptCost()).isEqualTo(10);
        assertThat(config.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.compatTokenLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(config.sessionLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(config.refreshTokenLifetime()).isEqualTo(Duration.ofDays(7));
        assertThat(config.refreshReuseGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.rateLimits()).as("rate limits are on by default").isTrue();
        assertThat(config.trustedProxies()).isEmpty();
    }

    @Test
    void readsTheRateLimitSwitchAndTrustedProxies() {
        Config config = Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_RATE_LIMITS", "OFF",
                "GATEHOUSE_TRUSTED_PROXIES", " 10.0.0.0/8, 192.0.2.1 ,::1"));

        assertThat(config.rateLimits()).isFalse();
        assertThat(config.trustedProxies()).extracting(Object::toString)
                .containsExactly("10.0.0.0/8", "192.0.2.1", "0:0:0:0:0:0:0:1");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_RATE_LIMITS", "maybe")))
                .hasMessageStartingWith("GATEHOUSE_RATE_LIMITS:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                "GATEHOUSE_TRUSTED_PROXIES", "10.0.0.0/8,proxy.internal"))).hasMessageStartingWith("GATEHOUSE_TRUSTED_PROXIES:")
                .hasMessageContaining("proxy.internal");
    }

    @Test
    void readsTheDatabasePoolWaitWithinItsBoundsDefaultingToOneAndAHalfSeconds() {
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev")).databasePool().connectionWait())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_DATABASE_POOL_WAIT", "500ms"))
                .databasePool().connectionWait()).isEqualTo(Duration.ofMillis(500));
        for (String wrong : new String[] {"100ms", "31s", "soon"}) {
            assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                    "GATEHOUSE_DATABASE_POOL_WAIT", wrong))).hasMessageStartingWith("GATEHOUSE_DATABASE_POOL_WAIT:");
        }
    }

    @Test
    void readsTheRevocationStalenessWithinItsBoundsDefaultingToFifteenSeconds() {
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev")).revocationStaleness())
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_REVOCATION_STALENESS", "5s"))
                .revocationStaleness()).isEqualTo(Duration.ofSeconds(5));
        for (String wrong : new String[] {"500ms", "31s", "0s", "never"}) {
            assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                    "GATEHOUSE_REVOCATION_STALENESS", wrong)))
                    .hasMessageStartingWith("GATEHOUSE_REVOCATION_STALENESS:");
        }
    }

    @Test
    void readsOneTimeCodeLifetimesWithinTheirBounds() {
        Config defaults = Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev"));
        assertThat(defaults.codeLifetimes()).containsEntry(dev.gatehouse.domain.code.CodeKind.PASSWORD_RESET,
                java.time.Duration.ofHours(1)).containsEntry(dev.gatehouse.domain.code.CodeKind.MAGIC_LINK,
                java.time.Duration.ofMinutes(15)).containsEntry(dev.gatehouse.domain.code.CodeKind.EMAIL_VERIFICATION,
                java.time.Duration.ofHours(24));
        Config set = Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_RESET_CODE_TTL", "30m",
                "GATEHOUSE_MAGIC_LINK_TTL", "5m", "GATEHOUSE_VERIFICATION_CODE_TTL", "2d"));
        assertThat(set.codeLifetimes().get(dev.gatehouse.domain.code.CodeKind.PASSWORD_RESET)).hasMinutes(30);
        assertThat(set.codeLifetimes().get(dev.gatehouse.domain.code.CodeKind.MAGIC_LINK)).hasMinutes(5);
        assertThat(set.codeLifetimes().get(dev.gatehouse.domain.code.CodeKind.EMAIL_VERIFICATION)).hasDays(2);
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_MAGIC_LINK_TTL", "2h")))
                .hasMessageStartingWith("GATEHOUSE_MAGIC_LINK_TTL:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_RESET_CODE_TTL", "500ms")))
                .hasMessageStartingWith("GATEHOUSE_RESET_CODE_TTL:");
    }

    @Test
    void readsTheImportBodyLimitDefaultingToOneGibibyte() {
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev")).importMaxBytes()).isEqualTo(1 << 30);
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_IMPORT_MAX_BYTES", "2097152"))
                .importMaxBytes()).isEqualTo(2 * 1024 * 1024);
        for (String bad : new String[] {"1000", "3000000000", "1GiB"}) {
            assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                    "GATEHOUSE_IMPORT_MAX_BYTES", bad))).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("GATEHOUSE_IMPORT_MAX_BYTES");
        }
    }

    @Test
    void readsTheAuditRetentionOfAtLeastADayDefaultingToAYear() {
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev")).auditRetention())
                .isEqualTo(java.time.Duration.ofDays(365));
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_AUDIT_RETENTION", "90d"))
                .auditRetention()).isEqualTo(java.time.Duration.ofDays(90));
        for (String bad : new String[] {"12h", "0d", "36501d", "forever"}) {
            assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                    "GATEHOUSE_AUDIT_RETENTION", bad))).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("GATEHOUSE_AUDIT_RETENTION");
        }
    }

    @Test
    void servesTheApiReferenceAlwaysInDevAndInProdUnlessSwitchedOff() {
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MASTER_KEY", KEY)).apiDocs().served()).isTrue();
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MASTER_KEY", KEY, "GATEHOUSE_SERVE_API_DOCS", "false"))
                .apiDocs().served()).isFalse();
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_SERVE_API_DOCS", "false"))
                .apiDocs().served()).isTrue();
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_SERVE_API_DOCS", "no")))
                .hasMessageStartingWith("GATEHOUSE_SERVE_API_DOCS:");
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev")).apiDocs().publicUrl()).isEmpty();
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_PUBLIC_URL", "https://auth.example.org"))
                .apiDocs().publicUrl()).contains(java.net.URI.create("https://auth.example.org"));
        for (String bad : java.util.List.of("auth.example.org", "ftp://auth.example.org", "https://auth.example.org/?a=b",
                "https://user@auth.example.org", "https:///x", "http://a b")) {
            assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_PUBLIC_URL", bad)))
                    .as(bad).hasMessageStartingWith("GATEHOUSE_PUBLIC_URL:");
        }
    }

    @Test
    void devModeListensOnLoopbackAndNeedsNoMasterKey() {
        Config config = Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_BCRYPT_COST", "4"));

        assertThat(config.devMode()).isTrue();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.bcryptCost()).isEqualTo(4);
    }

    @Test
    void namesTheVariableThatIsWrong() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of())).hasMessageStartingWith("GATEHOUSE_MASTER_KEY:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "staging")))
                .hasMessageStartingWith("GATEHOUSE_MODE:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_PORT", "http")))
                .hasMessageStartingWith("GATEHOUSE_PORT:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_PORT", "70000")))
                .hasMessageStartingWith("GATEHOUSE_PORT:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MASTER_KEY", KEY, "GATEHOUSE_BCRYPT_COST", "4")))
                .hasMessageStartingWith("GATEHOUSE_BCRYPT_COST:").hasMessageContaining("prod");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                "GATEHOUSE_DATABASE_URL", "mysql://x"))).hasMessageStartingWith("GATEHOUSE_DATABASE_URL:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                "GATEHOUSE_ACCESS_TOKEN_TTL", "soon"))).hasMessageStartingWith("GATEHOUSE_ACCESS_TOKEN_TTL:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                "GATEHOUSE_REFRESH_REUSE_GRACE", "5m"))).hasMessageStartingWith("GATEHOUSE_REFRESH_REUSE_GRACE:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                "GATEHOUSE_OPERATOR_TOKEN", "short"))).hasMessageStartingWith("GATEHOUSE_OPERATOR_TOKEN:");
    }

    @Test
    void neverPrintsItsSecrets() {
        Config config = Config.fromEnvironment(Map.of("GATEHOUSE_MASTER_KEY", KEY,
                "GATEHOUSE_DATABASE_URL", "jdbc:postgresql://db/gh?password=hunter2", "GATEHOUSE_DATABASE_PASSWORD",
                "hunter3", "GATEHOUSE_OPERATOR_TOKEN", "operator-token-operator-token-operator"));

        assertThat(config.toString()).doesNotContain(KEY).doesNotContain("hunter2").doesNotContain("hunter3")
                .doesNotContain("operator-token").contains("operatorApi=on");
    }

    @Test
    void sizesThePasswordHashingPoolToAllButOneCoreUnlessTold() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        Config defaults = Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev"));
        assertThat(defaults.hashPool()).isEqualTo(new Config.HashPool(threads, 8 * threads, Duration.ofSeconds(1)));

        Config told = Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_HASH_THREADS", "3",
                "GATEHOUSE_HASH_QUEUE", "5", "GATEHOUSE_HASH_MAX_WAIT", "1500ms"));
        assertThat(told.hashPool()).isEqualTo(new Config.HashPool(3, 5, Duration.ofMillis(1500)));

        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_HASH_THREADS", "0")))
                .hasMessageStartingWith("GATEHOUSE_HASH_THREADS:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_HASH_QUEUE", "-1")))
                .hasMessageStartingWith("GATEHOUSE_HASH_QUEUE:");
    }

    @Test
    void readsDurationsInShortAndIsoForms() {
        Map<String, String> env = Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_ACCESS_TOKEN_TTL", "15m",
                "GATEHOUSE_SHUTDOWN_GRACE", "PT30S");
        Config config = Config.fromEnvironment(env);

        assertThat(config.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesDurationsInNoFormOrNotPositiveNamingTheVariableAndTheForms() {
        for (String bad : new String[] {"15", "15 minutes", "1w", "0s", "-PT1M"}) {
            assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                    "GATEHOUSE_ACCESS_TOKEN_TTL", bad)))
                    .as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("GATEHOUSE_ACCESS_TOKEN_TTL: ")
                    .hasMessageContaining("positive duration").hasMessageContaining("ms, s, m, h or d");
        }
        assertThat(Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_SHUTDOWN_GRACE", "1500ms"))
                .shutdownGrace()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void theCommandLineReportsConfigurationErrorsWithExitCodeTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"serve"}, Map.of("GATEHOUSE_MODE", "nope"), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("GATEHOUSE_MODE");
    }

    @Test
    void unknownCommandsAreRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"frobnicate"}, Map.of(), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command");
    }

    @Test
    void prodModeRefusesToServeWithoutAMailServerUnlessMailIsExplicitlyDisabled() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"serve"}, Map.of("GATEHOUSE_MASTER_KEY", KEY), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("GATEHOUSE_SMTP_URL", "GATEHOUSE_MAIL_DISABLED=true");
        Config withoutFrom = Config.fromEnvironment(Map.of("GATEHOUSE_MASTER_KEY", KEY,
                "GATEHOUSE_SMTP_URL", "smtp://mail.example.com:587?starttls=required"));
        assertThatThrownBy(withoutFrom::requireMailSetupForServing).hasMessageStartingWith("GATEHOUSE_MAIL_FROM:");
        Config.fromEnvironment(Map.of("GATEHOUSE_MASTER_KEY", KEY, "GATEHOUSE_MAIL_DISABLED", "true"))
                .requireMailSetupForServing();
        Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev")).requireMailSetupForServing();
    }

    @Test
    void readsTheMailSettingsWithoutEverShowingTheSmtpPassword() {
        Config config = Config.fromEnvironment(Map.of("GATEHOUSE_MASTER_KEY", KEY,
                "GATEHOUSE_SMTP_URL", "smtps://mailer:s3cret-pw@mail.example.com", "GATEHOUSE_MAIL_FROM", "No-Reply@Example.com",
                "GATEHOUSE_MAIL_GIVE_UP_AFTER", "2h", "GATEHOUSE_MAIL_MAX_RETRY_DELAY", "30s"));
        config.requireMailSetupForServing();

        assertThat(config.mail().smtp()).get().satisfies(smtp -> {
            assertThat(smtp.host()).isEqualTo("mail.example.com");
            assertThat(smtp.port()).isEqualTo(465);
        });
        assertThat(config.mail().from()).hasValue("no-reply@example.com");
        assertThat(config.mail().giveUpAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(config.mail().maxRetryDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.toString()).contains("mail.example.com").doesNotContain("s3cret-pw");
        Config dev = Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev"));
        assertThat(dev.mail().smtp()).isEmpty();
        assertThat(dev.mail().fromOrDevDefault()).isEqualTo(Config.Mail.DEV_FROM);
        assertThat(dev.mail().giveUpAfter()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void refusesBadMailSettingsNamingTheVariableButNotTheUrl() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                "GATEHOUSE_SMTP_URL", "http://user:s3cret-pw@host")))
                .hasMessageStartingWith("GATEHOUSE_SMTP_URL:").hasMessageNotContaining("s3cret-pw");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                "GATEHOUSE_SMTP_URL", "smtp://host", "GATEHOUSE_MAIL_DISABLED", "true")))
                .hasMessageStartingWith("GATEHOUSE_MAIL_DISABLED:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_MAIL_DISABLED", "yes")))
                .hasMessageStartingWith("GATEHOUSE_MAIL_DISABLED:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev", "GATEHOUSE_MAIL_FROM", "nobody")))
                .hasMessageStartingWith("GATEHOUSE_MAIL_FROM:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("GATEHOUSE_MODE", "dev",
                "GATEHOUSE_MAIL_GIVE_UP_AFTER", "-1h"))).hasMessageStartingWith("GATEHOUSE_MAIL_GIVE_UP_AFTER:");
    }
}
