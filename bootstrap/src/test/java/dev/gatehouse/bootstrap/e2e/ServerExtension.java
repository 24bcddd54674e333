package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running jar for a test class: started before its first test with the given environment, its data in a fresh
 * temporary directory, stopped (and the directory removed) after its last test. Register it as a static field with
 * {@code @RegisterExtension}; its native and compat clients can be kept in static fields of the test class, and,
 * when started with an operator token, it makes tenants through the operator API.
 */
final class ServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> environment;
    private final String operatorToken;
    private final NativeClient client = new NativeClient(this::baseUri);
    private final CompatClient compat = new CompatClient(this::baseUri, ServerProcess.DEV_PUBLIC_KEY);
    private Path dataDir;
    private ServerProcess process;

    private ServerExtension(Map<String, String> environment, String operatorToken) {
        this.environment = Map.copyOf(environment);
        this.operatorToken = operatorToken;
    }

    /** A server in dev mode with nothing more than {@code environment} set (the dev tenant is seeded). */
    static ServerExtension with(Map<String, String> environment) {
        return new ServerExtension(environment, null);
    }

    /** Rate limits on, loopback trusted as a proxy (so {@code X-Forwarded-For} stands for clients), an operator. */
    static ServerExtension rateLimitedBehindLoopbackProxy() {
        return with(Map.of("GATEHOUSE_RATE_LIMITS", "on", "GATEHOUSE_TRUSTED_PROXIES", "127.0.0.1,::1"))
                .withOperator();
    }

    /** The same environment plus a random operator token, so that {@link #newTenant} works. */
    ServerExtension withOperator() {
        return new ServerExtension(environment, "operator-" + UUID.randomUUID() + UUID.randomUUID());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("gatehouse-e2e-");
        Map<String, String> env = new HashMap<>(environment);
        if (operatorToken != null) {
            env.put("GATEHOUSE_OPERATOR_TOKEN", operatorToken);
        }
        process = ServerProcess.start(dataDir, env);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        ServerProcess.closeAll(process);
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(ServerExtension::delete);
            }
        }
    }

    ServerProcess process() {
        if (process == null) {
            throw new IllegalStateException("the server starts before the first test of the class");
        }
        return process;
    }

    private URI baseUri() {
        return process().baseUri();
    }

    /** Native calls on this server; usable from the first test on (the address is looked up per request). */
    NativeClient client() {
        return client;
    }

    /** Compat calls on this server, as the dev tenant; usable from the first test on. */
    CompatClient compat() {
        return compat;
    }

    /**
     * A new tenant made through the operator API ({@code POST /v1/tenants}, which must answer 201); its owner gets
     * {@code ownerPassword} unless that is null.
     */
    OperatorTenant newTenant(String name, String ownerEmail, String ownerPassword) {
        if (operatorToken == null) {
            throw new IllegalStateException("this server has no operator token: use withOperator()");
        }
        String body = "{\"name\":\"" + name + "\",\"ownerEmail\":\"" + ownerEmail + "\""
                + (ownerPassword == null ? "" : ",\"ownerPassword\":\"" + ownerPassword + "\"") + "}";
        JsonNode created = json(client.post("/v1/tenants", Map.of("Authorization", "Bearer " + operatorToken), body),
                201);
        return new OperatorTenant(created.get("publicKey").asText(), created.get("rootToken").asText(), ownerEmail);
    }

    /** Patches the tenant's settings as its root ({@code PATCH /v1/admin/settings}, which must answer 200). */
    void patchSettings(OperatorTenant tenant, String patch) {
        json(client.patch("/v1/admin/settings", tenant.root(), patch), 200);
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
