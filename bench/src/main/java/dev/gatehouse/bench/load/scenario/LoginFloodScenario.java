package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.HttpConnection;
import dev.gatehouse.bench.load.runner.Json;
import dev.gatehouse.bench.load.runner.LoadOptions;
import dev.gatehouse.bench.load.runner.LoadScenario;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Results;
import dev.gatehouse.bench.load.runner.Users;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code login-flood}: GET /me alone, then GET /me while POST /login is offered at {@value LoadOptions#FLOOD_FACTOR}
 * x the hash capacity (or --flood-rate), against the same server process: shed 503s, the longest admitted
 * login, and /me p99 alone and during the flood.
 */
final class LoginFloodScenario extends LoadScenario {
    LoginFloodScenario() {
        super("login-flood");
    }

    @Override
    protected void drive(LoadSession s) {
        Map<String, Object> hash = HashTiming.measureHash(s.harness().options().server().bcryptCost(), true);
        int threads = s.harness().hashThreads();
        double capacity = threads * 1000.0 / HashTiming.medianMillis(hash);
        int floodRate = s.harness().options().load().floodRate();
        double offered = floodRate > 0 ? floodRate : LoadOptions.FLOOD_FACTOR * capacity;
        ClosedLoop.Result alone = s.add(Phases.me(s, "me"));
        s.log("%s", Results.describe(alone));
        ClosedLoop.Result[] flood = new ClosedLoop.Result[1];
        RuntimeException[] floodFailed = new RuntimeException[1];
        Thread floodThread = Thread.ofPlatform().name("login-flood").start(() -> {
            try {
                flood[0] = floodPhase(s, offered);
            } catch (RuntimeException e) {
                floodFailed[0] = e;
            }
        });
        ClosedLoop.Result during = Phases.me(s, "me-during-flood");
        Users.joinAll(List.of(floodThread), System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
        if (floodFailed[0] != null) {
            throw floodFailed[0];
        }
        s.add(flood[0]);
        s.add(during);
        s.log("%s", Results.describe(flood[0]));
        Map<String, Object> figures = floodFigures(s, new Offer(threads, capacity, offered), flood[0], alone, during);
        s.put("flood", figures);
        s.reference().put("kind", "me p99 during the flood / me p99 alone");
        s.reference().put("description", "GET /me alone, then GET /me while POST /login is offered at "
                + LoadOptions.FLOOD_FACTOR + " x the hash capacity (hash threads / one bcrypt verification, measured"
                + " in-process in the same run), against the same server process");
        s.reference().put("hash", hash);
        s.reference().put("ratio", Json.round(during.percentileMillis(99) / alone.percentileMillis(99)));
        s.log("flood: %s", figures);
    }

    /** The logins a second offered, and the hash capacity they were derived from. */
    private record Offer(int hashThreads, double capacity, double perSecond) {
    }

    /** The {@code flood} field of the result: what was offered, sent, served and shed, and /me alone and during. */
    private static Map<String, Object> floodFigures(LoadSession s, Offer offer, ClosedLoop.Result flood,
                                                    ClosedLoop.Result alone, ClosedLoop.Result during) {
        ClosedLoop.KindResult logins = flood.byKind().get("login");
        long shed = flood.errors().getOrDefault("HTTP 503", 0L);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("hashThreads", offer.hashThreads());
        f.put("hashCapacityPerSecond", Json.round(offer.capacity()));
        f.put("offeredLoginsPerSecond", Json.round(offer.perSecond()));
        f.put("sentLoginsPerSecond", Json.round(flood.completed() / (s.measured().toNanos() / 1e9)));
        f.put("servedLoginsPerSecond", Json.round(flood.okPerSecondMean()));
        f.put("servedToCapacity", Json.round(flood.okPerSecondMean() / offer.capacity()));
        f.put("shed503", shed);
        f.put("shed503WithoutRetryAfter", flood.errors().getOrDefault("503 without Retry-After", 0L));
        f.put("otherErrors", flood.errorCount() - shed);
        f.put("loginMaxMillis", logins == null ? null : Json.round(logins.latencyMicros().getMaxValue() / 1000.0));
        f.put("loginP99Millis", logins == null ? null : Json.round(logins.percentileMillis(99)));
        f.put("meP99AloneMillis", Json.round(alone.percentileMillis(99)));
        f.put("meP99DuringFloodMillis", Json.round(during.percentileMillis(99)));
        f.put("meMaxDuringFloodMillis", Json.round(during.latencyMicros().getMaxValue() / 1000.0));
        f.put("meOkPerSecondAlone", Json.round(alone.okPerSecondMean()));
        f.put("meOkPerSecondDuringFlood", Json.round(during.okPerSecondMean()));
        return f;
    }

    /**
     * POST /login offered at {@code perSecond} by paced workers (an open-loop-like flood: a worker that is
     * behind sends at once). 503 is expected for the excess and is counted, with or without Retry-After.
     */
    private static ClosedLoop.Result floodPhase(LoadSession s, double perSecond) {
        byte[][] requests = Phases.logins(s);
        // Enough workers that admitted logins (waiting up to about a second) do not slow the offered rate.
        int workers = (int) Math.min(512, Math.max(16, Math.ceil(perSecond * 1.5)));
        return s.run("login-flood", workers, worker -> new ClosedLoop.Client() {
            @Override
            public ClosedLoop.Step next(long step) {
                return new ClosedLoop.Step("login", requests[(int) ((worker + step * 7) % requests.length)]);
            }

            @Override
            public String answer(ClosedLoop.Step step, HttpConnection.Response response) {
                if (response.status() == 503) {
                    return response.retryAfter() == null ? "503 without Retry-After" : "HTTP 503";
                }
                return response.status() == 200 ? Users.tokenProblem(response) : "HTTP " + response.status();
            }
        }, perSecond);
    }
}
