package dev.gatehouse.bench.load.runner;

import java.util.Map;

/**
 * A scenario that drives load at one server: {@link Harness#runLoad} starts the server on a fresh database,
 * creates the benchmark tenant, prepares the users of {@link #users}, then calls {@link #drive}, which runs
 * the phases and fills in the reference ratio; the harness stops the server and assembles the result.
 */
public abstract class LoadScenario implements Scenario {
    private final String name;

    protected LoadScenario(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Requests in flight when --concurrency does not say: 16 (bcrypt-bound scenarios use fewer). */
    protected int defaultConcurrency() {
        return 16;
    }

    /** Through which API the users are prepared beforehand (the compat one unless overridden). */
    protected Users.Api users() {
        return Users.Api.COMPAT;
    }

    /**
     * Whether the server sends this scenario's mail to a local SMTP sink ({@link LoadSession#mail}) instead of
     * sending none (GATEHOUSE_MAIL_DISABLED): for users who must prove their address. False unless overridden.
     */
    protected boolean receivesMail() {
        return false;
    }

    /** Runs the phases ({@link LoadSession#add}) and fills in {@link LoadSession#reference}. */
    protected abstract void drive(LoadSession session);

    @Override
    public final Map<String, Object> run(Harness harness, String db) {
        return harness.runLoad(this, db);
    }
}
