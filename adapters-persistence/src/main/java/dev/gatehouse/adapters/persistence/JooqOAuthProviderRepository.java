package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.OAUTH_PROVIDER;

import dev.gatehouse.application.oauth.port.out.OAuthProviderRepository;
import dev.gatehouse.application.port.out.SecretSealer;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderType;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Tenants' sign-in providers in {@code oauth_provider} (V17). The client secret is sealed with the
 * {@link SecretSealer} under {@link #sealingContext}, so a sealed secret copied to another tenant's or name's row does
 * not open there. Like {@link JooqTenantRepository}, without a sealer (wirings without a master key, such as the
 * persistence tests) the secret is stored as given; the server sets the sealer before it serves anything.
 */
final class JooqOAuthProviderRepository extends JooqStore implements OAuthProviderRepository {
    private static final String SCOPE_SEPARATOR = " ";

    private volatile SecretSealer sealer;

    JooqOAuthProviderRepository(DSLContext dsl) {
        super(dsl);
    }

    /** From now on, client secrets are sealed when written and opened when read. */
    void sealSecretsWith(SecretSealer secretSealer) {
        this.sealer = secretSealer;
    }

    /** The AES-GCM context of a provider's sealed client secret: it opens for this tenant and name only. */
    static String sealingContext(TenantId tenant, String name) {
        return "oauth-provider:" + tenant.value() + ":" + name;
    }

    /** Insert-or-replace in one statement (PostgreSQL's {@code on conflict do update}, H2's {@code merge}). */
    @Override
    public void put(OAuthProvider provider) {
        // What an insert sets and a replacement changes: everything but the key.
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(OAUTH_PROVIDER.TYPE, provider.type().name());
        values.put(OAUTH_PROVIDER.CLIENT_ID, provider.clientId());
        values.put(OAUTH_PROVIDER.CLIENT_SECRET_SEALED, seal(provider));
        values.put(OAUTH_PROVIDER.ISSUER, provider.issuer());
        values.put(OAUTH_PROVIDER.SCOPES, String.join(SCOPE_SEPARATOR, provider.scopes()));
        values.put(OAUTH_PROVIDER.LINK_BY_VERIFIED_EMAIL, provider.linkByVerifiedEmail());
        values.put(OAUTH_PROVIDER.UPDATED_AT, provider.updatedAt());
        SqlErrors.upsertRetrying(() -> dsl.insertInto(OAUTH_PROVIDER)
                .set(OAUTH_PROVIDER.TENANT_ID, provider.tenantId().value())
                .set(OAUTH_PROVIDER.NAME, provider.name())
                .set(values)
                .onConflict(OAUTH_PROVIDER.TENANT_ID, OAUTH_PROVIDER.NAME)
                .doUpdate()
                .set(values)
                .execute());
    }

    @Override
    public Optional<OAuthProvider> find(TenantId tenant, String name) {
        return dsl.selectFrom(OAUTH_PROVIDER).where(byName(tenant, name)).fetchOptional(this::toDomain);
    }

    /**
     * Sorted here, not by the database: a PostgreSQL collation such as en_US ignores the '-' of names at first, so
     * {@code order by} would not put them in code-point order as H2 and the fakes do. A tenant has at most
     * {@link OAuthProvider#MAX_PROVIDERS}.
     */
    @Override
    public List<OAuthProvider> list(TenantId tenant) {
        return dsl.selectFrom(OAUTH_PROVIDER)
                .where(OAUTH_PROVIDER.TENANT_ID.eq(tenant.value()))
                .fetch(this::toDomain)
                .stream().sorted(Comparator.comparing(OAuthProvider::name)).toList();
    }

    @Override
    public boolean delete(TenantId tenant, String name) {
        return dsl.deleteFrom(OAUTH_PROVIDER).where(byName(tenant, name)).execute() == 1;
    }

    private static Condition byName(TenantId tenant, String name) {
        return OAUTH_PROVIDER.TENANT_ID.eq(tenant.value()).and(OAUTH_PROVIDER.NAME.eq(name));
    }

    private String seal(OAuthProvider provider) {
        SecretSealer current = sealer;
        return current == null ? provider.clientSecret()
                : current.seal(provider.clientSecret(), sealingContext(provider.tenantId(), provider.name()));
    }

    private OAuthProvider toDomain(Record r) {
        TenantId tenant = new TenantId(r.get(OAUTH_PROVIDER.TENANT_ID));
        String name = r.get(OAUTH_PROVIDER.NAME);
        String stored = r.get(OAUTH_PROVIDER.CLIENT_SECRET_SEALED);
        SecretSealer current = sealer;
        String secret = current == null ? stored : current.open(stored, sealingContext(tenant, name));
        return new OAuthProvider(tenant, name, ProviderType.valueOf(r.get(OAUTH_PROVIDER.TYPE)),
                r.get(OAUTH_PROVIDER.CLIENT_ID), secret, r.get(OAUTH_PROVIDER.ISSUER),
                Arrays.asList(r.get(OAUTH_PROVIDER.SCOPES).split(SCOPE_SEPARATOR)),
                r.get(OAUTH_PROVIDER.LINK_BY_VERIFIED_EMAIL), r.get(OAUTH_PROVIDER.UPDATED_AT));
    }
}
