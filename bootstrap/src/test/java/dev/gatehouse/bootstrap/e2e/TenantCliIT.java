package dev.gatehouse.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bootstrap.InProcessCommands;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code gatehouse tenant create} on H2 and PostgreSQL: the printed credentials work at once against a
 * server started on the same database; a second run while an H2 server holds the database says so.
 * The first command of each case runs the real jar in a process of its own, as an operator would; the later ones
 * run the same command code ({@code Main.run}) in the test JVM, which saves a JVM start per command and is still a
 * process apart from the server (so an H2 database the server holds is refused to it as to any other process).
 */
class TenantCliIT {
    @TempDir
    Path dataDir;

    record Cli(int exitCode, String output) {
    }

    /** {@code java -jar gatehouse.jar ARGS} in a process of its own, in dev mode, on the case's data dir. */
    private Cli jar(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of("-jar", ServerProcess.serverJar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dataDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().put("GATEHOUSE_MODE", "dev");
        builder.environment().put("GATEHOUSE_BCRYPT_COST", "4");
        builder.environment().put("GATEHOUSE_DATA_DIR", dataDir.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Cli(process.exitValue(), output);
    }

    /** The same command with the same environment as {@link #jar}, run in the test JVM. */
    private Cli cli(Map<String, String> env, String... args) {
        Map<String, String> environment = new HashMap<>();
        environment.put("GATEHOUSE_MODE", "dev");
        environment.put("GATEHOUSE_BCRYPT_COST", "4");
        environment.put("GATEHOUSE_DATA_DIR", dataDir.toString());
        environment.putAll(env);
        InProcessCommands.Result result = InProcessCommands.run(environment, args);
        return new Cli(result.exitCode(), result.output());
    }

    private static String field(String output, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + ":\\s+(\\S+)").matcher(output);
        assertThat(m.find()).as("'%s' in:%n%s", label, output).isTrue();
        return m.group(1);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void createdTenantCredentialsWorkAtOnce(Database database) throws Exception {
        Map<String, String> env = new HashMap<>(database.serverEnvironment());
        Cli created = jar(env, "tenant", "create", "--name", "Acme", "--owner-email", "owner@acme.io");
        assertThat(created.exitCode()).as(created.output()).isZero();
        String publicKey = field(created.output(), "public key");
        String rootToken = field(created.output(), "root token");
        String ownerPassword = field(created.output(), "owner password");
        assertThat(publicKey).startsWith("pk_");
        assertThat(rootToken).startsWith("gh_root_");

        Cli listed = cli(env, "tenant", "list");
        assertThat(listed.output()).contains(publicKey).contains("Acme");

        try (ServerProcess server = ServerProcess.start(dataDir, env)) {
            CompatClient client = new CompatClient(server.baseUri(), publicKey);
            HttpResponse<String> login = client.login("owner@acme.io", ownerPassword);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

            String token = login.body().replace("\"", "");
            HttpResponse<String> me = client.send(HttpRequest.newBuilder(server.uri("/me"))
                    .header("SB-PUBLIC-KEY", publicKey).header("Authorization", "Bearer " + token).GET().build());
            assertThat(me.body()).contains("\"role\":100");
            String accountId = me.body().replaceAll(".*\"accountId\":\"([^\"]+)\".*", "$1");

            HttpResponse<String> sudo = client.send(HttpRequest.newBuilder(server.uri("/sudogettoken/" + accountId))
                    .header("SB-PUBLIC-KEY", publicKey).header("Authorization", "Bearer " + rootToken).GET().build());
            assertThat(sudo.statusCode()).as(sudo.body()).isEqualTo(200);
            HttpResponse<String> sudoWithUserToken = client.send(HttpRequest.newBuilder(
                            server.uri("/sudogettoken/" + accountId))
                    .header("SB-PUBLIC-KEY", publicKey).header("Authorization", "Bearer " + token).GET().build());
            assertThat(sudoWithUserToken.statusCode()).isEqualTo(401);

            if (database == Database.H2) {
                Cli whileServing = cli(env, "tenant", "list");
                assertThat(whileServing.exitCode()).isNotZero();
                assertThat(whileServing.output()).contains("stop the server first");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void tenantSetChangesSettingsTheServerUsesAndRefusesBadInputNamingTheField(Database database) throws Exception {
        Map<String, String> env = new HashMap<>(database.serverEnvironment());
        Cli created = jar(env, "tenant", "create", "--name", "Settings", "--owner-email", "owner@settings.io");
        assertThat(created.exitCode()).as(created.output()).isZero();
        String publicKey = field(created.output(), "public key");
        String rootToken = field(created.output(), "root token");
        String tenantId = field(created.output(), "tenant id");

        Cli refused = cli(env, "tenant", "set", "--tenant", publicKey, "--json", "{\"passwordPolicy\":{\"minLength\":0}}");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("passwordPolicy.minLength");
        Cli unknown = cli(env, "tenant", "set", "--tenant", publicKey, "--json", "{\"colour\":\"blue\"}");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).contains("colour").contains("is not a tenant setting");

        try (ServerProcess server = ServerProcess.start(dataDir, env)) {
            if (database == Database.H2) {
                Cli whileServing = cli(env, "tenant", "set", "--tenant", publicKey, "--json",
                        "{\"magicLinkCreatesUser\":true}");
                assertThat(whileServing.exitCode()).isNotZero();
                assertThat(whileServing.output()).contains("stop the server first");
            } else {
                Cli set = cli(env, "tenant", "set", "--tenant", tenantId, "--json",
                        "{\"magicLinkCreatesUser\":true,\"passwordPolicy\":{\"minLength\":14}}");
                assertThat(set.exitCode()).as(set.output()).isZero();
                assertThat(set.output()).contains("\"magicLinkCreatesUser\" : true");
                NativeClient client = new NativeClient(server);
                HttpResponse<String> read = client.get("/v1/admin/settings", NativeClient.bearer(publicKey, rootToken));
                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                assertThat(read.body()).contains("\"magicLinkCreatesUser\":true").contains("\"minLength\":14");
            }
        }
        if (database == Database.H2) {
            Cli set = cli(env, "tenant", "set", "--tenant", publicKey, "--json", "{\"magicLinkCreatesUser\":true}");
            assertThat(set.exitCode()).as(set.output()).isZero();
            Cli shown = cli(env, "tenant", "settings", "--tenant", publicKey);
            assertThat(shown.output()).contains("\"magicLinkCreatesUser\" : true");
        }
    }
}
