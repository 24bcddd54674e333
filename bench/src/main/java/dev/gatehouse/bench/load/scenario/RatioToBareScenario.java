package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.LoadScenario;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Results;
import dev.gatehouse.bench.load.runner.Users;

/** A scenario measured after {@code bare} against the same server process, its reference the ratio of the two. */
abstract class RatioToBareScenario extends LoadScenario {
    private final Users.Api users;

    RatioToBareScenario(String name, Users.Api users) {
        super(name);
        this.users = users;
    }

    @Override
    protected final Users.Api users() {
        return users;
    }

    /** The scenario's own phase. */
    abstract ClosedLoop.Result measure(LoadSession s);

    @Override
    protected final void drive(LoadSession s) {
        ClosedLoop.Result bare = s.add(Phases.bare(s));
        s.log("%s", Results.describe(bare));
        ClosedLoop.Result phase = s.add(measure(s));
        Phases.ratioToBare(s, bare, phase);
        more(s, phase);
    }

    /** Further reference fields; none unless overridden. */
    void more(LoadSession s, ClosedLoop.Result phase) {
    }
}
