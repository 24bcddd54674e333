package dev.gatehouse.bootstrap;

import dev.gatehouse.application.port.in.ProvisionTenantUseCase;
import dev.gatehouse.domain.Ids;
import dev.gatehouse.domain.error.DomainError;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gatehouse tenant create|list|rotate-root-token}: the operator's tenant tools, working directly on
 * the configured database. The embedded H2 database admits one process: while a server holds it, these
 * commands say so and stop (stop the server first).
 */
final class TenantCommands {
    private static final String USAGE = """
            usage: gatehouse tenant create --name NAME --owner-email EMAIL [--owner-password PASSWORD]
                   gatehouse tenant list
                   gatehouse tenant rotate-root-token --tenant TENANT_ID""";

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
            ProvisionTenantUseCase tenants = wiring.useCases.provisionTenant();
            return switch (args[1]) {
                case "create" -> create(tenants, options, out, err);
                case "list" -> list(tenants, out);
                case "rotate-root-token" -> rotate(tenants, options, out, err);
                default -> {
                    err.println("gatehouse tenant: unknown command '" + args[1] + "'");
                    err.println(USAGE);
                    yield 2;
                }
            };
        } catch (DomainError e) {
            err.println("gatehouse tenant: " + e.getMessage());
            return 2;
        }
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
