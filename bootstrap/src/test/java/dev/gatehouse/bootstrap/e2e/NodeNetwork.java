package dev.gatehouse.bootstrap.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Private network namespaces for server nodes, made and removed by a test (Linux {@code ip netns}, root only). Node
 * {@code n} (1-based) lives in namespace {@code ghnode-n} and has two veth links to the test's (root) namespace:
 * <ul>
 *   <li>its API link, 10.213.1n.0/24: the node listens on 10.213.1n.2, the test's clients (and an SMTP server in the
 *       test JVM) are on 10.213.1n.1;</li>
 *   <li>its database link, 10.213.2n.0/24: the node reaches PostgreSQL on 10.213.2n.1, where the test's own cluster
 *       listens; taking this link down cuts the node off from the database and from nothing else.</li>
 * </ul>
 * Every namespace also routes to 10.213.11.1 (the test's end of node 1's API link) through its own API link, so that a
 * service of the test JVM bound to that one address ({@link #servicesAddress}) is reachable from every node.
 * Interfaces on the test's side are {@code ghn<n>a} and {@code ghn<n>d}, their peers inside the namespace
 * {@code ghn<n>ap} and {@code ghn<n>dp}. Deleting a namespace deletes its veth pairs.
 *
 * <p>The names and addresses are fixed, so only one test run on the machine may use them at a time: {@link #claim}
 * takes a lock file that the operating system releases when the JVM ends, however it ends; whoever holds it may
 * remove what a killed run left behind ({@link #removeLeftovers}, by name prefix).
 */
final class NodeNetwork implements AutoCloseable {
    private static final String NAMESPACE_PREFIX = "ghnode-";
    private static final String LINK_PREFIX = "ghn";
    private static final long COMMAND_TIMEOUT_SECONDS = 20;
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "gatehouse-node-network.lock");

    private final int nodes;

    private NodeNetwork(int nodes) {
        this.nodes = nodes;
    }

    /**
     * Why namespaces cannot be made here (not root, no {@code ip}, {@code ip netns add} refused), or null when they
     * can; tried by making and deleting a namespace.
     */
    static String unavailableBecause() {
        if (!"0".equals(run(List.of("id", "-u")).output().strip())) {
            return "network namespaces need root (ip netns add); this test runs as uid "
                    + run(List.of("id", "-u")).output().strip();
        }
        String probe = NAMESPACE_PREFIX + "probe";
        run(List.of("ip", "netns", "del", probe));
        Result added = run(List.of("ip", "netns", "add", probe));
        if (added.exitCode() != 0) {
            return "'ip netns add' is not permitted here (exit " + added.exitCode() + "): " + added.output().strip();
        }
        run(List.of("ip", "netns", "del", probe));
        return null;
    }

    /**
     * The machine's node network for this JVM: waits up to {@code patience} for another run to finish with it; null
     * when it did not. Closing the answer lets the next run have it.
     */
    static java.nio.channels.FileLock claim(java.time.Duration patience) throws IOException, InterruptedException {
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(LOCK,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        long end = System.nanoTime() + patience.toNanos();
        do {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < end);
        channel.close();
        return null;
    }

    /**
     * Removes namespaces and links of an earlier run that was killed before it cleaned up (by name prefix); only for
     * the holder of {@link #claim}, since no other live run can own them then.
     */
    static void removeLeftovers() {
        for (String line : run(List.of("ip", "netns", "list")).output().split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (name.startsWith(NAMESPACE_PREFIX)) {
                // Servers of that run may still live in it: they are this test's own processes, ended by their ids.
                for (String pid : run(List.of("ip", "netns", "pids", name)).output().split("\\s+")) {
                    if (pid.matches("\\d+")) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                run(List.of("ip", "netns", "del", name));
            }
        }
        for (String line : run(List.of("ip", "-o", "link", "show")).output().split("\n")) {
            String[] fields = line.split(":\\s+");
            if (fields.length > 1) {
                String name = fields[1].split("@")[0];
                if (name.startsWith(LINK_PREFIX) && name.matches(LINK_PREFIX + "\\d[ad]p?")) {
                    run(List.of("ip", "link", "del", name));
                }
            }
        }
    }

    /** Makes {@code nodes} namespaces (at most 9) with their two links each, everything up. */
    static NodeNetwork create(int nodes) {
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("1 to 9 nodes");
        }
        NodeNetwork network = new NodeNetwork(nodes);
        try {
            for (int n = 1; n <= nodes; n++) {
                String ns = namespace(n);
                must("ip", "netns", "add", ns);
                must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
                network.link(n, "a", "10.213.1" + n);
                network.link(n, "d", "10.213.2" + n);
                if (n > 1) {
                    must("ip", "netns", "exec", ns, "ip", "route", "add", network.servicesAddress() + "/32", "via",
                            network.testAddress(n));
                }
            }
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void link(int node, String kind, String subnet) {
        String outside = LINK_PREFIX + node + kind;
        String inside = outside + "p";
        must("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
        must("ip", "link", "set", inside, "netns", namespace(node));
        must("ip", "addr", "add", subnet + ".1/24", "dev", outside);
        must("ip", "link", "set", outside, "up");
        must("ip", "netns", "exec", namespace(node), "ip", "addr", "add", subnet + ".2/24", "dev", inside);
        must("ip", "netns", "exec", namespace(node), "ip", "link", "set", inside, "up");
    }

    static String namespace(int node) {
        return NAMESPACE_PREFIX + node;
    }

    /** The command prefix that runs a program inside the node's namespace. */
    List<String> inside(int node) {
        return List.of("ip", "netns", "exec", namespace(node));
    }

    /** Where node {@code n} listens (its end of the API link). */
    String nodeAddress(int node) {
        return "10.213.1" + node + ".2";
    }

    /** The test's end of node {@code n}'s API link: where the node reaches services of the test JVM. */
    String testAddress(int node) {
        return "10.213.1" + node + ".1";
    }

    /** An address of the test's namespace that every node reaches (over its own API link). */
    String servicesAddress() {
        return testAddress(1);
    }

    /** The test's end of node {@code n}'s database link: where PostgreSQL listens for that node. */
    String databaseAddress(int node) {
        return "10.213.2" + node + ".1";
    }

    /** The addresses PostgreSQL listens on, one per node. */
    List<String> databaseAddresses() {
        List<String> addresses = new ArrayList<>();
        for (int n = 1; n <= nodes; n++) {
            addresses.add(databaseAddress(n));
        }
        return addresses;
    }

    /** Takes node {@code n}'s database link down: its packets to PostgreSQL are dropped from now on. */
    void cutDatabaseLink(int node) {
        must("ip", "link", "set", LINK_PREFIX + node + "d", "down");
    }

    void restoreDatabaseLink(int node) {
        must("ip", "link", "set", LINK_PREFIX + node + "d", "up");
    }

    /** Deletes the namespaces (and so their links); whatever fails is left to {@link #removeLeftovers}. */
    @Override
    public void close() {
        for (int n = 1; n <= nodes; n++) {
            run(List.of("ip", "netns", "del", namespace(n)));
            run(List.of("ip", "link", "del", LINK_PREFIX + n + "a"));
            run(List.of("ip", "link", "del", LINK_PREFIX + n + "d"));
        }
    }

    record Result(int exitCode, String output) {
    }

    private static void must(String... command) {
        Result result = run(List.of(command));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + result.exitCode() + "): "
                    + result.output().strip());
        }
    }

    /** Runs a command, its output and errors together; exit code -1 when it cannot run or does not end in time. */
    static Result run(List<String> command) {
        try {
            Path output = Files.createTempFile("gatehouse-cmd-", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, String.join(" ", command) + " did not end within " + COMMAND_TIMEOUT_SECONDS
                            + " s");
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
