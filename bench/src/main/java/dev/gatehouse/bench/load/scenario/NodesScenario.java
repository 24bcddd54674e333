package dev.gatehouse.bench.load.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.HttpConnection;
import dev.gatehouse.bench.load.runner.Json;
import dev.gatehouse.bench.load.runner.LoadScenario;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.ProcStats;
import dev.gatehouse.bench.load.runner.Results;
import dev.gatehouse.bench.load.runner.ServerDatabase;
import dev.gatehouse.bench.load.runner.ServerProcess;
import dev.gatehouse.bench.load.runner.Users;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code nodes}: GET /v1/me and POST /v1/auth/refresh served by one, two and three server processes on one PostgreSQL
 * database (PostgreSQL only: H2 admits one process), against the same total of C connections, worker {@code w} on
 * node {@code w mod n}. The harness's server is node 1; nodes 2 and 3 are started at once on the same database with
 * the run's master key, and each node gets an unrecorded warm-up of its own. Then {@value #ROUNDS} rounds of 1, 2 and
 * 3 nodes, each a /v1/me phase and a refresh phase with their own warm-up; the nodes not in a phase stay up and idle
 * (polling the revocation feed and the outbox twice a second each). Users and tenant are prepared once, on node 1;
 * each worker keeps its user's refresh-token chain from phase to phase. The reference is the median throughput with
 * n nodes over the median with one, per route: on a machine of 2 cores shared by the processes, PostgreSQL and the
 * load generator this shows what more processes cost, not a speed-up.
 */
final class NodesScenario extends LoadScenario {
    static final int MAX_NODES = 3;
    /** Each node count is measured this many times, interleaved (1, 2, 3, 1, 2, 3), so that a slow minute of a shared
     *  machine does not fall on one count only; the medians are compared. */
    static final int ROUNDS = 2;
    private static final long MAX_REQUESTS_PER_WORKER = 50_000_000L;

    NodesScenario() {
        super("nodes");
    }

    @Override
    protected Users.Api users() {
        return Users.Api.NATIVE;
    }

    @Override
    protected void drive(LoadSession s) {
        if (!(s.database() instanceof ServerDatabase.Postgres pg)) {
            throw new IllegalStateException("nodes needs --db postgres: the embedded H2 database admits one process");
        }
        List<ServerProcess> nodes = new ArrayList<>(List.of(s.server()));
        String[] chains = new String[s.concurrency()];
        for (int w = 0; w < chains.length; w++) {
            chains[w] = s.users().get(w % s.users().size()).refreshToken();
        }
        Map<Integer, List<Double>> me = new TreeMap<>();
        Map<Integer, List<Double>> refresh = new TreeMap<>();
        List<Object> started = new ArrayList<>();
        try {
            for (int n = 2; n <= MAX_NODES; n++) {
                ServerProcess node = ServerProcess.start(s.harness().launch(s.harness().runDir("nodes-node" + n,
                        pg.kind())), pg);
                nodes.add(node);
                started.add(Map.of("node", n, "pid", node.pid(), "startToReadyMillis", Json.round(node.readyMillis())));
                s.log("node %d: pid %d ready on port %s in %.0f ms", n, node.pid(), node.hostHeader(), node.readyMillis());
            }
            ProcStats.Probe probe = new ProcStats.Probe(s.server().pid(), pg.name(),
                    nodes.stream().skip(1).mapToLong(ServerProcess::pid).toArray());
            for (ServerProcess node : nodes) {
                warmUp(s, node, probe, chains);
            }
            for (int round = 1; round <= ROUNDS; round++) {
                for (int n = 1; n <= MAX_NODES; n++) {
                    int count = n;
                    List<ServerProcess> active = List.copyOf(nodes.subList(0, n));
                    String label = n + (n == 1 ? "-node" : "-nodes") + "-round-" + round;
                    ClosedLoop.Result meResult = s.add(s.run("me-" + label, s.concurrency(),
                            w -> active.get(w % count).address(), probe, w -> meClient(s, active.get(w % count), w)));
                    s.log("%s", Results.describe(meResult));
                    ClosedLoop.Result refreshResult = s.add(s.run("refresh-" + label, s.concurrency(),
                            w -> active.get(w % count).address(), probe,
                            w -> new Chain(s, active.get(w % count), s.users().get(w % s.users().size()), chains, w)));
                    s.log("%s", Results.describe(refreshResult));
                    me.computeIfAbsent(n, k -> new ArrayList<>()).add(meResult.okPerSecondMean());
                    refresh.computeIfAbsent(n, k -> new ArrayList<>()).add(refreshResult.okPerSecondMean());
                }
            }
        } finally {
            for (ServerProcess node : nodes.subList(1, nodes.size())) {
                node.stop();
            }
        }
        s.put("nodes", started);
        s.reference().put("kind", "ratio to one node");
        s.reference().put("description", "median ok/s over " + ROUNDS + " rounds with the load on n of the "
                + MAX_NODES + " server processes on one PostgreSQL database, over the median with the load on one;"
                + " the same C connections spread evenly over the n processes; every process, PostgreSQL and the load"
                + " generator share the machine's cores, so this is the cost of more processes, not a speed-up");
        s.reference().put("meOkPerSecond", medians(me));
        s.reference().put("refreshOkPerSecond", medians(refresh));
        s.reference().put("meRatio", ratios(medians(me)));
        s.reference().put("refreshRatio", ratios(medians(refresh)));
        s.reference().put("ratio", ratios(medians(refresh)).get(Integer.toString(MAX_NODES)));
    }

    private static Map<String, Object> medians(Map<Integer, List<Double>> okPerSecond) {
        Map<String, Object> medians = new LinkedHashMap<>();
        okPerSecond.forEach((n, values) -> medians.put(Integer.toString(n),
                Json.round(Results.median(values.stream().mapToDouble(Double::doubleValue).toArray()))));
        return medians;
    }

    /**
     * One node alone, for the warm-up period, not recorded: even workers read /v1/me, odd ones refresh (their chains
     * go on), so that every node's JIT has seen both routes before the first measured phase.
     */
    private static void warmUp(LoadSession s, ServerProcess node, ProcStats.Probe probe, String[] chains) {
        ClosedLoop.Result warm = ClosedLoop.run("warm-up", w -> node.address(), probe, s.concurrency(),
                java.time.Duration.ZERO, s.warmup(), MAX_REQUESTS_PER_WORKER, w -> w % 2 == 0 ? meClient(s, node, w)
                        : new Chain(s, node, s.users().get(w % s.users().size()), chains, w), 0);
        s.log("warm-up of port %s: %d requests, %d errors", node.hostHeader(), warm.completed(), warm.errorCount());
    }

    private static Map<String, Object> ratios(Map<String, Object> okPerSecond) {
        double one = ((Number) okPerSecond.get("1")).doubleValue();
        Map<String, Object> ratios = new LinkedHashMap<>();
        okPerSecond.forEach((n, ok) -> ratios.put(n, Json.round(((Number) ok).doubleValue() / one)));
        return ratios;
    }

    /** GET /v1/me with the prepared users' access tokens in turn, on one node. */
    private static ClosedLoop.Client meClient(LoadSession s, ServerProcess node, int worker) {
        byte[][] requests = s.users().stream().map(u -> s.tenant().get(node.hostHeader(), "/v1/me", u.token()))
                .toArray(byte[][]::new);
        int concurrency = s.concurrency();
        return new ClosedLoop.Client() {
            @Override
            public ClosedLoop.Step next(long step) {
                return new ClosedLoop.Step("me", requests[(int) ((worker + step * concurrency) % requests.length)]);
            }

            @Override
            public String answer(ClosedLoop.Step step, HttpConnection.Response response) {
                if (response.status() != 200) {
                    return "HTTP " + response.status() + " on me";
                }
                return response.bodyText().contains("\"email\"") ? null : "unexpected body on me";
            }
        };
    }

    /**
     * A worker's refresh-token chain on one node, kept in {@code chains[worker]} from phase to phase; after a failed
     * refresh it signs in again for a new chain.
     */
    private static final class Chain implements ClosedLoop.Client {
        private final LoadSession session;
        private final ServerProcess node;
        private final Users.User user;
        private final String[] chains;
        private final int worker;
        private boolean broken;

        Chain(LoadSession session, ServerProcess node, Users.User user, String[] chains, int worker) {
            this.session = session;
            this.node = node;
            this.user = user;
            this.chains = chains;
            this.worker = worker;
        }

        @Override
        public ClosedLoop.Step next(long step) {
            if (broken) {
                return new ClosedLoop.Step("signin", session.tenant().credentials(node.hostHeader(), "/v1/auth/signin",
                        user.email(), user.password()));
            }
            return new ClosedLoop.Step("refresh", session.tenant().post(node.hostHeader(), "/v1/auth/refresh",
                    Json.object().put("refreshToken", chains[worker])));
        }

        @Override
        public String answer(ClosedLoop.Step step, HttpConnection.Response response) {
            if (response.status() != 200) {
                broken = true;
                return "HTTP " + response.status() + " on " + step.kind();
            }
            JsonNode body = Json.parse(response.bodyText());
            String next = Json.text(body, "refreshToken");
            if (next == null) {
                broken = true;
                return "unexpected body on " + step.kind();
            }
            chains[worker] = next;
            broken = false;
            return null;
        }

        @Override
        public void failed(ClosedLoop.Step step) {
            broken = true;
        }
    }
}
