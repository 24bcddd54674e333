package dev.gatehouse.bench;

import dev.gatehouse.adapters.crypto.JwtTokenService;
import dev.gatehouse.adapters.crypto.MasterKey;
import dev.gatehouse.application.fakes.InMemorySigningKeyStore;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Access-token verification as the server does it: full (parse, RS256 signature, claims) and through
 * the verified-token cache, over 10,000 distinct tokens so the cache is exercised like a real one.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerificationBenchmark extends AverageTimeBenchmark {
    private static final int TOKENS = 10_000;

    private JwtTokenService service;
    private TenantId tenant;
    private String[] tokens;
    private int next;

    @Setup
    public void setUp() {
        Instant now = Instant.now();
        service = new JwtTokenService(new InMemorySigningKeyStore(), MasterKey.fromBase64(MasterKey.generateBase64()),
                Instant::now, "gatehouse", 100_000, Duration.ofHours(12));
        tenant = new TenantId(UUID.randomUUID());
        tokens = new String[TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            tokens[i] = service.issue(new Principal(tenant, new UserId(UUID.randomUUID()), new AccountId(UUID.randomUUID()),
                    Role.USER, new SessionId(UUID.randomUUID()), UUID.randomUUID().toString(), now, now.plus(Duration.ofHours(1)))).value();
            service.verify(tenant, tokens[i]);
        }
    }

    private String nextToken() {
        next = (next + 1) % TOKENS;
        return tokens[next];
    }

    @Benchmark
    public Principal verifyCached() {
        return service.verify(tenant, nextToken());
    }

    @Benchmark
    public Principal verifyUncached() {
        return service.verifyUncached(tenant, nextToken());
    }
}
