package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Users;

/** {@code me}: bare, then GET /me with valid tokens of the prepared users, against the same server process. */
final class MeScenario extends RatioToBareScenario {
    MeScenario() {
        super("me", Users.Api.COMPAT);
    }

    @Override
    ClosedLoop.Result measure(LoadSession s) {
        return Phases.me(s, "me");
    }
}
