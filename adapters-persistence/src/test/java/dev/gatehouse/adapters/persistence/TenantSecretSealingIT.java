package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.contract.PersistenceMother;
import dev.gatehouse.application.port.out.SecretSealer;
import dev.gatehouse.domain.tenant.ExternalIssuer;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** External issuers' HS256 secrets are stored sealed, bound to their tenant and issuer, on H2 and PostgreSQL. */
class TenantSecretSealingIT {
    private static final String SECRET = "an-issuer-secret-that-must-not-be-stored-in-clear";

    /** A stand-in for the master-key sealer: reversible, refuses another context, and hides the text. */
    static final class ToySealer implements SecretSealer {
        @Override
        public String seal(String plaintext, String context) {
            return Base64.getEncoder().encodeToString((context + "\n" + new StringBuilder(plaintext).reverse())
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String open(String sealed, String context) {
            String[] parts = new String(Base64.getDecoder().decode(sealed), StandardCharsets.UTF_8).split("\n", 2);
            if (!parts[0].equals(context)) {
                throw new IllegalStateException("wrong context");
            }
            return new StringBuilder(parts[1]).reverse().toString();
        }
    }

    abstract static class Sealing {
        abstract DatabaseExtension database();

        @Test
        void storesTheSecretSealedAndReadsItBack() {
            Database database = database().database();
            database.sealSecretsWith(new ToySealer());
            Tenant tenant = PersistenceMother.tenant();
            database.tenants().insert(tenant);
            ExternalIssuer issuer = new ExternalIssuer("https://changed.example.com", SECRET + "-2", null, null, null,
                    null, null);
            TenantSettings changed = tenant.settings().withExternalIssuers(List.of(issuer));
            database.tenants().updateSettings(tenant.id(), changed);

            String stored = database.dsl().select(TENANT.SETTINGS).from(TENANT).where(TENANT.ID.eq(tenant.id().value()))
                    .fetchOne(TENANT.SETTINGS);
            assertThat(stored).contains("hs256SecretSealed").doesNotContain(SECRET).doesNotContain("\"hs256Secret\"");
            assertThat(database.tenants().findById(tenant.id()))
                    .hasValueSatisfying(found -> assertThat(found.settings()).isEqualTo(changed));

            // copied into another tenant's row, the sealed secret does not open there
            Tenant other = PersistenceMother.tenant();
            database.tenants().insert(other);
            database.dsl().update(TENANT).set(TENANT.SETTINGS, stored).where(TENANT.ID.eq(other.id().value())).execute();
            assertThatThrownBy(() -> database.tenants().findById(other.id())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class OnH2 extends Sealing {
        @RegisterExtension
        static final DatabaseExtension DATABASE = DatabaseExtension.h2();

        @Override
        DatabaseExtension database() {
            return DATABASE;
        }
    }

    @Nested
    class OnPostgres extends Sealing {
        @RegisterExtension
        static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

        @Override
        DatabaseExtension database() {
            return DATABASE;
        }
    }
}
