package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.APP_USER;
import static dev.gatehouse.adapters.persistence.jooq.Tables.ONE_TIME_CODE;
import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Record2;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * V14 on H2 and PostgreSQL: addresses stored before they were canonical are rewritten, collisions are reported
 * and left alone, the migration never fails, and every row still reads back.
 */
class CanonicalEmailAddressesMigrationIT {
    private static final String DATABASES = "dev.gatehouse.adapters.persistence.DatabaseIT#databases";

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @MethodSource(DATABASES)
    void rewritesStoredAddressesAndReportsCollisionsWithoutFailing(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            List<String> reports = new ArrayList<>();
            CanonicalEmailAddressesMigration v14 = new CanonicalEmailAddressesMigration(reports::add);
            database.migrate("13?", v14); // whatever of V12 and V13 exists: the schema just before V14
            Tenant tenant = tenant();
            Tenant other = tenant();
            Account account = account(tenant);
            Account otherAccount = account(other);
            database.tenants().insert(tenant);
            database.tenants().insert(other);
            database.accounts().insert(account);
            database.accounts().insert(otherAccount);

            UUID plain = insertUser(database, account, "plain@example.com", true);
            UUID decomposed = insertUser(database, account, "ju\u0308rgen@example.de", true);
            UUID unicodeDomain = insertUser(database, account, "alice@b\u00fccher.example", true);
            UUID invisibleAlone = insertUser(database, account, "carol\u200b@example.com", true);
            UUID admin = insertUser(database, account, "admin@corp.com", true);
            UUID adminCopy = insertUser(database, account, "admin\u200b@corp.com", false);
            UUID bobAscii = insertUser(database, account, "bob@xn--bcher-kva.example", true);
            UUID bobUnicode = insertUser(database, account, "bob@b\u00fccher.example", false);
            UUID elsewhere = insertUser(database, otherAccount, "admin\u200b@corp.com", true); // another tenant
            UUID noAddress = insertUser(database, account, "nodot@localhost", false);
            UUID pendingCode = insertCode(database, tenant, "ju\u0308rgen@example.de");
            UUID deadCode = insertCode(database, tenant, "dave\u200b@example.com");

            database.migrate("latest", v14);

            assertThat(stored(database, plain)).isEqualTo(row("plain@example.com", true));
            assertThat(stored(database, decomposed)).isEqualTo(row("j\u00fcrgen@example.de", true));
            assertThat(stored(database, unicodeDomain)).isEqualTo(row("alice@xn--bcher-kva.example", true));
            assertThat(stored(database, invisibleAlone)).as("the proof was for another string")
                    .isEqualTo(row("carol@example.com", false));
            assertThat(stored(database, elsewhere)).as("no collision in its own tenant").isEqualTo(row("admin@corp.com", false));
            assertThat(stored(database, admin)).isEqualTo(row("admin@corp.com", true));
            assertThat(stored(database, adminCopy)).isEqualTo(row("admin\u200b@corp.com", false));
            assertThat(stored(database, bobAscii)).isEqualTo(row("bob@xn--bcher-kva.example", true));
            assertThat(stored(database, bobUnicode)).isEqualTo(row("bob@b\u00fccher.example", false));
            assertThat(stored(database, noAddress)).isEqualTo(row("nodot@localhost", false));

            assertThat(reports).as(String.join("\n", reports)).anySatisfy(line -> assertThat(line)
                    .contains(admin.toString()).contains(adminCopy.toString()).contains("admin\\u200b@corp.com"));
            assertThat(reports).anySatisfy(line -> assertThat(line)
                    .contains(bobAscii.toString()).contains(bobUnicode.toString()));
            assertThat(reports).anySatisfy(line -> assertThat(line).contains(noAddress.toString()));
            assertThat(reports).noneSatisfy(line -> assertThat(line).contains(plain.toString()));

            assertThat(database.dsl().select(ONE_TIME_CODE.EMAIL).from(ONE_TIME_CODE)
                    .where(ONE_TIME_CODE.ID.eq(pendingCode)).fetchOne(ONE_TIME_CODE.EMAIL)).isEqualTo("j\u00fcrgen@example.de");
            assertThat(database.dsl().fetchCount(ONE_TIME_CODE, ONE_TIME_CODE.ID.eq(deadCode))).isZero();

            // every colliding row still reads back; sign-in finds the canonical one by its address
            User copy = database.users().findById(tenant.id(), new UserId(adminCopy)).orElseThrow();
            assertThat(copy.email().value()).isEqualTo("admin@corp.com");
            assertThat(database.users().findByEmail(tenant.id(), new EmailAddress("ADMIN@corp.com")))
                    .hasValueSatisfying(user -> assertThat(user.id().value()).isEqualTo(admin));
            assertThat(database.users().findByEmail(tenant.id(), new EmailAddress("bob@B\u00dcCHER.example")))
                    .hasValueSatisfying(user -> assertThat(user.id().value()).isEqualTo(bobAscii));
            assertThat(database.users().findByEmail(tenant.id(), new EmailAddress("ju\u0308rgen@example.de")))
                    .hasValueSatisfying(user -> assertThat(user.id().value()).isEqualTo(decomposed));

            // applied once: a second run has nothing to do and reports nothing
            reports.clear();
            database.migrate("latest", v14);
            assertThat(reports).isEmpty();
        }
    }

    private static String row(String email, boolean verified) {
        return email + (verified ? " (verified)" : " (not verified)");
    }

    private static String stored(Database database, UUID id) {
        Record2<String, Boolean> row = database.dsl().select(APP_USER.EMAIL, APP_USER.EMAIL_VERIFIED).from(APP_USER)
                .where(APP_USER.ID.eq(id)).fetchOne();
        return row(row.value1(), row.value2());
    }

    private static UUID insertUser(Database database, Account account, String email, boolean verified) {
        UUID id = UUID.randomUUID();
        database.dsl().insertInto(APP_USER)
                .set(APP_USER.ID, id)
                .set(APP_USER.TENANT_ID, account.tenantId().value())
                .set(APP_USER.ACCOUNT_ID, account.id().value())
                .set(APP_USER.EMAIL, email)
                .set(APP_USER.PASSWORD_HASH, "$2a$04$abcdefghijklmnopqrstuu1234567890123456789012345678901")
                .set(APP_USER.ROLE, 0)
                .set(APP_USER.STATUS, "ACTIVE")
                .set(APP_USER.CREATED, T0)
                .set(APP_USER.EMAIL_VERIFIED, verified)
                .execute();
        return id;
    }

    private static UUID insertCode(Database database, Tenant tenant, String email) {
        UUID id = UUID.randomUUID();
        database.dsl().insertInto(ONE_TIME_CODE)
                .set(ONE_TIME_CODE.ID, id)
                .set(ONE_TIME_CODE.TENANT_ID, tenant.id().value())
                .set(ONE_TIME_CODE.KIND, "PASSWORD_RESET")
                .set(ONE_TIME_CODE.EMAIL, email)
                .set(ONE_TIME_CODE.CODE_HASH, "0".repeat(64))
                .set(ONE_TIME_CODE.CREATED, T0)
                .set(ONE_TIME_CODE.EXPIRES_AT, T0.plusSeconds(3600))
                .execute();
        return id;
    }
}
