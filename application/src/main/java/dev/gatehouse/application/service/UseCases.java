package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AuthenticateUseCase;
import dev.gatehouse.application.port.in.CheckReadinessUseCase;
import dev.gatehouse.application.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.port.in.ListAllowedOriginsUseCase;
import dev.gatehouse.application.port.in.LoginUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.ResolveTenantUseCase;
import dev.gatehouse.application.port.in.SeedDevTenantUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.HealthProbe;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.port.out.TokenIssuer;
import dev.gatehouse.application.port.out.TokenVerifier;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import java.time.Duration;
import java.util.Objects;

/**
 * The application's public face: builds every use case from the outbound ports. Adapters see only
 * the {@code port.in} interfaces this hands out; the services behind them stay package-private.
 */
public final class UseCases {

    /** Everything the use cases need from the outside world. */
    public record Ports(TenantRepository tenants, AccountRepository accounts, UserRepository users,
                       PasswordHasher passwordHasher, TokenIssuer tokenIssuer, TokenVerifier tokenVerifier,
                       TransactionRunner transactions, Clock clock, IdGenerator ids, HealthProbe database) {
        public Ports {
            Objects.requireNonNull(tenants, "tenants");
            Objects.requireNonNull(accounts, "accounts");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(passwordHasher, "passwordHasher");
            Objects.requireNonNull(tokenIssuer, "tokenIssuer");
            Objects.requireNonNull(tokenVerifier, "tokenVerifier");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(database, "database");
        }
    }

    /**
     * Tunables. {@code tenantCacheTtl} bounds how long a tenant change (settings, a revoked key) may
     * take to reach a process that cached the old state.
     */
    public record Settings(Duration accessTokenLifetime, Duration tenantCacheTtl) {
        public static final Settings DEFAULT = new Settings(Duration.ofHours(12), Duration.ofSeconds(1));

        public Settings {
            if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()) {
                throw new IllegalArgumentException("access token lifetime must be positive");
            }
            if (tenantCacheTtl.isNegative()) {
                throw new IllegalArgumentException("tenant cache TTL must not be negative");
            }
        }
    }

    private final RegisterUserService register;
    private final LoginService login;
    private final AuthenticateService authenticate;
    private final GetCurrentUserService currentUser;
    private final TenantDirectory tenantDirectory;
    private final SeedDevTenantService seedDevTenant;
    private final CheckReadinessUseCase readiness;

    private UseCases(Ports ports, Settings settings) {
        this.tenantDirectory = new TenantDirectory(ports.tenants(), settings.tenantCacheTtl());
        TokenMinter minter = new TokenMinter(ports.tokenIssuer(), ports.clock(), ports.ids(),
                settings.accessTokenLifetime());
        this.register = new RegisterUserService(tenantDirectory, ports.accounts(), ports.users(),
                ports.passwordHasher(), ports.transactions(), ports.clock(), ports.ids(), minter);
        this.login = new LoginService(tenantDirectory, ports.users(), ports.passwordHasher(), minter);
        this.authenticate = new AuthenticateService(ports.tokenVerifier());
        this.currentUser = new GetCurrentUserService(ports.users());
        this.seedDevTenant = new SeedDevTenantService(ports.tenants(), ports.accounts(), ports.users(),
                ports.passwordHasher(), ports.transactions(), ports.clock(), ports.ids());
        HealthProbe database = ports.database();
        this.readiness = database::isHealthy;
    }

    public static UseCases create(Ports ports, Settings settings) {
        return new UseCases(ports, settings);
    }

    public RegisterUserUseCase registerUser() {
        return register;
    }

    public LoginUseCase login() {
        return login;
    }

    public AuthenticateUseCase authenticate() {
        return authenticate;
    }

    public GetCurrentUserUseCase currentUser() {
        return currentUser;
    }

    public ResolveTenantUseCase resolveTenant() {
        return tenantDirectory;
    }

    public ListAllowedOriginsUseCase allowedOrigins() {
        return tenantDirectory;
    }

    public SeedDevTenantUseCase seedDevTenant() {
        return seedDevTenant;
    }

    public CheckReadinessUseCase readiness() {
        return readiness;
    }
}
