package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Users;
import java.util.function.IntFunction;
import java.util.function.LongToIntFunction;

/** {@code mixed}: bare, then per worker 90% GET /v1/me, 9% refresh, 1% sign-in, each worker keeping its own tokens. */
final class MixedScenario extends RatioToBareScenario {
    /** The mix of each worker: per step 0 (sign in), 1–9 (refresh) or more (GET /v1/me), as {@link NativeClient} reads it. */
    static final IntFunction<LongToIntFunction> MIX = worker -> step -> (int) ((step * 37 + worker * 11L) % 100);

    MixedScenario() {
        super("mixed", Users.Api.NATIVE);
    }

    @Override
    ClosedLoop.Result measure(LoadSession s) {
        return NativeClient.phase(s, MIX);
    }
}
