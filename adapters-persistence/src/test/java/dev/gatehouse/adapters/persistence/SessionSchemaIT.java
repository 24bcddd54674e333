package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.APP_USER;
import static dev.gatehouse.adapters.persistence.jooq.Tables.USER_SESSION;
import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.refreshGrant;
import static dev.gatehouse.application.contract.PersistenceMother.revoked;
import static dev.gatehouse.application.contract.PersistenceMother.session;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.session.RefreshGrant;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the session tables guarantee beyond the repository contracts, which only see the ports: integrity the
 * in-memory fakes cannot express, the revocation feed's query plan, and what V16 made of sessions opened before it.
 * (Not that a session's user exists or belongs to its tenant: sessions outlive their deleted users, see V2.)
 */
class SessionSchemaIT {
    private static final String DATABASES = "dev.gatehouse.adapters.persistence.DatabaseIT#databases";
    private static final Instant NOW = T0.plus(Duration.ofDays(1));

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @MethodSource(DATABASES)
    void refusesAGrantOfAnUnknownSession(Function<Path, Database> opener) {
        try (Database database = migrated(opener)) {
            RefreshGrant grant = refreshGrant(session(newUser(database), T0), T0); // the session is never inserted

            assertThatThrownBy(() -> database.refreshGrants().insert(grant)).isInstanceOf(DataAccessException.class);
            assertThat(database.refreshGrants().findByHash(grant.tokenHash())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void refusesARevocationTimeWithoutAReason(Function<Path, Database> opener) {
        try (Database database = migrated(opener)) {
            Session session = session(newUser(database), T0);
            database.sessions().insert(session);

            assertThatThrownBy(() -> database.dsl().update(USER_SESSION).set(USER_SESSION.REVOKED_AT, NOW)
                    .where(USER_SESSION.ID.eq(session.id().value())).execute()).isInstanceOf(DataAccessException.class);
            assertThat(database.sessions().findById(session.tenantId(), session.id())).contains(session);
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void sessionsOpenedBeforeV16CountAsProvedWhenTheyOpened(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            database.migrate("15", new CanonicalEmailAddressesMigration());
            User ada = newUser(database);
            Session opened = session(ada, T0.plusSeconds(42));
            database.dsl().insertInto(USER_SESSION)
                    .set(USER_SESSION.ID, opened.id().value()).set(USER_SESSION.TENANT_ID, ada.tenantId().value())
                    .set(USER_SESSION.USER_ID, ada.id().value()).set(USER_SESSION.ACCOUNT_ID, ada.accountId().value())
                    .set(USER_SESSION.IP_ADDRESS, opened.client().ipAddress())
                    .set(USER_SESSION.USER_AGENT, opened.client().userAgent())
                    .set(USER_SESSION.CREATED_AT, opened.createdAt()).set(USER_SESSION.LAST_USED_AT, T0.plusSeconds(99))
                    .set(USER_SESSION.EXPIRES_AT, opened.expiresAt())
                    .set(USER_SESSION.SECURITY_STAMP, opened.securityStamp().value())
                    .execute();

            database.migrate();

            assertThat(database.sessions().findById(ada.tenantId(), opened.id()))
                    .contains(opened.usedAt(T0.plusSeconds(99)));
            assertThatThrownBy(() -> database.dsl().update(USER_SESSION).set(USER_SESSION.PROVED_AT, (Instant) null)
                    .where(USER_SESSION.ID.eq(opened.id().value())).execute())
                    .as("proved_at is required from V16 on").isInstanceOf(DataAccessException.class);
        }
    }

    /**
     * Every process polls the feed twice a second, so it must read only the recent revocations, not the table:
     * with a realistic spread (most sessions never revoked) and fresh statistics, the planner picks the index
     * (revoked_at on H2, revoked_xid on PostgreSQL; revoked_at for PostgreSQL's first read too).
     */
    @ParameterizedTest
    @MethodSource(DATABASES)
    void readsTheRevocationFeedByARangeScanOfAnIndex(Function<Path, Database> opener) {
        try (Database database = migrated(opener)) {
            User user = newUser(database);
            database.transactions().inTransaction(() -> {
                for (int i = 0; i < 2_000; i++) {
                    Session session = session(user, T0.plusSeconds(i));
                    database.sessions().insert(i % 100 == 0
                            ? revoked(session, RevocationReason.SIGNED_OUT, NOW.minusSeconds(i)) : session);
                }
                return null;
            });
            boolean h2 = database.dsl().dialect() == SQLDialect.H2;
            database.dsl().execute(h2 ? "analyze table user_session" : "analyze user_session");

            JooqSessionRepository sessions = (JooqSessionRepository) database.sessions();
            String plan = database.dsl().explain(sessions.revokedSince(NOW.minusSeconds(5), NOW)).plan();
            assertThat(plan).as("plan of the feed query by time").containsIgnoringCase("user_session_revoked_at_idx")
                    .doesNotContainIgnoringCase(h2 ? "tableScan" : "Seq Scan");
            if (!h2) {
                long xid = database.dsl().fetchSingle("select pg_current_xact_id()::text::bigint").into(Long.class);
                String byXid = database.dsl().explain(sessions.revokedByXidFrom(xid, NOW)).plan();
                assertThat(byXid).as("plan of the feed query by transaction")
                        .containsIgnoringCase("user_session_revoked_xid_idx").doesNotContainIgnoringCase("Seq Scan");
            }
            assertThat(sessions.readRevocations(SessionRepository.FeedCursor.START, NOW).sessions()).hasSize(20);
        }
    }

    private Database migrated(Function<Path, Database> opener) {
        Database database = opener.apply(dataDir);
        database.migrate();
        return database;
    }

    private static User newUser(Database database) {
        Tenant tenant = tenant();
        Account account = account(tenant);
        User user = user(account, uniqueEmail());
        database.tenants().insert(tenant);
        database.accounts().insert(account);
        // The columns of app_user at V15 (the profile columns came with V18), as a store of that time wrote them.
        database.dsl().insertInto(APP_USER)
                .set(APP_USER.ID, user.id().value()).set(APP_USER.TENANT_ID, user.tenantId().value())
                .set(APP_USER.ACCOUNT_ID, user.accountId().value()).set(APP_USER.EMAIL, user.email().value())
                .set(APP_USER.PASSWORD_HASH, user.passwordHash().encoded()).set(APP_USER.ROLE, user.role().level())
                .set(APP_USER.STATUS, user.status().name()).set(APP_USER.CREATED, user.created())
                .set(APP_USER.EMAIL_VERIFIED, user.emailVerified())
                .set(APP_USER.SECURITY_STAMP, user.securityStamp().value())
                .execute();
        return user;
    }
}
