package dev.gatehouse.bench.load.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The users a scenario drives, prepared over HTTP before the measurement, with their tokens. */
public final class Users {
    private Users() {
    }

    /** A prepared user: credentials, an access token (a compat token for /register users), a refresh token or null. */
    public record User(String email, String password, String token, String refreshToken) {
    }

    /** The API users are prepared through: none, the compat one (POST /register) or the native one (signup). */
    public enum Api { NONE, COMPAT, NATIVE }

    /** Null when an answer is a compat token (a JSON string of a JWT), else a short error category. */
    public static String tokenProblem(HttpConnection.Response response) {
        String body = response.bodyText();
        return body.length() > 20 && body.startsWith("\"eyJ") && body.endsWith("\"") ? null : "unexpected body";
    }

    /** The compat token of an answer {@link #tokenProblem} accepted. */
    static String compatToken(HttpConnection.Response response) {
        return Json.parse(response.bodyText()).asText();
    }

    /**
     * Registers {@code count} users over HTTP, 4 at a time (bcrypt-bound), within a bounded time: through
     * POST /register (a compat token) or, with the native API, POST /v1/auth/signup (access and refresh token).
     */
    static List<User> register(ServerProcess server, BenchTenant tenant, String runId, int count, Api api) {
        boolean nativeApi = api == Api.NATIVE;
        User[] users = new User[count];
        AtomicInteger next = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Math.min(4, count); t++) {
            threads.add(Thread.ofPlatform().daemon().name("prepare-" + t).start(() -> {
                try (HttpConnection connection = new HttpConnection(server.address(), 30_000)) {
                    int i;
                    while ((i = next.getAndIncrement()) < count && System.nanoTime() - deadline < 0 && failures.size() < 10) {
                        String email = "user-" + runId + "-" + i + "@bench.example.com";
                        String password = "password-" + runId + "-" + i;
                        try {
                            HttpConnection.Response r = exchangeRetrying(connection, tenant.credentials(server.hostHeader(),
                                    nativeApi ? "/v1/auth/signup" : "/register", email, password));
                            JsonNode body = nativeApi ? Json.parse(r.bodyText()) : null;
                            if (nativeApi && r.status() == 201 && Json.text(body, "refreshToken") != null) {
                                users[i] = new User(email, password, Json.text(body, "accessToken"),
                                        Json.text(body, "refreshToken"));
                            } else if (!nativeApi && r.status() == 200 && tokenProblem(r) == null) {
                                users[i] = new User(email, password, compatToken(r), null);
                            } else {
                                failures.add("HTTP " + r.status() + " " + r.bodyText());
                            }
                        } catch (IOException e) {
                            failures.add(e.toString());
                        }
                    }
                }
            }));
        }
        joinAll(threads, deadline + TimeUnit.SECONDS.toNanos(40));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("registering users failed: " + failures.getFirst());
        }
        List<User> registered = Arrays.stream(users).filter(Objects::nonNull).toList();
        if (registered.size() != count) {
            throw new IllegalStateException("registered only " + registered.size() + " of " + count + " users in time");
        }
        return registered;
    }

    /** Signs in {@code count} users of the dataset (POST /login, one at a time) for their tokens. */
    static List<User> signIn(Dataset dataset, ServerProcess server, BenchTenant tenant, int count) {
        List<User> users = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try (HttpConnection connection = new HttpConnection(server.address(), 30_000)) {
            for (int i = 0; i < count && System.nanoTime() - deadline < 0; i++) {
                String email = dataset.email(i, count);
                HttpConnection.Response r = exchangeRetrying(connection,
                        tenant.credentials(server.hostHeader(), "/login", email, dataset.password()));
                if (r.status() != 200 || tokenProblem(r) != null) {
                    throw new IllegalStateException("signing in " + email + " answered " + r.status() + ": " + r.bodyText());
                }
                users.add(new User(email, dataset.password(), compatToken(r), null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (users.size() != count) {
            throw new IllegalStateException("signed in only " + users.size() + " of " + count + " users in time");
        }
        return users;
    }

    /** Sends {@code request}; a 503 (shed by the hashing pool of a busy machine) is sent again when Retry-After says. */
    public static HttpConnection.Response exchangeRetrying(HttpConnection connection, byte[] request) throws IOException {
        HttpConnection.Response r = connection.exchange(request);
        for (int retry = 0; r.status() == 503 && retry < 20; retry++) {
            pause(1000L * Math.max(1, parseIntOr(r.retryAfter(), 1)));
            r = connection.exchange(request);
        }
        return r;
    }

    /** Waits for every thread until {@code deadline} (System.nanoTime), else fails. */
    public static void joinAll(List<Thread> threads, long deadline) {
        try {
            for (Thread thread : threads) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    throw new IllegalStateException("a thread did not finish in time: " + thread.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sleeps, keeping the interrupt. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A header's integer value, or {@code fallback}. */
    public static int parseIntOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
