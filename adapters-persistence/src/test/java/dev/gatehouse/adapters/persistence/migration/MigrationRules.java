package dev.gatehouse.adapters.persistence.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migration rule of docs/adr/0029-expand-then-contract-migrations.md, checked over the SQL migrations in version
 * order: a migration may add, but a statement that drops or renames a table or column, changes a column's type, adds
 * a NOT NULL column without a default or sets NOT NULL on a column without a default is refused, unless the migration
 * has a {@code -- contract: <object> unused since V<n>} marker naming the object and migration V<n>, an earlier one,
 * marked it {@code -- deprecated: <object>}. Objects are {@code table} or {@code table.column}, lower case, unquoted.
 * Also refused: malformed markers, a contract marker no statement uses, a deprecated marker naming nothing known.
 */
final class MigrationRules {
    enum Kind { DROP_TABLE, DROP_COLUMN, RENAME, CHANGE_TYPE, ADD_NOT_NULL_WITHOUT_DEFAULT, SET_NOT_NULL }

    /** One SQL migration: its version as Flyway reads it ({@code 7.1} for {@code V7_1__...}), file name and text. */
    record Migration(String version, String file, String sql) {
        static Migration of(String file, String sql) {
            Matcher name = FILE.matcher(file);
            if (!name.matches()) {
                throw new IllegalArgumentException("not a versioned migration file name: " + file);
            }
            return new Migration(name.group(1).replace('_', '.'), file, sql);
        }
    }

    /** A statement the rule refuses unless a contract marker covers it: which kind, on which object. */
    record Change(Kind kind, String object) {
    }

    private static final Pattern FILE = Pattern.compile("V(\\d+(?:[._]\\d+)*)__\\w+\\.sql");
    private static final String NAME = "[a-z_][a-z0-9_$]*";
    private static final Pattern MARKER = Pattern.compile("(?i)^\\s*(deprecated|contract)\\s*:(.*)$");
    private static final Pattern DEPRECATED = Pattern.compile("^\\s*(" + NAME + "(?:\\." + NAME + ")?)(?:\\s+.*)?$");
    private static final Pattern CONTRACT = Pattern.compile(
            "^\\s*(" + NAME + "(?:\\." + NAME + ")?)\\s+unused since v(\\d+(?:[._]\\d+)*)\\b.*$");
    private static final Pattern CREATE_TABLE = Pattern.compile("^create table (?:if not exists )?([^\\s(]+) ?\\((.*)\\)$");
    private static final Pattern CREATE_INDEX = Pattern.compile("^create (?:unique )?index (?:if not exists )?(\\S+) on .*$");
    private static final Pattern DROP_TABLE = Pattern.compile("^drop table (?:if exists )?(.+?)(?: cascade| restrict)?$");
    private static final Pattern ALTER_TABLE = Pattern.compile("^alter table (?:if exists )?(?:only )?(\\S+) (.+)$");
    private static final Pattern ALTER_INDEX = Pattern.compile("^alter index (?:if exists )?(\\S+) rename to \\S+$");
    private static final Set<String> TABLE_CONSTRAINTS = Set.of("constraint", "primary", "unique", "foreign", "check");

    private final List<String> violations = new ArrayList<>();
    private final Map<String, Map<String, Boolean>> columnsWithDefault = new HashMap<>();
    private final Set<String> indexes = new HashSet<>();
    private final Map<String, String> deprecatedIn = new HashMap<>();

    private MigrationRules() {
    }

    /** The {@code V*.sql} files of {@code directory}, in version order. */
    static List<Migration> load(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return sorted(files.filter(file -> file.getFileName().toString().endsWith(".sql")).map(file -> {
                try {
                    return Migration.of(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Migration> sorted(List<Migration> migrations) {
        return migrations.stream().sorted(Comparator.comparing(Migration::version, MigrationRules::compareVersions)).toList();
    }

    /**
     * What the rule refuses in {@code migrations} (taken in version order): one message per problem, empty when all
     * is well. {@code grandfathered} lists changes made before the rule, by version; each must still be found.
     */
    static List<String> check(List<Migration> migrations, Map<String, Set<Change>> grandfathered) {
        MigrationRules rules = new MigrationRules();
        Set<String> unused = new HashSet<>();
        grandfathered.forEach((version, changes) -> changes.forEach(change -> unused.add(version + " " + change)));
        for (Migration migration : sorted(migrations)) {
            rules.check(migration, grandfathered.getOrDefault(migration.version(), Set.of()), unused);
        }
        unused.stream().sorted().forEach(stale -> rules.violations.add("grandfathered change not found (remove it): "
                + stale));
        return List.copyOf(rules.violations);
    }

    private void check(Migration migration, Set<Change> grandfathered, Set<String> unusedGrandfathered) {
        Map<String, String> contracts = new LinkedHashMap<>();
        List<String> deprecations = new ArrayList<>();
        readMarkers(migration, contracts, deprecations);
        Set<String> usedContracts = new HashSet<>();
        for (String statement : statements(migration.sql())) {
            for (Change change : changes(statement)) {
                usedContracts.add(change.object());
                if (grandfathered.contains(change)) {
                    unusedGrandfathered.remove(migration.version() + " " + change);
                } else if (!covered(migration, change, contracts)) {
                    violations.add(refusal(migration, statement, change));
                }
            }
        }
        contracts.keySet().stream().filter(object -> !usedContracts.contains(object)).forEach(object -> violations.add(
                migration.file() + ": the contract marker for " + object + " covers no statement of this migration"));
        for (String object : deprecations) {
            if (!known(object)) {
                violations.add(migration.file() + ": deprecated marker for " + object + ", which is no table or column");
            }
            deprecatedIn.putIfAbsent(object, migration.version());
        }
    }

    private void readMarkers(Migration migration, Map<String, String> contracts, List<String> deprecations) {
        for (String line : migration.sql().lines().toList()) {
            int comment = line.indexOf("--");
            Matcher marker = comment < 0 ? null : MARKER.matcher(line.substring(comment + 2));
            if (marker == null || !marker.matches()) {
                continue;
            }
            String rest = marker.group(2).toLowerCase(Locale.ROOT);
            Matcher parsed = (marker.group(1).equalsIgnoreCase("contract") ? CONTRACT : DEPRECATED).matcher(rest);
            if (!parsed.matches()) {
                violations.add(migration.file() + ": malformed marker '" + line.strip() + "' (write '-- deprecated:"
                        + " <table>[.<column>]' or '-- contract: <table>[.<column>] unused since V<n>')");
            } else if (marker.group(1).equalsIgnoreCase("contract")) {
                contracts.put(parsed.group(1), parsed.group(2).replace('_', '.'));
            } else {
                deprecations.add(parsed.group(1));
            }
        }
    }

    private boolean covered(Migration migration, Change change, Map<String, String> contracts) {
        String since = contracts.get(change.object());
        return since != null && change.kind() != Kind.ADD_NOT_NULL_WITHOUT_DEFAULT
                && since.equals(deprecatedIn.get(change.object()))
                && compareVersions(since, migration.version()) < 0;
    }

    private String refusal(Migration migration, String statement, Change change) {
        String object = change.object();
        String what = switch (change.kind()) {
            case DROP_TABLE -> "drops table " + object + ", which the previous release may still read or write";
            case DROP_COLUMN -> "drops column " + object + ", which the previous release may still read or write";
            case RENAME -> "renames " + object + ", which the previous release still knows by its old name";
            case CHANGE_TYPE -> "changes the type of " + object + " (or alters it in a way this check does not know),"
                    + " which the previous release may still read or write as it was";
            case ADD_NOT_NULL_WITHOUT_DEFAULT -> "adds NOT NULL column " + object + " without a default, which the"
                    + " previous release's inserts leave out: add it nullable or with a default";
            case SET_NOT_NULL -> "sets NOT NULL on " + object + ", which has no default: the previous release's"
                    + " inserts may leave it null; give it a default first, or";
        };
        if (change.kind() == Kind.ADD_NOT_NULL_WITHOUT_DEFAULT) {
            return migration.file() + ": '" + statement + "' " + what + " (ADR 0029)";
        }
        String deprecated = deprecatedIn.get(object);
        String how = deprecated == null
                ? " mark it '-- deprecated: " + object + "' in a migration of the release whose code no longer depends on"
                        + " it, and do this a release later under '-- contract: " + object + " unused since V<that>'"
                : " it was deprecated in V" + deprecated + ": cover it with '-- contract: " + object + " unused since V"
                        + deprecated + "' in a migration later than V" + deprecated;
        return migration.file() + ": '" + statement + "' " + what + (change.kind() == Kind.SET_NOT_NULL ? "" : ";")
                + how + " (ADR 0029)";
    }

    /** The changes the rule restricts in one normalised statement; also keeps the known columns and defaults. */
    private List<Change> changes(String statement) {
        List<Change> changes = new ArrayList<>();
        Matcher m;
        if ((m = CREATE_TABLE.matcher(statement)).matches()) {
            Map<String, Boolean> columns = columnsWithDefault.computeIfAbsent(bare(m.group(1)), t -> new HashMap<>());
            for (String element : topLevel(m.group(2))) {
                String first = element.split(" ")[0];
                if (!TABLE_CONSTRAINTS.contains(first)) {
                    columns.put(first, element.matches(".*\\bdefault\\b.*"));
                }
            }
        } else if ((m = CREATE_INDEX.matcher(statement)).matches()) {
            indexes.add(bare(m.group(1)));
        } else if ((m = DROP_TABLE.matcher(statement)).matches()) {
            for (String table : m.group(1).split(",")) {
                changes.add(new Change(Kind.DROP_TABLE, bare(table.strip())));
                columnsWithDefault.remove(bare(table.strip()));
            }
        } else if ((m = ALTER_INDEX.matcher(statement)).matches()) {
            changes.add(new Change(Kind.RENAME, bare(m.group(1))));
        } else if ((m = ALTER_TABLE.matcher(statement)).matches()) {
            String table = bare(m.group(1));
            for (String action : topLevel(m.group(2))) {
                alterTable(table, action, changes);
            }
        }
        return changes;
    }

    private void alterTable(String table, String action, List<Change> changes) {
        Map<String, Boolean> columns = columnsWithDefault.computeIfAbsent(table, t -> new HashMap<>());
        String[] words = action.split(" ");
        Matcher m;
        if ((m = Pattern.compile("^rename to (\\S+)$").matcher(action)).matches()) {
            changes.add(new Change(Kind.RENAME, table));
            columnsWithDefault.put(bare(m.group(1)), columnsWithDefault.remove(table));
        } else if ((m = Pattern.compile("^rename (?:column |constraint )?(\\S+) to (\\S+)$").matcher(action)).matches()) {
            changes.add(new Change(Kind.RENAME, table + "." + m.group(1)));
            Boolean hadDefault = columns.remove(m.group(1));
            if (hadDefault != null) {
                columns.put(m.group(2), hadDefault);
            }
        } else if (words[0].equals("add") && words.length > 1 && (TABLE_CONSTRAINTS.contains(words[1]) || words[1].equals("index"))) {
            return;
        } else if ((m = Pattern.compile("^add (?:column )?(?:if not exists )?(\\S+) (.+)$").matcher(action)).matches()) {
            boolean hasDefault = m.group(2).matches(".*\\bdefault\\b.*");
            if (m.group(2).matches(".*\\b(not null|primary key)\\b.*") && !hasDefault) {
                changes.add(new Change(Kind.ADD_NOT_NULL_WITHOUT_DEFAULT, table + "." + m.group(1)));
            }
            columns.put(m.group(1), hasDefault);
        } else if (words[0].equals("drop") && words.length > 1 && Set.of("constraint", "primary", "index").contains(words[1])) {
            return;
        } else if ((m = Pattern.compile("^drop (?:column )?(?:if exists )?(\\S+)(?: cascade| restrict)?$").matcher(action)).matches()) {
            changes.add(new Change(Kind.DROP_COLUMN, table + "." + m.group(1)));
            columns.remove(m.group(1));
        } else if ((m = Pattern.compile("^alter (?:column )?(\\S+) (.+)$").matcher(action)).matches()) {
            alterColumn(table, m.group(1), m.group(2), columns, changes);
        } else {
            changes.add(new Change(Kind.CHANGE_TYPE, table + " (action '" + action + "')"));
        }
    }

    private static void alterColumn(String table, String column, String alteration, Map<String, Boolean> columns,
                                    List<Change> changes) {
        String object = table + "." + column;
        if (alteration.startsWith("set default ")) {
            columns.put(column, true);
        } else if (alteration.equals("drop default")) {
            columns.put(column, false);
        } else if (alteration.equals("set not null")) {
            if (!columns.getOrDefault(column, false)) {
                changes.add(new Change(Kind.SET_NOT_NULL, object));
            }
        } else if (alteration.startsWith("rename to ")) {
            changes.add(new Change(Kind.RENAME, object));
            columns.put(alteration.substring("rename to ".length()), columns.remove(column));
        } else if (!alteration.equals("drop not null")) {
            changes.add(new Change(Kind.CHANGE_TYPE, object));
        }
    }

    /** A table, an index, or a name within a known table (a column, or a constraint, which are not tracked). */
    private boolean known(String object) {
        String[] parts = object.split("\\.");
        return parts.length == 1 ? columnsWithDefault.containsKey(object) || indexes.contains(object)
                : columnsWithDefault.containsKey(parts[0]);
    }

    private static String bare(String name) {
        return name.startsWith("public.") ? name.substring("public.".length()) : name;
    }

    /** The statements of a script: comments removed, split at semicolons outside quotes, lower case, one space. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                current.append(c);
                quote = c == quote ? 0 : quote;
            } else if (c == '-' && sql.startsWith("--", i)) {
                i = sql.indexOf('\n', i) < 0 ? sql.length() : sql.indexOf('\n', i) - 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                i = sql.indexOf("*/", i) < 0 ? sql.length() : sql.indexOf("*/", i) + 1;
                current.append(' ');
            } else if (c == ';') {
                statements.add(current.toString());
                current.setLength(0);
            } else {
                quote = c == '\'' || c == '"' ? c : 0;
                current.append(c);
            }
        }
        statements.add(current.toString());
        return statements.stream().map(s -> s.replace("\"", "").replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT))
                .map(s -> s.replaceAll("\\( ", "(").replaceAll(" \\)", ")")).filter(s -> !s.isEmpty()).toList();
    }

    /** The parts of a list separated by commas outside parentheses, stripped. */
    private static List<String> topLevel(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(list.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(list.substring(start).strip());
        return parts;
    }

    static int compareVersions(String a, String b) {
        long[] left = Arrays.stream(a.split("\\.")).mapToLong(Long::parseLong).toArray();
        long[] right = Arrays.stream(b.split("\\.")).mapToLong(Long::parseLong).toArray();
        return Arrays.compare(left, right);
    }
}
