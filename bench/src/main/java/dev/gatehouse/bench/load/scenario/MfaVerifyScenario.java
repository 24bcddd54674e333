package dev.gatehouse.bench.load.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.HttpConnection;
import dev.gatehouse.bench.load.runner.Json;
import dev.gatehouse.bench.load.runner.LoadScenario;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.Results;
import dev.gatehouse.bench.load.runner.Users;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mfa-verify}: the second step of a sign-in, {@code POST /v1/auth/mfa/verify}, against
 * {@code POST /v1/auth/refresh} on the same server process; the reference is the ratio verify / refresh. Neither
 * route hashes a password: the figure says what the second step costs beside the cheapest route that also opens
 * (rotates) a session.
 *
 * <p>Every verify spends its {@code mfaToken}, and each token costs a password sign-in (one bcrypt verification,
 * ~50 ms of a core at cost 10). So the verifies cannot run in a closed loop for a fixed time like the other
 * scenarios: at ~1,000 verifies/s the tokens would have to come 50 times faster than bcrypt makes them. Instead:
 * <ol>
 *   <li>Set-up, not timed: {@code max(--users, C)} users sign up, prove their address (the verification mail
 *       reaches the harness's local SMTP sink, {@link LoadScenario#receivesMail}; prod mode has no dev mailbox),
 *       sign in again (proving the address ends the sign-up's session), enrol TOTP ({@code POST /v1/me/mfa/totp},
 *       then {@code .../confirm} with the code the bench computes, {@link Totp}) and keep their 10 recovery codes.
 *       Then each user signs in {@value #TOKENS_PER_USER} times with the password: one {@code mfaToken} per
 *       code the user can spend once. A code can be used once: a TOTP code only for a time step later than the
 *       last one accepted (so one per user here, for the step after the current one, which the server accepts),
 *       a recovery code once.</li>
 *   <li>{@code refresh}: the refresh chains of the harness's own users ({@link NativeClient}), warm-up then the
 *       measured period, exactly as the {@code refresh} scenario.</li>
 *   <li>{@code mfa-verify-warmup}: {@value #WARMUP_CODES} recovery codes per user, spent as fast as C workers can,
 *       discarded (JIT).</li>
 *   <li>{@code mfa-verify}, measured: the rest, one TOTP code and {@value #MEASURED_RECOVERY_CODES} recovery codes
 *       per user, spread evenly over the C workers, which stop when their tokens are spent. Its rate is ok
 *       answers over the time from the first send to the last answer (a burst, not a fixed period: a few hundred
 *       requests, 1.5–1.8 s here with {@code --users 50}; more {@code --users} make it longer, at ~0.7 s of
 *       bcrypt set-up per user). {@code byKind} gives TOTP and recovery-code latencies apart.</li>
 * </ol>
 * The tokens live 5 minutes: they are made last, and the set-up gives up past 4 minutes of making them.
 * Every rate limit is raised as for every scenario, {@code mfaCodesPerUser} included (a right code resets that
 * count anyway).
 */
final class MfaVerifyScenario extends LoadScenario {
    static final int RECOVERY_CODES = 10;
    static final int TOKENS_PER_USER = 1 + RECOVERY_CODES;
    static final int WARMUP_CODES = 4;
    static final int MEASURED_RECOVERY_CODES = RECOVERY_CODES - WARMUP_CODES;
    private static final Pattern VERIFICATION_CODE = Pattern.compile("confirmation code: (\\S+)");
    private static final long TOKEN_MAKING_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(4);

    MfaVerifyScenario() {
        super("mfa-verify");
    }

    @Override
    protected Users.Api users() {
        return Users.Api.NATIVE;
    }

    @Override
    protected boolean receivesMail() {
        return true;
    }

    /** A user with TOTP on: its app, its recovery codes, and the {@code mfaToken}s of its sign-ins. */
    private record MfaUser(Users.User user, Totp app, List<String> recoveryCodes, List<String> mfaTokens) {
    }

    /** One verify to send: a user's token with the TOTP code of the coming step (recoveryCode null) or a recovery code. */
    private record Verify(MfaUser user, String mfaToken, String recoveryCode) {
    }

    @Override
    protected void drive(LoadSession s) {
        int count = Math.max(s.users().size(), s.concurrency());
        long t = System.nanoTime();
        List<MfaUser> users = prepare(s, count, (c, i) -> enrol(s, c, i));
        double enrolSeconds = (System.nanoTime() - t) / 1e9;
        s.log("%d users signed up, proved their address and enrolled TOTP in %.1f s", users.size(), enrolSeconds);
        long tokensFrom = System.nanoTime();
        prepare(s, users.size(), (c, i) -> signInForTokens(s, c, users.get(i), tokensFrom));
        double tokenSeconds = (System.nanoTime() - tokensFrom) / 1e9;
        s.log("%d mfaTokens made by password sign-ins in %.1f s", users.size() * TOKENS_PER_USER, tokenSeconds);

        ClosedLoop.Result refresh = s.add(NativeClient.phase(s, "refresh", worker -> step -> 9));
        s.log("%s", Results.describe(refresh));
        List<Verify> warmup = new ArrayList<>();
        List<Verify> measured = new ArrayList<>();
        // Codes in rounds over the users, so that each worker's share mixes users and the TOTP codes come first.
        for (int k = 0; k < TOKENS_PER_USER; k++) {
            for (MfaUser u : users) {
                String token = u.mfaTokens().get(k);
                if (k < WARMUP_CODES) {
                    warmup.add(new Verify(u, token, u.recoveryCodes().get(k)));
                } else if (k == WARMUP_CODES) {
                    measured.add(new Verify(u, token, null));
                } else {
                    measured.add(new Verify(u, token, u.recoveryCodes().get(k - 1)));
                }
            }
        }
        ClosedLoop.Result warm = s.add(burst(s, "mfa-verify-warmup", warmup));
        s.log("%s", Results.describe(warm));
        ClosedLoop.Result verify = s.add(burst(s, "mfa-verify", measured));
        double tokenAge = (System.nanoTime() - tokensFrom) / 1e9;

        s.put("mfa", mfaDetails(users.size(), enrolSeconds, tokenSeconds, tokenAge));
        s.reference().put("kind", "ratio to refresh");
        s.reference().put("description", "POST /v1/auth/mfa/verify ok/s (a burst spending pre-made mfaTokens) / POST"
                + " /v1/auth/refresh ok/s (closed loop, fixed period), same server process, refresh first; neither"
                + " hashes a password");
        s.reference().put("refreshOkPerSecond", Json.round(refresh.okPerSecondMean()));
        s.reference().put("verifyOkPerSecond", Json.round(verify.okPerSecondMean()));
        s.reference().put("ratio", Json.round(verify.okPerSecondMean() / refresh.okPerSecondMean()));
    }

    private static Map<String, Object> mfaDetails(int users, double enrolSeconds, double tokenSeconds, double tokenAge) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("users", users);
        d.put("tokensPerUser", TOKENS_PER_USER);
        d.put("warmupVerifiesPerUser", WARMUP_CODES + " recovery codes");
        d.put("measuredVerifiesPerUser", "1 TOTP code + " + MEASURED_RECOVERY_CODES + " recovery codes");
        d.put("enrolSeconds", Json.round(enrolSeconds));
        d.put("tokenMakingSeconds", Json.round(tokenSeconds));
        d.put("oldestTokenAgeAtEndSeconds", Json.round(tokenAge));
        return d;
    }

    /** Spends {@code verifies} over C workers (each its even share, in order) until all are spent. */
    private static ClosedLoop.Result burst(LoadSession s, String name, List<Verify> verifies) {
        int workers = Math.min(s.concurrency(), verifies.size());
        return s.runUntilSpent(name, workers, worker -> new ClosedLoop.Client() {
            private int next = worker;

            @Override
            public ClosedLoop.Step next(long step) {
                if (next >= verifies.size()) {
                    return null;
                }
                Verify v = verifies.get(next);
                next += workers;
                if (v.recoveryCode() != null) {
                    return new ClosedLoop.Step("recovery_code", s.tenant().post(s.host(), "/v1/auth/mfa/verify",
                            Json.object().put("mfaToken", v.mfaToken()).put("recoveryCode", v.recoveryCode())));
                }
                // The step after the current one: accepted (one step either side is), and later than the step
                // of the enrolment's confirmation, the last one this user's app had used.
                String code = v.user().app().code(Totp.stepAt(System.currentTimeMillis()) + 1);
                return new ClosedLoop.Step("totp", s.tenant().post(s.host(), "/v1/auth/mfa/verify",
                        Json.object().put("mfaToken", v.mfaToken()).put("code", code)));
            }

            @Override
            public String answer(ClosedLoop.Step step, HttpConnection.Response response) {
                if (response.status() != 200) {
                    return "HTTP " + response.status() + " on " + step.kind();
                }
                // A cheap check on the hot path, as for refresh: the answer carries the new session's tokens.
                return response.bodyText().contains("\"refreshToken\"") ? null : "unexpected body on " + step.kind();
            }
        }, Duration.ofMinutes(2));
    }

    /** Signs up user {@code i}, proves the address through the mail sink, signs in again and turns TOTP on. */
    private static MfaUser enrol(LoadSession s, HttpConnection c, int i) throws IOException {
        String email = "mfa-" + s.harness().runId() + "-" + i + "@bench.example.com";
        String password = "mfa-password-" + s.harness().runId() + "-" + i;
        JsonNode signedUp = expect(c, s.tenant().credentials(s.host(), "/v1/auth/signup", email, password), 201, "sign-up");
        expect(c, s.tenant().post(s.host(), "/v1/auth/email/verify/send", Json.text(signedUp, "accessToken"), null),
                202, "verification mail");
        Matcher code = VERIFICATION_CODE.matcher(s.mail().await(email, "confirmation code: ", 60_000));
        if (!code.find()) {
            throw new IllegalStateException("no confirmation code in the verification mail to " + email);
        }
        expect(c, s.tenant().post(s.host(), "/v1/auth/email/verify", Json.object().put("code", code.group(1))), 200,
                "address proof");
        // Proving the address ended the sign-up's session: a new one, inside the step-up window enrolment needs.
        String access = Json.text(expect(c, s.tenant().credentials(s.host(), "/v1/auth/signin", email, password), 200,
                "sign-in before enrolment"), "accessToken");
        Totp app = new Totp(Json.text(expect(c, s.tenant().post(s.host(), "/v1/me/mfa/totp", access, null), 200,
                "TOTP enrolment"), "secret"));
        JsonNode confirmed = expect(c, s.tenant().post(s.host(), "/v1/me/mfa/totp/confirm", access,
                Json.object().put("code", app.code(Totp.stepAt(System.currentTimeMillis())))), 200, "TOTP confirmation");
        List<String> recovery = new ArrayList<>();
        confirmed.path("recoveryCodes").forEach(r -> recovery.add(r.asText()));
        if (recovery.size() != RECOVERY_CODES) {
            throw new IllegalStateException("confirming TOTP answered " + recovery.size() + " recovery codes");
        }
        return new MfaUser(new Users.User(email, password, access, null), app, List.copyOf(recovery),
                Collections.synchronizedList(new ArrayList<>()));
    }

    /** {@value #TOKENS_PER_USER} password sign-ins of {@code u}, each answering an {@code mfaToken}. */
    private static MfaUser signInForTokens(LoadSession s, HttpConnection c, MfaUser u, long tokensFrom)
            throws IOException {
        for (int k = 0; k < TOKENS_PER_USER; k++) {
            if (System.nanoTime() - tokensFrom > TOKEN_MAKING_LIMIT_NANOS) {
                throw new IllegalStateException("making mfaTokens took over 4 minutes; they live 5: use fewer --users");
            }
            JsonNode answer = expect(c, s.tenant().credentials(s.host(), "/v1/auth/signin", u.user().email(),
                    u.user().password()), 200, "sign-in for an mfaToken");
            String token = Json.text(answer, "mfaToken");
            if (token == null || !answer.path("mfaRequired").asBoolean()) {
                throw new IllegalStateException("sign-in of a user with TOTP on answered no mfaToken: " + answer);
            }
            u.mfaTokens().add(token);
        }
        return u;
    }

    /** What prepares one user of {@link #prepare}, over the connection of its thread. */
    private interface Preparation {
        MfaUser prepare(HttpConnection connection, int index) throws IOException;
    }

    /** Runs {@code preparation} for indexes 0..count-1, 4 at a time (bcrypt-bound), within 5 minutes; in index order. */
    private static List<MfaUser> prepare(LoadSession s, int count, Preparation preparation) {
        MfaUser[] prepared = new MfaUser[count];
        AtomicInteger next = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Math.min(4, count); t++) {
            threads.add(Thread.ofPlatform().daemon().name("mfa-prepare-" + t).start(() -> {
                try (HttpConnection connection = new HttpConnection(s.server().address(), 30_000)) {
                    int i;
                    while ((i = next.getAndIncrement()) < count && System.nanoTime() - deadline < 0
                            && failures.isEmpty()) {
                        try {
                            prepared[i] = preparation.prepare(connection, i);
                        } catch (IOException | RuntimeException e) {
                            failures.add(e.toString());
                        }
                    }
                }
            }));
        }
        Users.joinAll(threads, deadline + TimeUnit.SECONDS.toNanos(40));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("preparing the MFA users failed: " + failures.getFirst());
        }
        List<MfaUser> done = new ArrayList<>();
        for (MfaUser u : prepared) {
            if (u == null) {
                throw new IllegalStateException("prepared only part of the MFA users in time");
            }
            done.add(u);
        }
        return done;
    }

    /** Sends {@code request} (a 503 of the hashing pool is retried); the parsed answer when its status is {@code status}. */
    private static JsonNode expect(HttpConnection c, byte[] request, int status, String what) throws IOException {
        HttpConnection.Response r = Users.exchangeRetrying(c, request);
        if (r.status() != status) {
            throw new IllegalStateException(what + " answered " + r.status() + ": " + r.bodyText());
        }
        return r.bodyText().isEmpty() ? Json.object() : Json.parse(r.bodyText());
    }
}
