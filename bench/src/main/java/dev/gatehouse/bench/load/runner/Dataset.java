package dev.gatehouse.bench.load.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The population of {@code bench/users.sh generate} (its dataset file): its database, its tenant, and the
 * users, all with one password (see {@link Population}).
 */
public record Dataset(Path file, String databaseUrl, String databaseUser, String tenantId, String publicKey,
                      String rootToken, String password, Population population) {

    /**
     * One account of {@code bigAccountUsers} users named user-NNNNNN@big.bench.example and {@code spreadAccounts}
     * accounts of {@code usersPerSpreadAccount} users named uAAAAA-NNNN@spread.bench.example.
     */
    public record Population(int bigAccountUsers, int spreadAccounts, int usersPerSpreadAccount, long totalUsers) {
    }

    public static Dataset read(Path file) {
        try {
            JsonNode d = Json.read(file);
            return new Dataset(file, d.get("databaseUrl").asText(), d.get("databaseUser").asText(),
                    d.get("tenantId").asText(), d.get("publicKey").asText(), d.get("rootToken").asText(),
                    d.get("password").asText(), new Population(d.get("bigAccountUsers").asInt(),
                    d.get("spreadAccounts").asInt(), d.get("usersPerSpreadAccount").asInt(), d.get("totalUsers").asLong()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the dataset file " + file + " (bench/users.sh generate): " + e);
        }
    }

    public long totalUsers() {
        return population.totalUsers();
    }

    /** The i-th of n users picked evenly across the population: even i from the big account, odd i from the others. */
    public String email(int i, int n) {
        int half = Math.max(1, (n + 1) / 2);
        if (i % 2 == 0) {
            return String.format(Locale.ROOT, "user-%06d@big.bench.example",
                    (int) ((long) (i / 2) * population.bigAccountUsers() / half));
        }
        int account = (int) ((long) (i / 2) * population.spreadAccounts() / half);
        return String.format(Locale.ROOT, "u%05d-%04d@spread.bench.example", account,
                (i / 2) % population.usersPerSpreadAccount());
    }

    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("madeBy", "bench/users.sh generate");
        d.put("database", databaseUrl);
        d.put("totalUsers", population.totalUsers());
        d.put("bigAccountUsers", population.bigAccountUsers());
        d.put("spreadAccounts", population.spreadAccounts());
        d.put("usersPerSpreadAccount", population.usersPerSpreadAccount());
        d.put("usersDriven", "signed in with POST /login before the measurement, half from the big account, half"
                + " from the other accounts, picked evenly across each");
        return d;
    }
}
