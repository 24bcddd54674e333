package dev.gatehouse.bench.users;

import dev.gatehouse.adapters.crypto.BcryptPasswordHasher;
import dev.gatehouse.adapters.persistence.Database;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.Password;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Fills a PostgreSQL database with a large user population for the listing benchmark and the scale runs:
 * one tenant ("Bench users") with
 * <ul>
 *   <li>one account of {@code --big} users (default 100,000), its first user an account admin;</li>
 *   <li>{@code --accounts} further accounts (default 10,000) of {@code --per-account} users each (default 100,
 *       so 1,000,000 users), each account's first user an account admin.</li>
 * </ul>
 * Every user shares ONE bcrypt hash of a known password, computed once at the production cost: hashing a
 * million passwords would take about a day on this machine. Rows go in through {@code COPY ... FROM STDIN}
 * (pgjdbc's CopyManager), streamed, into a schema made by the server's own Flyway migrations, so the server
 * then runs on it unchanged. The tenant gets a publishable key and a root token (stored as its SHA-256, as the
 * server stores them); both, the password and the ids the benchmark needs go to {@code --out} as JSON.
 *
 * <p>Usage (see bench/README.md): {@code bench/users.sh generate [--db NAME] [--big N] [--accounts N]
 * [--per-account N] [--out FILE]}. The database is dropped and created anew.
 */
public final class UserDataGenerator {
    static final String PASSWORD = "bench-password-1";
    private static final int BCRYPT_COST = 10;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;
    private static final SecureRandom RANDOM = new SecureRandom();

    private UserDataGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, Map.of("db", "gatehouse_users_bench", "big", "100000",
                "accounts", "10000", "per-account", "100", "out", "bench/target/users-dataset.json",
                "host", "127.0.0.1", "port", "5432", "user", "postgres"));
        String db = options.get("db");
        if (!db.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("--db must be a plain lower-case PostgreSQL name");
        }
        int big = Integer.parseInt(options.get("big"));
        int accounts = Integer.parseInt(options.get("accounts"));
        int perAccount = Integer.parseInt(options.get("per-account"));
        String server = "jdbc:postgresql://" + options.get("host") + ":" + options.get("port") + "/";
        String user = options.get("user");
        String url = server + db;

        long start = System.nanoTime();
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, null);
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + db + " with (force)");
            statement.execute("create database " + db);
        }
        TenantId tenantId = new TenantId(UUID.randomUUID());
        String publicKey = "pk_bench_" + randomToken(16);
        String rootToken = "gh_root_" + randomToken(32);
        try (Database database = Database.open(url, user, null)) {
            database.migrate();
            database.transactions().inTransaction(() -> {
                database.tenants().insert(Tenant.create(tenantId, "Bench users", publicKey, TenantSettings.DEFAULT, T0));
                database.tenants().setRootTokenHash(tenantId, sha256Hex(rootToken));
                return null;
            });
        }
        log("schema migrated, tenant created in %.1f s", seconds(start));

        long hashStart = System.nanoTime();
        String hash = new BcryptPasswordHasher(BCRYPT_COST).hash(new Password(PASSWORD)).encoded();
        log("one bcrypt hash (cost %d) in %.0f ms, shared by every user", BCRYPT_COST, (System.nanoTime() - hashStart) / 1e6);

        UUID bigAccount = UUID.randomUUID();
        List<UUID> spread = new ArrayList<>(accounts);
        for (int i = 0; i < accounts; i++) {
            spread.add(UUID.randomUUID());
        }
        String bigAdminEmail = "user-000000@big.bench.example";
        try (Connection connection = DriverManager.getConnection(url, user, null)) {
            CopyIn accountRows = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy account (id, tenant_id, name, created) from stdin (format csv)");
            Rows accountsOut = new Rows(accountRows);
            accountsOut.row(bigAccount + "," + tenantId + ",Big account," + TIMESTAMP.format(T0));
            for (int i = 0; i < accounts; i++) {
                accountsOut.row(spread.get(i) + "," + tenantId + ",Account " + i + "," + TIMESTAMP.format(T0));
            }
            accountsOut.end();
            log("%d accounts copied in %.1f s", accounts + 1, seconds(start));

            CopyIn userRows = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy app_user (id, tenant_id, account_id, email, password_hash, role, status, created)"
                            + " from stdin (format csv)");
            Rows usersOut = new Rows(userRows);
            String fixed = "," + hash + ",";
            // The big account's users joined one per millisecond; the others one per millisecond too, interleaved
            // across accounts, after the big account's.
            for (int i = 0; i < big; i++) {
                usersOut.row(UUID.randomUUID() + "," + tenantId + "," + bigAccount + ","
                        + String.format("user-%06d@big.bench.example", i) + fixed + (i == 0 ? 50 : 0) + ",ACTIVE,"
                        + TIMESTAMP.format(T0.plusMillis(i)));
                usersOut.progress("users", big + (long) accounts * perAccount, start);
            }
            Instant spreadStart = T0.plusMillis(big);
            long n = 0;
            for (int j = 0; j < perAccount; j++) {
                for (int a = 0; a < accounts; a++) {
                    usersOut.row(UUID.randomUUID() + "," + tenantId + "," + spread.get(a) + ","
                            + String.format("u%05d-%04d@spread.bench.example", a, j) + fixed + (j == 0 ? 50 : 0)
                            + ",ACTIVE," + TIMESTAMP.format(spreadStart.plusMillis(n++)));
                    usersOut.progress("users", big + (long) accounts * perAccount, start);
                }
            }
            long copied = usersOut.end();
            log("%d users copied in %.1f s", copied, seconds(start));
            try (Statement statement = connection.createStatement()) {
                statement.execute("analyze");
            }
            log("analyzed in %.1f s", seconds(start));
        } catch (SQLException e) {
            throw new IllegalStateException("generating the users failed: " + e.getMessage(), e);
        }

        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("databaseUrl", url);
        dataset.put("databaseUser", user);
        dataset.put("tenantId", tenantId.toString());
        dataset.put("publicKey", publicKey);
        dataset.put("rootToken", rootToken);
        dataset.put("password", PASSWORD);
        dataset.put("bigAccountId", bigAccount.toString());
        dataset.put("bigAccountUsers", big);
        dataset.put("bigAccountAdminEmail", bigAdminEmail);
        dataset.put("spreadAccounts", accounts);
        dataset.put("usersPerSpreadAccount", perAccount);
        dataset.put("totalUsers", big + (long) accounts * perAccount);
        dataset.put("generatedAt", Instant.now().toString());
        dataset.put("generationSeconds", Math.round(seconds(start) * 10) / 10.0);
        Path out = Path.of(options.get("out"));
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, JsonOut.write(dataset) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log("done in %.1f s; dataset (with the root token: keep it local) in %s", seconds(start), out);
    }

    /** CSV rows streamed into one COPY, in blocks of about 1 MB. */
    private static final class Rows {
        private final CopyIn copy;
        private final StringBuilder block = new StringBuilder(1 << 20);
        private long count;

        Rows(CopyIn copy) {
            this.copy = copy;
        }

        void row(String csv) throws SQLException {
            block.append(csv).append('\n');
            count++;
            if (block.length() >= (1 << 20)) {
                flush();
            }
        }

        void progress(String what, long total, long start) {
            if (count % 200_000 == 0) {
                log("%,d of %,d %s in %.1f s", count, total, what, seconds(start));
            }
        }

        long end() throws SQLException {
            flush();
            return copy.endCopy();
        }

        private void flush() throws SQLException {
            byte[] bytes = block.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            block.setLength(0);
        }
    }

    static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void log(String format, Object... args) {
        System.err.println("[users] " + String.format(format, args));
    }
}
