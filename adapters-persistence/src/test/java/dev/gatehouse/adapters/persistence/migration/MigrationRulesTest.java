package dev.gatehouse.adapters.persistence.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.migration.MigrationRules.Change;
import dev.gatehouse.adapters.persistence.migration.MigrationRules.Kind;
import dev.gatehouse.adapters.persistence.migration.MigrationRules.Migration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;

/**
 * The build check of docs/adr/0029-expand-then-contract-migrations.md: every SQL migration, in version order, keeps
 * the rule that lets the previous release run on the database during a rolling upgrade; the changes made before the
 * rule are listed below by version with the reason they were made.
 */
class MigrationRulesTest {
    private static final Path MIGRATIONS = Path.of(System.getProperty("basedir", "."), "src/main/resources/db/migration");

    /** Changes made before the rule; nothing may be added here (a new migration follows the rule instead). */
    private static final Map<String, Set<Change>> GRANDFATHERED = Map.of(
            // Widened tenant.allowed_origins from varchar(4000) to varchar(40000) (100 origins of 300 characters):
            // still a varchar, which the V5 code reads and writes as before. Widening is the one type change that
            // is safe on its own; the rule still asks for a review of it, as of any type change.
            "6", Set.of(new Change(Kind.CHANGE_TYPE, "tenant.allowed_origins")),
            // Added user_session.proved_at, filled it and made it NOT NULL in one migration, with no default: a V15
            // process, which does not write proved_at, fails to open any session once V16 has run. V15 and V16
            // processes could not share a database; the rule would have added it with a default (or nullable) and
            // set NOT NULL a release later.
            "16", Set.of(new Change(Kind.SET_NOT_NULL, "user_session.proved_at")));

    /** Java migrations are not parsed: each is reviewed by hand against the rule and listed here. */
    private static final Map<String, String> REVIEWED_JAVA_MIGRATIONS = Map.of(
            // V14 rewrites stored addresses into their canonical form in place: data only, no table or column changes.
            "CanonicalEmailAddressesMigration", "V14: data only");

    @Test
    void everyMigrationKeepsTheRuleOrIsGrandfatheredWithItsReason() {
        List<Migration> migrations = MigrationRules.load(MIGRATIONS);

        assertThat(migrations).extracting(Migration::version).contains("1", "7.1", "16", "18");
        assertThat(MigrationRules.check(migrations, GRANDFATHERED)).isEmpty();
    }

    @Test
    void everyJavaMigrationHasBeenReviewed() throws IOException, ClassNotFoundException {
        Path classes = Path.of(System.getProperty("basedir", "."), "target/classes");
        List<String> javaMigrations;
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> classFiles = files.filter(file -> file.toString().endsWith(".class")).toList();
            javaMigrations = new java.util.ArrayList<>();
            for (Path file : classFiles) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (JavaMigration.class.isAssignableFrom(type) && !type.isInterface()) {
                    javaMigrations.add(type.getSimpleName());
                }
            }
        }
        assertThat(javaMigrations).as("review a new Java migration against ADR 0029, then list it here")
                .containsExactlyInAnyOrderElementsOf(REVIEWED_JAVA_MIGRATIONS.keySet());
    }

    @Test
    void addingTablesNullableOrDefaultedColumnsAndIndexesPasses() {
        assertThat(check(
                "V1__base.sql", "create table account (id uuid not null primary key, name varchar(10) not null);",
                "V2__more.sql", """
                        create table member (id uuid not null primary key, account_id uuid not null);
                        alter table account add column note varchar(100);
                        alter table account add column flags int default 0 not null;
                        create index account_name_idx on account (name);
                        alter table account alter column note drop not null;
                        drop index account_name_idx;
                        -- a comment mentioning drop table account; is no statement
                        insert into account (id, name) values ('00000000-0000-0000-0000-000000000001', 'a;b');
                        """))
                .isEmpty();
    }

    @Test
    void refusesEachBreakingChangeWithoutAContractMarker() {
        String base = "create table account (id uuid not null primary key, name varchar(10) not null, note varchar(9));";

        assertThat(check("V1__a.sql", base, "V2__b.sql", "drop table account;"))
                .singleElement().asString().contains("V2__b.sql", "drops table account", "-- deprecated: account");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "ALTER TABLE \"account\" DROP COLUMN note;"))
                .singleElement().asString().contains("drops column account.note");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "alter table account drop note cascade;"))
                .singleElement().asString().contains("drops column account.note");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "alter table account rename column name to title;"))
                .singleElement().asString().contains("renames account.name");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "alter table account alter column name rename to title;"))
                .singleElement().asString().contains("renames account.name");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "alter table account rename to client;"))
                .singleElement().asString().contains("renames account");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "alter table account alter column name set data type varchar(99);"))
                .singleElement().asString().contains("changes the type of account.name");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "alter table account alter column name type text;"))
                .singleElement().asString().contains("changes the type of account.name");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "alter table account alter column note set not null;"))
                .singleElement().asString().contains("sets NOT NULL on account.note");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "alter table account add column owner uuid not null;"))
                .singleElement().asString().contains("adds NOT NULL column account.owner without a default");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "alter table account add column n int, drop column note;"))
                .singleElement().asString().contains("drops column account.note");
    }

    @Test
    void setNotNullIsAllowedOnAColumnWithADefault() {
        assertThat(check("V1__a.sql", "create table account (id uuid not null primary key, n int default 0);",
                "V2__b.sql", "alter table account alter column n set not null;")).isEmpty();
        assertThat(check("V1__a.sql", "create table account (id uuid not null primary key, n int);",
                "V2__b.sql", "alter table account alter column n set default 0; alter table account alter column n set not null;"))
                .isEmpty();
    }

    @Test
    void aDropDeprecatedInAnEarlierMigrationAndCoveredByItsContractMarkerPasses() {
        assertThat(check(
                "V1__a.sql", "create table account (id uuid not null primary key, note varchar(9));",
                "V2__b.sql", "-- deprecated: account.note (V2 code no longer reads or writes it)\ncreate index i on account (id);",
                "V3__c.sql", "-- contract: account.note unused since V2\nalter table account drop column note;"))
                .isEmpty();
        assertThat(check(
                "V1__a.sql", "create table old_thing (id uuid not null primary key);",
                "V1_1__a.sql", "-- deprecated: old_thing",
                "V2__c.sql", "-- contract: old_thing unused since V1.1\ndrop table old_thing;"))
                .isEmpty();
    }

    @Test
    void aContractMarkerWithoutAnEarlierDeprecationOrWithTheWrongVersionIsRefused() {
        String base = "create table account (id uuid not null primary key, note varchar(9));";
        String drop = "-- contract: account.note unused since V2\nalter table account drop column note;";

        assertThat(check("V1__a.sql", base, "V3__c.sql", drop))
                .as("never deprecated").singleElement().asString().contains("drops column account.note");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "-- deprecated: account.note\n" + drop.replace("V2", "V1")))
                .as("deprecated in the same migration").singleElement().asString().contains("drops column account.note");
        assertThat(check("V1__a.sql", base + "\n-- deprecated: account.note", "V3__c.sql", drop))
                .as("the marker names another version than the deprecation").singleElement().asString()
                .contains("it was deprecated in V1", "unused since V1");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "-- deprecated: account.note",
                "V3__c.sql", "-- contract: account.note unused since V2\nalter table account drop column id;"))
                .as("the marker names another column").hasSize(2)
                .anySatisfy(v -> assertThat(v).contains("drops column account.id"))
                .anySatisfy(v -> assertThat(v).contains("contract marker for account.note covers no statement"));
    }

    @Test
    void refusesMalformedMarkersAndDeprecationsOfUnknownObjects() {
        String base = "create table account (id uuid not null primary key);";

        assertThat(check("V1__a.sql", base, "V2__b.sql", "-- contract: account.id gone\nselect 1;"))
                .singleElement().asString().contains("malformed marker");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "-- deprecated:\nselect 1;"))
                .singleElement().asString().contains("malformed marker");
        assertThat(check("V1__a.sql", base, "V2__b.sql", "-- deprecated: acount\nselect 1;"))
                .singleElement().asString().contains("deprecated marker for acount, which is no table or column");
    }

    @Test
    void aGrandfatheredChangeMustStillBeFound() {
        assertThat(MigrationRules.check(List.of(Migration.of("V1__a.sql", "create table t (id int);")),
                Map.of("1", Set.of(new Change(Kind.DROP_TABLE, "t")))))
                .singleElement().asString().contains("grandfathered change not found", "1 Change[kind=DROP_TABLE, object=t]");
    }

    @Test
    void ordersVersionsAsFlywayDoes() {
        assertThat(MigrationRules.sorted(List.of(Migration.of("V10__a.sql", ""), Migration.of("V7_1__b.sql", ""),
                Migration.of("V7__c.sql", ""), Migration.of("V9__d.sql", ""))))
                .extracting(Migration::version).containsExactly("7", "7.1", "9", "10");
    }

    /** Checks the migrations given as file name, text, file name, text... with nothing grandfathered. */
    private static List<String> check(String... namesAndTexts) {
        List<Migration> migrations = new java.util.ArrayList<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            migrations.add(Migration.of(namesAndTexts[i], namesAndTexts[i + 1]));
        }
        return MigrationRules.check(migrations, Map.of());
    }
}
