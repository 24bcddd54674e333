package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.oauth.port.out.OAuthProviderRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderType;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OAuthProviderRepository} must do; extended once per implementation. Each test works in tenants
 * of its own, so tests sharing a store never see each other's providers.
 */
public abstract class OAuthProviderRepositoryContract {
    private static final int RACERS = 8;
    /** Long enough that a store which truncates it is noticed; holds characters a lossy encoding would garble. */
    protected static final String SECRET = "client-secret-ÄÖü-" + "s3cr3t".repeat(50);

    private PersistencePorts ports;
    private OAuthProviderRepository providers;
    private TransactionRunner transactions;
    protected Tenant tenant;
    protected Tenant otherTenant;

    /** The stores under test, sharing one unit of work with {@link #providers()}; called once before each test. */
    protected abstract PersistencePorts ports();

    /** The implementation under test, on the same store as {@link #ports()}; called after it. */
    protected abstract OAuthProviderRepository providers();

    @BeforeEach
    void setUpTwoTenants() {
        ports = ports();
        providers = providers();
        transactions = ports.transactions();
        tenant = tenant();
        otherTenant = tenant();
        run(() -> {
            ports.tenants().insert(tenant);
            ports.tenants().insert(otherTenant);
        });
    }

    /** An OpenID Connect provider with every field set, none at its default. */
    protected static OAuthProvider oidc(TenantId tenant, String name) {
        return new OAuthProvider(tenant, name, ProviderType.OIDC, "client-" + name, SECRET,
                "https://login.example.com/realms/" + name, List.of("openid", "email", "groups:read"), true,
                T0.plusSeconds(7));
    }

    /** GitHub on github.com: no issuer, the default scopes. */
    protected static OAuthProvider github(TenantId tenant, String name) {
        return new OAuthProvider(tenant, name, ProviderType.GITHUB, "Iv1.0123456789abcdef", "gh-" + SECRET, null,
                null, false, T0);
    }

    @Test
    void readsBackAProviderOfEachTypeWithEveryField() {
        OAuthProvider oidc = oidc(tenant.id(), "corporate-sso");
        OAuthProvider github = github(tenant.id(), "github");
        OAuthProvider google = new OAuthProvider(tenant.id(), "google", ProviderType.GOOGLE,
                "1234.apps.googleusercontent.com", "GOCSPX-" + SECRET, null, List.of("openid", "email"), false,
                T0.plusSeconds(3));

        run(() -> List.of(oidc, github, google).forEach(providers::put));

        assertThat(providers.find(tenant.id(), "corporate-sso")).contains(oidc);
        assertThat(providers.find(tenant.id(), "github")).hasValueSatisfying(found -> {
            assertThat(found).isEqualTo(github);
            assertThat(found.issuer()).isNull();
            assertThat(found.scopes()).isEqualTo(ProviderType.GITHUB.defaultScopes());
            assertThat(found.clientSecret()).isEqualTo("gh-" + SECRET);
        });
        assertThat(providers.find(tenant.id(), "google")).contains(google);
    }

    @Test
    void findsNoProviderUnderAnotherNameNorInAnotherTenant() {
        put(oidc(tenant.id(), "sso"));

        assertThat(providers.find(tenant.id(), "sso-2")).isEmpty();
        assertThat(providers.find(otherTenant.id(), "sso")).isEmpty();
        assertThat(providers.list(otherTenant.id())).isEmpty();
    }

    @Test
    void putReplacesEveryFieldOfTheProviderOfThatName() {
        put(oidc(tenant.id(), "sso"));
        OAuthProvider replaced = new OAuthProvider(tenant.id(), "sso", ProviderType.GITHUB, "another-client",
                "another-secret", "https://github.example.com", List.of("read:user"), false, T0.plusSeconds(60));

        put(replaced);

        assertThat(providers.find(tenant.id(), "sso")).contains(replaced);
        assertThat(providers.list(tenant.id())).containsExactly(replaced);
        OAuthProvider withoutIssuer = github(tenant.id(), "sso");
        put(withoutIssuer);
        assertThat(providers.find(tenant.id(), "sso")).as("an issuer replaced by none").contains(withoutIssuer);
    }

    @Test
    void listsATenantsProvidersByNameAndNoOtherTenants() {
        OAuthProvider zeta = oidc(tenant.id(), "zeta");
        OAuthProvider alpha = github(tenant.id(), "alpha");
        OAuthProvider beta2 = oidc(tenant.id(), "beta2");
        OAuthProvider beta = oidc(tenant.id(), "beta");
        OAuthProvider hyphenated = oidc(tenant.id(), "beta-z"); // a collation that skips '-' puts it after "betaa"
        OAuthProvider betaa = oidc(tenant.id(), "betaa");
        OAuthProvider elsewhere = oidc(otherTenant.id(), "aaa");
        run(() -> List.of(zeta, betaa, alpha, elsewhere, beta2, hyphenated, beta).forEach(providers::put));

        assertThat(providers.list(tenant.id())).as("in code-point order")
                .containsExactly(alpha, beta, hyphenated, beta2, betaa, zeta);
        assertThat(providers.list(otherTenant.id())).containsExactly(elsewhere);
    }

    @Test
    void deleteAnswersWhetherThereWasOneAndTouchesNoOtherTenant() {
        OAuthProvider mine = oidc(tenant.id(), "sso");
        OAuthProvider theirs = oidc(otherTenant.id(), "sso");
        run(() -> {
            providers.put(mine);
            providers.put(theirs);
        });

        assertThat(inTransaction(() -> providers.delete(tenant.id(), "sso"))).isTrue();
        assertThat(inTransaction(() -> providers.delete(tenant.id(), "sso"))).isFalse();
        assertThat(inTransaction(() -> providers.delete(tenant.id(), "never-there"))).isFalse();

        assertThat(providers.find(tenant.id(), "sso")).isEmpty();
        assertThat(providers.find(otherTenant.id(), "sso")).contains(theirs);
    }

    @Test
    void concurrentFirstPutsOfOneNameLeaveOneProvider() throws InterruptedException {
        List<OAuthProvider> puts = java.util.stream.IntStream.range(0, RACERS)
                .mapToObj(i -> new OAuthProvider(tenant.id(), "raced", ProviderType.OIDC, "client-" + i, SECRET,
                        "https://idp" + i + ".example.com", null, i % 2 == 0, T0.plusSeconds(i)))
                .toList();

        Race.run(RACERS, i -> () -> inTransaction(() -> {
            providers.put(puts.get(i));
            return null;
        }));

        assertThat(providers.list(tenant.id())).singleElement().isIn(puts);
    }

    @Test
    void aUnitOfWorkThatFailsLeavesNoProviderNorChangeNorDelete() {
        OAuthProvider kept = oidc(tenant.id(), "kept");
        OAuthProvider deleted = github(tenant.id(), "deleted");
        run(() -> {
            providers.put(kept);
            providers.put(deleted);
        });

        assertThatThrownBy(() -> run(() -> {
            providers.put(oidc(tenant.id(), "added"));
            providers.put(github(tenant.id(), "kept"));
            providers.delete(tenant.id(), "deleted");
            throw new IllegalStateException("the use case failed after writing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(providers.list(tenant.id())).containsExactly(deleted, kept);
    }

    protected final void put(OAuthProvider provider) {
        run(() -> providers.put(provider));
    }

    private void run(Runnable work) {
        transactions.inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.inTransaction(work);
    }
}
