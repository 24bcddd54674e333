package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.HttpConnection;
import dev.gatehouse.bench.load.runner.Json;
import dev.gatehouse.bench.load.runner.LoadSession;

/** The phases several scenarios share: bare, GET /me, and the login requests of the prepared users. */
final class Phases {
    private Phases() {
    }

    /** GET /health/live: no tenant, no token, no database. */
    static ClosedLoop.Result bare(LoadSession s) {
        byte[] request = HttpConnection.request("GET", "/health/live", s.host(), new String[0], null);
        return s.run("bare", (worker, step) -> request, r -> r.bodyText().contains("\"up\"") ? null : "unexpected body");
    }

    /** GET /me with the compat tokens of the prepared users, in turn. */
    static ClosedLoop.Result me(LoadSession s, String name) {
        byte[][] requests = s.users().stream().map(u -> s.tenant().get(s.host(), "/me", u.token())).toArray(byte[][]::new);
        int concurrency = s.concurrency();
        // A cheap check on the hot path: a user answer names its e-mail (parsing it would take cores from the server).
        return s.run(name, (worker, step) -> requests[(int) ((worker + step * concurrency) % requests.length)],
                r -> r.bodyText().contains("\"email\"") ? null : "unexpected body");
    }

    /** POST /login with the right password, one request per prepared user. */
    static byte[][] logins(LoadSession s) {
        return s.users().stream().map(u -> s.tenant().credentials(s.host(), "/login", u.email(), u.password()))
                .toArray(byte[][]::new);
    }

    /** The reference of a scenario measured after bare against the same server: its throughput over bare's. */
    static void ratioToBare(LoadSession s, ClosedLoop.Result bare, ClosedLoop.Result phase) {
        s.reference().put("kind", "ratio to bare");
        s.reference().put("description", s.name() + " throughput / bare throughput, both measured against the same"
                + " server process, bare first");
        s.reference().put("bareOkPerSecond", Json.round(bare.okPerSecondMean()));
        s.reference().put("ratio", Json.round(phase.okPerSecondMean() / bare.okPerSecondMean()));
    }
}
