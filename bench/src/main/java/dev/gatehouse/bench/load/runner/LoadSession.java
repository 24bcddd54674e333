package dev.gatehouse.bench.load.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a {@link LoadScenario} against a started server: what the scenario needs to drive it (the
 * server, the tenant, the prepared users, the periods) and what it measured (phases, reference, noise).
 */
public final class LoadSession {
    /** Requests a worker may send in one phase at most: a bound, far above what 2 cores can serve. */
    private static final long MAX_REQUESTS_PER_WORKER = 50_000_000L;

    private final Harness harness;
    private final String scenario;
    private final String db;
    private final ServerProcess server;
    private final ServerDatabase database;
    private final ProcStats.Probe probe;
    private final BenchTenant tenant;
    private final List<Users.User> users;
    private final MailSink mail;
    private final ClosedLoop.Setup setup;
    private final Map<String, Object> result;
    private final List<ClosedLoop.Result> phases = new ArrayList<>();
    private final Map<String, Object> reference = new LinkedHashMap<>();
    private double noise;

    LoadSession(Harness harness, String scenario, String db, ServerProcess server, ServerDatabase database,
                ProcStats.Probe probe, BenchTenant tenant, List<Users.User> users, MailSink mail, ClosedLoop.Setup setup,
                Map<String, Object> result) {
        this.harness = harness;
        this.scenario = scenario;
        this.db = db;
        this.server = server;
        this.database = database;
        this.probe = probe;
        this.tenant = tenant;
        this.users = users;
        this.mail = mail;
        this.setup = setup;
        this.result = result;
    }

    /** A closed loop of the session's concurrency over the same request maker for every worker. */
    public ClosedLoop.Result run(String name, ClosedLoop.Requests requests, ClosedLoop.Check check) {
        return ClosedLoop.run(name, server.address(), probe, setup.concurrency(), setup.warmup(), setup.measured(),
                MAX_REQUESTS_PER_WORKER, requests, check);
    }

    /** {@code workers} workers with their own clients, paced at {@code pacedPerSecond} when above 0. */
    public ClosedLoop.Result run(String name, int workers, ClosedLoop.Clients clients, double pacedPerSecond) {
        return ClosedLoop.run(name, server.address(), probe, workers, setup.warmup(), setup.measured(),
                MAX_REQUESTS_PER_WORKER, clients, pacedPerSecond);
    }

    /**
     * {@code workers} workers with their own clients, each on the server process {@code serverOfWorker} names, the
     * cores counted by {@code probe} (which names every server process): for several processes on one database.
     */
    public ClosedLoop.Result run(String name, int workers, java.util.function.IntFunction<java.net.InetSocketAddress>
            serverOfWorker, ProcStats.Probe probe, ClosedLoop.Clients clients) {
        return ClosedLoop.run(name, serverOfWorker, probe, workers, setup.warmup(), setup.measured(),
                MAX_REQUESTS_PER_WORKER, clients, 0);
    }

    /**
     * {@code workers} workers with their own clients, no warm-up, until every client has run out of work (its
     * {@code next} answers null: a pool of single-use tokens, spent) or {@code bound} has passed.
     */
    public ClosedLoop.Result runUntilSpent(String name, int workers, ClosedLoop.Clients clients, Duration bound) {
        return ClosedLoop.run(name, server.address(), probe, workers, Duration.ZERO, bound, MAX_REQUESTS_PER_WORKER,
                clients, 0);
    }

    /** Keeps a phase for the result (in the order added; the last one is the scenario's own). */
    public ClosedLoop.Result add(ClosedLoop.Result phase) {
        phases.add(phase);
        return phase;
    }

    /** The reference ratio of the result and how it was computed ({@code kind}, {@code description}, {@code ratio}). */
    public Map<String, Object> reference() {
        return reference;
    }

    /** Other processes used {@code cores} during a measured part that is not a phase (the hash timing). */
    public void noise(double cores) {
        noise = Math.max(noise, cores);
    }

    /** A further top-level field of the result (login-flood's {@code flood}). */
    public void put(String field, Object value) {
        result.put(field, value);
    }

    public void log(String format, Object... args) {
        Harness.log(scenario, db, format, args);
    }

    public String name() {
        return scenario;
    }

    public ServerProcess server() {
        return server;
    }

    /** The database the server runs on (more server processes may be started on it: the {@code nodes} scenario). */
    public ServerDatabase database() {
        return database;
    }

    public String host() {
        return server.hostHeader();
    }

    public ProcStats.Probe probe() {
        return probe;
    }

    public BenchTenant tenant() {
        return tenant;
    }

    public List<Users.User> users() {
        return users;
    }

    /** The mail the server sent, when the scenario {@link LoadScenario#receivesMail receives mail}; else null. */
    public MailSink mail() {
        return mail;
    }

    public int concurrency() {
        return setup.concurrency();
    }

    public Duration measured() {
        return setup.measured();
    }

    public Duration warmup() {
        return setup.warmup();
    }

    public Harness harness() {
        return harness;
    }

    List<ClosedLoop.Result> phases() {
        return phases;
    }

    double noise() {
        double n = noise;
        for (ClosedLoop.Result phase : phases) {
            n = Math.max(n, phase.cores() == null ? 0 : phase.cores().other());
        }
        return n;
    }
}
