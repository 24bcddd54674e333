package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Users;

/** {@code mixed}: bare, then per worker 90% GET /v1/me, 9% refresh, 1% sign-in, each worker keeping its own tokens. */
final class MixedScenario extends RatioToBareScenario {
    MixedScenario() {
        super("mixed", Users.Api.NATIVE);
    }

    @Override
    ClosedLoop.Result measure(LoadSession s) {
        return NativeClient.phase(s, worker -> step -> (int) ((step * 37 + worker * 11L) % 100));
    }
}
