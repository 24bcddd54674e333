package dev.gatehouse.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void choosesTheDialectFromTheJdbcUrl() {
        assertThat(Database.dialectOf("jdbc:postgresql://db:5432/gatehouse")).isEqualTo(SQLDialect.POSTGRES);
        assertThat(Database.dialectOf("jdbc:h2:file:/data/gatehouse;DATABASE_TO_LOWER=TRUE")).isEqualTo(SQLDialect.H2);
        assertThat(Database.dialectOf("jdbc:h2:mem:x;database_to_lower=true")).isEqualTo(SQLDialect.H2);
    }

    @Test
    void rejectsUnsupportedJdbcUrlsWithoutEchoingCredentials() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://db/gatehouse?password=hunter2", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported JDBC URL starting 'jdbc:mysql:'")
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> Database.open("postgres://db/gatehouse", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported JDBC URL");
        assertThatThrownBy(() -> Database.open(null, "u", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported JDBC URL");
    }

    @Test
    void rejectsH2UrlsThatWouldUpperCaseTheSchema() {
        assertThatThrownBy(() -> Database.open("jdbc:h2:mem:x", "sa", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DATABASE_TO_LOWER=TRUE");
    }
}
