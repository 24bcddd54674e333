package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.OAUTH_PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.contract.OAuthProviderRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.oauth.port.out.OAuthProviderRepository;
import dev.gatehouse.domain.oauth.OAuthProvider;
import org.jooq.Condition;
import org.junit.jupiter.api.Test;

/**
 * The provider contract on a {@link Database} whose secrets are sealed (as the server always runs it), and what only a
 * database can show: the client secret is never in the row in clear, and a sealed one opens only in its own row.
 */
abstract class JooqOAuthProviderRepositoryTests extends OAuthProviderRepositoryContract {

    abstract DatabaseExtension database();

    @Override
    protected PersistencePorts ports() {
        database().database().sealSecretsWith(new TenantSecretSealingIT.ToySealer());
        return database().ports();
    }

    @Override
    protected OAuthProviderRepository providers() {
        return database().database().oauthProviders();
    }

    @Test
    void storesTheClientSecretOnlySealed() {
        OAuthProvider provider = oidc(tenant.id(), "sealed");
        put(provider);

        String stored = storedSecret(provider);

        assertThat(stored).isNotEqualTo(SECRET).doesNotContain(SECRET).doesNotContain("s3cr3ts3cr3t");
        assertThat(providers().find(tenant.id(), "sealed")).contains(provider);
    }

    @Test
    void aSealedSecretOpensOnlyInTheRowOfItsTenantAndName() {
        OAuthProvider provider = oidc(tenant.id(), "original");
        OAuthProvider renamed = oidc(tenant.id(), "renamed");
        OAuthProvider elsewhere = oidc(otherTenant.id(), "original");
        put(provider);
        put(renamed);
        put(elsewhere);
        String sealed = storedSecret(provider);

        database().database().dsl().update(OAUTH_PROVIDER).set(OAUTH_PROVIDER.CLIENT_SECRET_SEALED, sealed)
                .where(row(renamed).or(row(elsewhere))).execute();

        assertThatThrownBy(() -> providers().find(tenant.id(), "renamed")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> providers().find(otherTenant.id(), "original"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(providers().find(tenant.id(), "original")).contains(provider);
    }

    private String storedSecret(OAuthProvider provider) {
        return database().database().dsl().select(OAUTH_PROVIDER.CLIENT_SECRET_SEALED).from(OAUTH_PROVIDER)
                .where(row(provider)).fetchOne(OAUTH_PROVIDER.CLIENT_SECRET_SEALED);
    }

    private static Condition row(OAuthProvider provider) {
        return OAUTH_PROVIDER.TENANT_ID.eq(provider.tenantId().value()).and(OAUTH_PROVIDER.NAME.eq(provider.name()));
    }
}
