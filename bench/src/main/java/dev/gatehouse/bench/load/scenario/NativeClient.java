package dev.gatehouse.bench.load.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.HttpConnection;
import dev.gatehouse.bench.load.runner.Json;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Users;
import java.util.function.IntFunction;
import java.util.function.LongToIntFunction;

/**
 * A worker of the native API: per step, {@code pick} gives 0 (sign in), 1–9 (refresh) or more (GET /v1/me).
 * It holds its user's current access and refresh tokens and replaces them from every answer that carries
 * them; after a failed refresh it signs in again, since the chain may be broken.
 */
final class NativeClient implements ClosedLoop.Client {
    private final LoadSession session;
    private final Users.User user;
    private final LongToIntFunction pick;
    private String access;
    private String refresh;
    private boolean broken;

    NativeClient(LoadSession session, Users.User user, LongToIntFunction pick) {
        this.session = session;
        this.user = user;
        this.pick = pick;
        this.access = user.token();
        this.refresh = user.refreshToken();
    }

    /** A phase named after the scenario: each worker a client of its own user, {@code pick} giving its mix. */
    static ClosedLoop.Result phase(LoadSession s, IntFunction<LongToIntFunction> pick) {
        return phase(s, s.name(), pick);
    }

    /** The same, the phase named {@code name}. */
    static ClosedLoop.Result phase(LoadSession s, String name, IntFunction<LongToIntFunction> pick) {
        return s.run(name, s.concurrency(), worker -> new NativeClient(s, s.users().get(worker % s.users().size()),
                pick.apply(worker)), 0);
    }

    @Override
    public ClosedLoop.Step next(long step) {
        int p = pick.applyAsInt(step);
        if (broken || p == 0) {
            return new ClosedLoop.Step("signin", session.tenant().credentials(session.host(), "/v1/auth/signin",
                    user.email(), user.password()));
        }
        if (p < 10) {
            return new ClosedLoop.Step("refresh", session.tenant().post(session.host(), "/v1/auth/refresh",
                    Json.object().put("refreshToken", refresh)));
        }
        return new ClosedLoop.Step("me", session.tenant().get(session.host(), "/v1/me", access));
    }

    @Override
    public String answer(ClosedLoop.Step step, HttpConnection.Response response) {
        if (response.status() != 200) {
            if (response.status() == 503 && step.kind().equals("signin")) {
                // Shed by the hashing pool: the tokens held are still good. A client that needs the
                // sign-in (its chain broke) waits as Retry-After says rather than asking again at once.
                if (broken) {
                    Users.pause(1000L * Math.max(1, Users.parseIntOr(response.retryAfter(), 1)));
                }
            } else if (!step.kind().equals("me")) {
                broken = true;
            }
            return "HTTP " + response.status() + " on " + step.kind();
        }
        if (step.kind().equals("me")) {
            // A cheap check on the hot path, as for GET /me: a user answer names its e-mail.
            return response.bodyText().contains("\"email\"") ? null : "unexpected body on me";
        }
        JsonNode body = Json.parse(response.bodyText());
        String nextAccess = Json.text(body, "accessToken");
        String nextRefresh = Json.text(body, "refreshToken");
        if (nextAccess == null || nextRefresh == null) {
            broken = true;
            return "unexpected body on " + step.kind();
        }
        access = nextAccess;
        refresh = nextRefresh;
        broken = false;
        return null;
    }

    @Override
    public void failed(ClosedLoop.Step step) {
        if (!step.kind().equals("me")) {
            broken = true;
        }
    }
}
