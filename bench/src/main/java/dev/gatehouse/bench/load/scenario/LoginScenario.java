package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Users;

/** {@code login}: POST /login with the right password of the prepared users; bound by bcrypt verification. */
final class LoginScenario extends HashBoundScenario {
    LoginScenario() {
        super("login", true);
    }

    @Override
    byte[] sequentialRequest(LoadSession s, int i) {
        Users.User u = s.users().get(i % s.users().size());
        return s.tenant().credentials(s.host(), "/login", u.email(), u.password());
    }

    @Override
    ClosedLoop.Result measure(LoadSession s) {
        byte[][] requests = Phases.logins(s);
        int concurrency = s.concurrency();
        return s.run("login", (worker, step) -> requests[(int) ((worker + step * concurrency) % requests.length)],
                Users::tokenProblem);
    }
}
