package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.LoadScenario;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Users;

/** {@code bare}: GET /health/live, the ceiling of this server on this machine; the others are compared to it. */
final class BareScenario extends LoadScenario {
    BareScenario() {
        super("bare");
    }

    @Override
    protected Users.Api users() {
        return Users.Api.NONE;
    }

    @Override
    protected void drive(LoadSession s) {
        s.add(Phases.bare(s));
        s.reference().put("kind", "ceiling");
        s.reference().put("description", "GET /health/live: no tenant, no token, no database; the other"
                + " scenarios are compared to it");
        s.reference().put("ratio", 1);
    }
}
