package dev.gatehouse.adapters.persistence;

import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.user.EmailAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * V14: stored email addresses into {@link EmailAddress}'s canonical form (NFC, internationalised domains in
 * ASCII, no invisible characters), so that each address has one string and the unique index on
 * {@code (tenant_id, email)} means what it says. A Java migration because the rules are the domain's, not SQL's.
 * <ul>
 *   <li>A user whose address changes only in form (NFC, the domain's {@code xn--} form) gets the canonical
 *       form and keeps its verification.</li>
 *   <li>A user whose address held invisible characters gets its visible part, canonical, and is marked
 *       unverified: the proof was for another string.</li>
 *   <li>Users of one tenant whose addresses now come out the same (an address and its copy with a zero-width
 *       space, or in decomposed form, or with its domain in the other form) are all left unchanged and reported
 *       in the log as a collision, never failing the migration: an operator decides who keeps the address.
 *       Sign-ins compare the canonical input with the stored string, so only the canonical row of such a pair
 *       can be signed in to by its address meanwhile.</li>
 *   <li>An address that is none even without its invisible characters is left unchanged and reported.</li>
 *   <li>Pending one-time codes follow their address; a code for an address that is no longer valid can never be
 *       asked for again and is deleted.</li>
 * </ul>
 */
final class CanonicalEmailAddressesMigration implements JavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(CanonicalEmailAddressesMigration.class);
    static final String VERSION = "14";

    private final Consumer<String> report;

    CanonicalEmailAddressesMigration() {
        this(LOG::warn);
    }

    /** @param report where each collision and each address left unchanged is reported (the log, or a test's list) */
    CanonicalEmailAddressesMigration(Consumer<String> report) {
        this.report = report;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(VERSION);
    }

    @Override
    public String getDescription() {
        return "canonical email addresses";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        users(connection);
        oneTimeCodes(connection);
    }

    private record StoredUser(Object id, Object tenantId, String stored, Optional<String> canonical) {
        boolean invisibleRemoved() {
            return canonical.isPresent() && !canonicalOf(stored).equals(canonical);
        }
    }

    private void users(Connection connection) throws SQLException {
        Map<List<Object>, List<StoredUser>> byCanonical = new LinkedHashMap<>();
        List<StoredUser> unreadable = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, tenant_id, email from app_user order by tenant_id, created, id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String stored = rows.getString("email");
                StoredUser user = new StoredUser(rows.getObject("id"), rows.getObject("tenant_id"), stored,
                        canonicalOf(stored).or(() -> canonicalOf(EmailAddress.withoutInvisible(stored))));
                if (user.canonical().isEmpty()) {
                    unreadable.add(user);
                } else {
                    byCanonical.computeIfAbsent(List.of(user.tenantId(), user.canonical().get()), key -> new ArrayList<>())
                            .add(user);
                }
            }
        }
        int rewritten = 0;
        int collisions = 0;
        try (PreparedStatement update = connection.prepareStatement(
                "update app_user set email = ?, email_verified = email_verified and ? where id = ?")) {
            for (List<StoredUser> group : byCanonical.values()) {
                if (group.size() > 1) {
                    collisions++;
                    report.accept("V14: users " + group.stream().map(u -> String.valueOf(u.id()))
                            .collect(Collectors.joining(", ")) + " of tenant " + group.get(0).tenantId()
                            + " now share the address " + group.get(0).canonical().get() + " (stored as "
                            + group.stream().map(u -> visible(u.stored())).collect(Collectors.joining(", "))
                            + "); all left unchanged: decide which user keeps the address and change or delete the"
                            + " others");
                    continue;
                }
                StoredUser user = group.get(0);
                String canonical = user.canonical().get();
                if (!canonical.equals(user.stored())) {
                    update.setString(1, canonical);
                    update.setBoolean(2, !user.invisibleRemoved());
                    update.setObject(3, user.id());
                    update.addBatch();
                    rewritten++;
                    if (user.invisibleRemoved()) {
                        report.accept("V14: user " + user.id() + " of tenant " + user.tenantId()
                                + ": invisible characters removed from the address " + visible(user.stored())
                                + "; it is now " + canonical + " and must be verified again");
                    }
                }
            }
            update.executeBatch();
        }
        for (StoredUser user : unreadable) {
            report.accept("V14: user " + user.id() + " of tenant " + user.tenantId() + ": the stored address "
                    + visible(user.stored()) + " is not a valid address under the current rules; left unchanged");
        }
        LOG.info("V14: {} stored addresses rewritten into canonical form, {} collisions and {} invalid addresses"
                + " left unchanged", rewritten, collisions, unreadable.size());
    }

    private static void oneTimeCodes(Connection connection) throws SQLException {
        List<Object[]> changes = new ArrayList<>();
        List<Object> invalid = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select id, email from one_time_code");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String stored = rows.getString("email");
                Optional<String> canonical = canonicalOf(stored);
                if (canonical.isEmpty()) {
                    invalid.add(rows.getObject("id"));
                } else if (!canonical.get().equals(stored)) {
                    changes.add(new Object[] {canonical.get(), rows.getObject("id")});
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("update one_time_code set email = ? where id = ?");
             PreparedStatement delete = connection.prepareStatement("delete from one_time_code where id = ?")) {
            for (Object[] change : changes) {
                update.setString(1, (String) change[0]);
                update.setObject(2, change[1]);
                update.addBatch();
            }
            update.executeBatch();
            for (Object id : invalid) {
                delete.setObject(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static Optional<String> canonicalOf(String stored) {
        try {
            return Optional.of(new EmailAddress(stored).value());
        } catch (InvalidInput refused) {
            return Optional.empty();
        }
    }

    /** The text with everything outside printable ASCII written as {@code \\uXXXX}, so a log shows the difference. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append((char) c);
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }
}
