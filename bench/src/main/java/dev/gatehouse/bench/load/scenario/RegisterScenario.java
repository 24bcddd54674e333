package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Users;

/** {@code register}: POST /register with fresh e-mails; bound by bcrypt hashing. No users prepared. */
final class RegisterScenario extends HashBoundScenario {
    RegisterScenario() {
        super("register", false);
    }

    @Override
    protected Users.Api users() {
        return Users.Api.NONE;
    }

    @Override
    byte[] sequentialRequest(LoadSession s, int i) {
        return s.tenant().credentials(s.host(), "/register",
                "seq-" + s.harness().runId() + "-" + i + "@bench.example.com", "sequential-" + i);
    }

    @Override
    ClosedLoop.Result measure(LoadSession s) {
        String runId = s.harness().runId();
        return s.run("register", (worker, step) -> s.tenant().credentials(s.host(), "/register",
                "load-" + runId + "-w" + worker + "-" + step + "@bench.example.com", "load-password-" + step),
                Users::tokenProblem);
    }
}
