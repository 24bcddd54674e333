package dev.gatehouse.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.error.StorageUnavailable;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database cannot be reached", and what the pool and jOOQ make of them (ADR 0030). */
class OutagesTest {

    @Test
    void anOutageIsAPoolTimeoutAConnectionStateOrAServerShuttingDownAndNothingElse() {
        assertThat(Outages.isOutage(new SQLTransientConnectionException("gatehouse-db - Connection is not available")))
                .isTrue();
        assertThat(Outages.isOutage(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(Outages.isOutage(new SQLException("An I/O error occurred while sending to the backend", "08006")))
                .isTrue();
        assertThat(Outages.isOutage(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(Outages.isOutage(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(Outages.isOutage(new DataAccessException("SQL [select 1]", new SQLException("lost", "08003"))))
                .as("wrapped by jOOQ").isTrue();

        assertThat(Outages.isOutage(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Outages.isOutage(new SQLException("Database may be already in use", "90020"))).isFalse();
        assertThat(Outages.isOutage(new SQLException("password authentication failed", "28P01"))).isFalse();
        assertThat(Outages.isOutage(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void onlyAnOutageIsTranslated() {
        DataAccessException lost = new DataAccessException("commit", new SQLException("lost", "08006"));
        DataAccessException taken = new DataAccessException("insert", new SQLException("duplicate key", "23505"));

        assertThat(Outages.translate(lost)).isInstanceOf(StorageUnavailable.class);
        assertThat(Outages.translate(taken)).isSameAs(taken);
    }

    @Test
    void aStatementOrAUnitOfWorkWithoutAConnectionFailsAsStorageUnavailable() {
        DataSource unreachable = dataSource(() -> {
            throw new SQLTransientConnectionException("gatehouse-db - Connection is not available, request timed out");
        });
        DSLContext dsl = DSL.using(new DefaultConfiguration().set(SQLDialect.H2).set(new Outages())
                .set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(unreachable))));

        assertThatThrownBy(() -> dsl.selectOne().fetch()).isInstanceOf(StorageUnavailable.class);
        assertThatThrownBy(() -> new JooqTransactionRunner(dsl).inTransaction(() -> dsl.selectOne().fetch()))
                .isInstanceOf(StorageUnavailable.class);
    }

    @Test
    void afterStartUpThePoolsConnectionSourceAsksAgainUntilTheDatabaseAnswers() throws SQLException {
        AtomicInteger attempts = new AtomicInteger();
        Connection connection = proxy(Connection.class);
        ReconnectingDataSource[] source = new ReconnectingDataSource[1];
        java.util.List<Boolean> unreachableAtEachAttempt = new java.util.ArrayList<>();
        source[0] = new ReconnectingDataSource(dataSource(() -> {
            unreachableAtEachAttempt.add(source[0].unreachable());
            if (attempts.incrementAndGet() <= 3) {
                throw new SQLException("Connection refused", "08001");
            }
            return connection;
        }), Duration.ofMillis(1));

        assertThatThrownBy(source[0]::getConnection).as("at start-up: at once").hasMessage("Connection refused");
        assertThat(source[0].unreachable()).as("not before start-up is over").isFalse();
        source[0].retryFromNowOn();
        assertThat(source[0].getConnection()).isSameAs(connection);
        assertThat(attempts).hasValue(4);
        assertThat(unreachableAtEachAttempt).containsExactly(false, false, true, true);
        assertThat(source[0].unreachable()).as("reachable again").isFalse();
    }

    @Test
    void aFailureThatIsNoOutageOrAClosedPoolIsPassedOnAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        ReconnectingDataSource wrongPassword = new ReconnectingDataSource(dataSource(() -> {
            attempts.incrementAndGet();
            throw new SQLException("password authentication failed", "28P01");
        }), Duration.ofMillis(1));
        wrongPassword.retryFromNowOn();
        assertThatThrownBy(wrongPassword::getConnection).hasMessageContaining("password");
        assertThat(attempts).hasValue(1);

        ReconnectingDataSource closing = new ReconnectingDataSource(dataSource(() -> {
            throw new SQLException("Connection refused", "08001");
        }), Duration.ofMillis(1));
        closing.retryFromNowOn();
        closing.close();
        assertThatThrownBy(closing::getConnection).hasMessage("Connection refused");
    }

    private interface Opener {
        Connection open() throws SQLException;
    }

    private static DataSource dataSource(Opener opener) {
        return (DataSource) Proxy.newProxyInstance(OutagesTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> opener.open();
                    case "toString" -> "test data source";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static <T> T proxy(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(OutagesTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> method.getName().equals("toString") ? "test connection" : null));
    }
}
