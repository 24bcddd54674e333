package dev.gatehouse.bootstrap;

import dev.gatehouse.adapters.http.web.JsonBodyReader;
import dev.gatehouse.adapters.http.problem.RequestRejected;
import dev.gatehouse.adapters.http.tenants.TenantSettingsJson;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.tenants.port.in.TenantSettingsUseCase;
import dev.gatehouse.domain.Ids;
import dev.gatehouse.domain.error.DomainError;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gatehouse tenant create|list|rotate-root-token|settings|set}: the operator's tenant tools, working
 * directly on the configured database. The embedded H2 database admits one process: while a server holds it, these
 * commands say so and stop (stop the server first).
 */
final class TenantCommands {
    private static final String USAGE = """
            usage: gatehouse tenant create --name NAME --owner-email EMAIL [--owner-password PASSWORD]
                   gatehouse tenant list
                   gatehouse tenant rotate-root-token --tenant TENANT_ID
                   gatehouse tenant settings --tenant TENANT_ID_OR_PUBLIC_KEY
                   gatehouse tenant set --tenant TENANT_ID_OR_PUBLIC_KEY (--json 'MERGE_PATCH' | --file PATH)""";

    private static final int MAX_SETTINGS_JSON_BYTES = 1024 * 1024;

    private TenantCommands() {
    }

    static int run(String[] args, Config config, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("gatehouse tenant: expected --option value pairs, got '" + args[i] + "'");
                err.println(USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        try (Wiring wiring = open(config)) {
            ProvisionTenantUseCase tenants = wiring.features.tenants.provisionTenant();
            return switch (args[1]) {
                case "create" -> create(tenants, options, out, err);
                case "list" -> list(tenants, out);
                case "rotate-root-token" -> rotate(tenants, options, out, err);
                case "settings" -> showSettings(wiring, options, out, err);
                case "set" -> setSettings(wiring, options, out, err);
                default -> {
                    err.println("gatehouse tenant: unknown command '" + args[1] + "'");
                    err.println(USAGE);
                    yield 2;
                }
            };
        } catch (DomainError e) {
            err.println("gatehouse tenant: " + e.getMessage());
            return 2;
        } catch (RequestRejected e) {
            err.println("gatehouse tenant: " + e.getMessage());
            return 2;
        }
    }

    /** Prints the tenant's settings as JSON, secrets shown only as present (as GET /v1/admin/settings does). */
    private static int showSettings(Wiring wiring, Map<String, String> options, PrintStream out, PrintStream err) {
        Optional<TenantId> tenant = tenantOption(wiring, options, "settings", err);
        if (tenant.isEmpty()) {
            return 2;
        }
        out.println(TenantSettingsJson.render(wiring.features.tenants.tenantSettings().getAsOperator(tenant.get()))
                .toPrettyString());
        return 0;
    }

    /**
     * Applies a JSON merge patch to the tenant's settings (the body PATCH /v1/admin/settings takes), audited with
     * the operator as actor, and prints the settings as stored.
     */
    private static int setSettings(Wiring wiring, Map<String, String> options, PrintStream out, PrintStream err) {
        Optional<TenantId> tenant = tenantOption(wiring, options, "set", err);
        if (tenant.isEmpty()) {
            return 2;
        }
        String json = options.get("json");
        String file = options.get("file");
        if ((json == null) == (file == null)) {
            err.println("gatehouse tenant set: give the change as --json '{...}' or --file PATH (one of them)");
            return 2;
        }
        if (file != null) {
            try {
                json = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                err.println("gatehouse tenant set: cannot read " + file + ": " + e.getMessage());
                return 2;
            }
        }
        TenantSettingsUseCase.Change change = TenantSettingsJson.patch(
                new JsonBodyReader(MAX_SETTINGS_JSON_BYTES).parseObject(json));
        TenantSettings stored = wiring.features.tenants.tenantSettings().changeAsOperator(tenant.get(), change);
        out.println(TenantSettingsJson.render(stored).toPrettyString());
        return 0;
    }

    /** {@code --tenant}: a tenant id, or any live publishable key of the tenant. */
    private static Optional<TenantId> tenantOption(Wiring wiring, Map<String, String> options, String command,
                                                   PrintStream err) {
        String value = options.get("tenant");
        if (value == null) {
            err.println("gatehouse tenant " + command + ": --tenant is required (a tenant id or a publishable key)");
            return Optional.empty();
        }
        if (Ids.isUuid(value)) {
            return Optional.of(new TenantId(Ids.parseUuid("--tenant", value)));
        }
        return Optional.of(wiring.features.tenants.resolveTenant().byPublishableKey(value).id());
    }

    private static Wiring open(Config config) {
        try {
            return Wiring.start(config);
        } catch (RuntimeException e) {
            if (config.databaseUrl().isEmpty() && heldByAnotherProcess(e)) {
                throw new IllegalStateException("the embedded database in " + config.dataDir()
                        + " is held by a running server; stop the server first (H2 admits one process)");
            }
            throw e;
        }
    }

    private static boolean heldByAnotherProcess(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("already in use")) {
                return true;
            }
        }
        return false;
    }

    private static int create(ProvisionTenantUseCase tenants, Map<String, String> options, PrintStream out,
                              PrintStream err) {
        String name = options.get("name");
        String email = options.get("owner-email");
        if (name == null || email == null) {
            err.println("gatehouse tenant create: --name and --owner-email are required");
            return 2;
        }
        var created = tenants.create(new ProvisionTenantUseCase.Command(name, new EmailAddress(email),
                Optional.ofNullable(options.get("owner-password")).map(Password::new)));
        out.println("tenant id:      " + created.tenant().id());
        out.println("public key:     " + created.tenant().publicKey());
        out.println("root token:     " + created.rootToken() + "   (shown only now: store it safely)");
        out.println("owner:          " + email + " (role root)");
        out.println("owner password: " + created.ownerPassword());
        return 0;
    }

    private static int list(ProvisionTenantUseCase tenants, PrintStream out) {
        out.printf("%-36s  %-30s  %s%n", "TENANT ID", "PUBLIC KEY", "NAME");
        for (Tenant tenant : tenants.list()) {
            out.printf("%-36s  %-30s  %s%n", tenant.id(), tenant.publicKey(), tenant.name());
        }
        return 0;
    }

    private static int rotate(ProvisionTenantUseCase tenants, Map<String, String> options, PrintStream out,
                              PrintStream err) {
        String id = options.get("tenant");
        if (id == null) {
            err.println("gatehouse tenant rotate-root-token: --tenant is required");
            return 2;
        }
        String token = tenants.rotateRootToken(new TenantId(Ids.parseUuid("--tenant", id)));
        out.println("root token: " + token + "   (the previous one no longer works; shown only now)");
        return 0;
    }
}
