package dev.gatehouse.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Node scripts of e2e/ (the packages pinned in e2e/package.json and its lock file) for the server tests. */
final class NodeScripts {
    static final Path E2E_DIR = ServerProcess.moduleDir().resolveSibling("e2e");
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

    record Result(int exitCode, String output) {
    }

    private NodeScripts() {
    }

    /**
     * Fails unless node runs; installs e2e/'s packages ({@code npm ci}) unless each named one is installed at
     * the version package.json pins.
     */
    static void requirePackages(String... packages) {
        Result node = run(List.of("node", "--version"), Duration.ofSeconds(30), Map.of());
        assertThat(node.exitCode()).as("node must be installed (Node 18+; .ci/run installs it): %s", node.output())
                .isZero();
        if (!allInstalled(packages)) {
            Result npm = run(List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"),
                    NPM_TIMEOUT, Map.of());
            assertThat(npm.exitCode()).as("npm ci in %s (needs npm, and the npm registry or its cache): %s",
                    E2E_DIR, npm.output()).isZero();
        }
        assertThat(allInstalled(packages)).as("installed %s", List.of(packages)).isTrue();
    }

    private static boolean allInstalled(String... packages) {
        for (String name : packages) {
            Path installed = E2E_DIR.resolve("node_modules").resolve(name).resolve("package.json");
            String pinned = version(E2E_DIR.resolve("package.json"), "\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"");
            if (!Files.isRegularFile(installed)
                    || !pinned.equals(version(installed, "\"version\"\\s*:\\s*\"([^\"]+)\""))) {
                return false;
            }
        }
        return true;
    }

    /** Runs a command in e2e/; a missing program is exit code 127, a timeout -1, never an exception. */
    static Result run(List<String> command, Duration timeout, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(E2E_DIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(127, "cannot run " + command + ": " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (InputStream in = process.getInputStream()) {
                    in.transferTo(output);
                } catch (IOException ignored) {
                    // the process is gone; what was read so far is kept
                }
            });
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(Duration.ofSeconds(10));
            String text = output.toString(StandardCharsets.UTF_8);
            return exited ? new Result(process.exitValue(), text)
                    : new Result(-1, "timed out after " + timeout.toSeconds() + " s: " + command + "\n" + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    static String version(Path file, String regex) {
        try {
            Matcher matcher = Pattern.compile(regex).matcher(Files.readString(file));
            assertThat(matcher.find()).as("%s in %s", regex, file).isTrue();
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
