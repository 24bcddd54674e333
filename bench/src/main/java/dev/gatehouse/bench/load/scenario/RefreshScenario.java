package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.Json;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Users;

/** {@code refresh}: bare, then each worker rotates its own user's refresh-token chain (POST /v1/auth/refresh). */
final class RefreshScenario extends RatioToBareScenario {
    RefreshScenario() {
        super("refresh", Users.Api.NATIVE);
    }

    @Override
    ClosedLoop.Result measure(LoadSession s) {
        return NativeClient.phase(s, worker -> step -> 9);
    }

    @Override
    void more(LoadSession s, ClosedLoop.Result phase) {
        s.reference().put("target", "at least 500 refreshes/s on PostgreSQL (issues 5 and 7)");
        s.reference().put("ratioToTarget500", Json.round(phase.okPerSecondMean() / 500));
    }
}
