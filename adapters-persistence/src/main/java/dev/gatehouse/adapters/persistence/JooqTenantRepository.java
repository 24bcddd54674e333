package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.PUBLISHABLE_KEY;
import static dev.gatehouse.adapters.persistence.jooq.Tables.TENANT;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;

import dev.gatehouse.application.port.out.SecretSealer;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;

/** Tenants in {@code tenant}, their publishable keys in {@code publishable_key}. */
final class JooqTenantRepository extends JooqStore implements TenantRepository {
    /** The tenant's {@code publicKey}: its oldest publishable key. */
    private static final Field<String> PUBLIC_KEY = field(select(PUBLISHABLE_KEY.KEY).from(PUBLISHABLE_KEY)
            .where(PUBLISHABLE_KEY.TENANT_ID.eq(TENANT.ID))
            .orderBy(PUBLISHABLE_KEY.CREATED, PUBLISHABLE_KEY.KEY).limit(1)).as("public_key");
    private static final String ORIGIN_SEPARATOR = "\n";

    private volatile SecretSealer sealer;

    JooqTenantRepository(DSLContext dsl) {
        super(dsl);
    }

    /** From now on, secrets in the settings are sealed when written (and sealed ones can be read). */
    void sealSecretsWith(SecretSealer secretSealer) {
        this.sealer = secretSealer;
    }

    @Override
    public void insert(Tenant tenant) {
        // Both rows or neither, also when the caller has no unit of work open.
        atomically(() -> {
            dsl.insertInto(TENANT)
                    .set(TENANT.ID, tenant.id().value())
                    .set(TENANT.NAME, tenant.name())
                    .set(TENANT.ALLOWED_ORIGINS, origins(tenant.settings()))
                    .set(TENANT.PASSWORD_MIN_LENGTH, tenant.settings().passwordPolicy().minLength())
                    .set(TENANT.PASSWORD_MAX_LENGTH, tenant.settings().passwordPolicy().maxLength())
                    .set(TENANT.SETTINGS, TenantSettingsDocument.write(tenant.settings(), tenant.id(), sealer))
                    .set(TENANT.CREATED, tenant.created())
                    .execute();
            dsl.insertInto(PUBLISHABLE_KEY)
                    .set(PUBLISHABLE_KEY.KEY, tenant.publicKey())
                    .set(PUBLISHABLE_KEY.TENANT_ID, tenant.id().value())
                    .set(PUBLISHABLE_KEY.CREATED, tenant.created())
                    .execute();
        });
    }

    @Override
    public Optional<Tenant> findById(TenantId id) {
        return selectTenants().where(TENANT.ID.eq(id.value())).fetchOptional(this::toDomain);
    }

    @Override
    public Optional<Tenant> findByPublishableKey(String publishableKey) {
        return selectTenants()
                .join(PUBLISHABLE_KEY).on(PUBLISHABLE_KEY.TENANT_ID.eq(TENANT.ID))
                .where(PUBLISHABLE_KEY.KEY.eq(publishableKey).and(PUBLISHABLE_KEY.REVOKED_AT.isNull()))
                .fetchOptional(this::toDomain);
    }

    @Override
    public List<Tenant> findAll() {
        return selectTenants().orderBy(TENANT.CREATED, TENANT.ID).fetch(this::toDomain);
    }

    /** @throws org.jooq.exception.DataAccessException when the tenant is unknown or the key is taken (by any tenant) */
    @Override
    public void addPublishableKey(TenantId id, String publishableKey, Instant now) {
        dsl.insertInto(PUBLISHABLE_KEY)
                .set(PUBLISHABLE_KEY.KEY, publishableKey)
                .set(PUBLISHABLE_KEY.TENANT_ID, id.value())
                .set(PUBLISHABLE_KEY.CREATED, now)
                .execute();
    }

    @Override
    public boolean revokePublishableKey(TenantId id, String publishableKey, Instant now) {
        return dsl.update(PUBLISHABLE_KEY)
                .set(PUBLISHABLE_KEY.REVOKED_AT, now)
                .where(PUBLISHABLE_KEY.KEY.eq(publishableKey).and(PUBLISHABLE_KEY.TENANT_ID.eq(id.value()))
                        .and(PUBLISHABLE_KEY.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    @Override
    public Optional<TenantId> findHolderOfPublishableKey(String publishableKey) {
        return dsl.select(PUBLISHABLE_KEY.TENANT_ID).from(PUBLISHABLE_KEY).where(PUBLISHABLE_KEY.KEY.eq(publishableKey))
                .fetchOptional(r -> new TenantId(r.value1()));
    }

    @Override
    public List<PublishableKey> findPublishableKeys(TenantId id) {
        return dsl.selectFrom(PUBLISHABLE_KEY)
                .where(PUBLISHABLE_KEY.TENANT_ID.eq(id.value()))
                .orderBy(PUBLISHABLE_KEY.CREATED, PUBLISHABLE_KEY.KEY)
                .fetch(r -> new PublishableKey(r.get(PUBLISHABLE_KEY.KEY), r.get(PUBLISHABLE_KEY.CREATED),
                        Optional.ofNullable(r.get(PUBLISHABLE_KEY.REVOKED_AT))));
    }

    @Override
    public Optional<TenantSettings> findSettingsForUpdate(TenantId id) {
        return dsl.select(TENANT.ALLOWED_ORIGINS, TENANT.PASSWORD_MIN_LENGTH, TENANT.PASSWORD_MAX_LENGTH, TENANT.SETTINGS)
                .from(TENANT).where(TENANT.ID.eq(id.value())).forUpdate()
                .fetchOptional(r -> settings(r, id));
    }

    /** @throws IllegalStateException when there is no such tenant */
    @Override
    public void updateSettings(TenantId id, TenantSettings settings) {
        int updated = dsl.update(TENANT)
                .set(TENANT.ALLOWED_ORIGINS, origins(settings))
                .set(TENANT.PASSWORD_MIN_LENGTH, settings.passwordPolicy().minLength())
                .set(TENANT.PASSWORD_MAX_LENGTH, settings.passwordPolicy().maxLength())
                .set(TENANT.SETTINGS, TenantSettingsDocument.write(settings, id, sealer))
                .where(TENANT.ID.eq(id.value()))
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("no tenant " + id);
        }
    }

    /** @throws IllegalStateException when there is no such tenant */
    @Override
    public void setRootTokenHash(TenantId id, String rootTokenHash) {
        int updated = dsl.update(TENANT).set(TENANT.ROOT_TOKEN_HASH, rootTokenHash).where(TENANT.ID.eq(id.value()))
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("no tenant " + id);
        }
    }

    @Override
    public Optional<String> findRootTokenHash(TenantId id) {
        return dsl.select(TENANT.ROOT_TOKEN_HASH).from(TENANT).where(TENANT.ID.eq(id.value()))
                .fetchOptional(TENANT.ROOT_TOKEN_HASH);
    }

    private SelectJoinStep<Record> selectTenants() {
        return dsl.select(TENANT.fields()).select(PUBLIC_KEY).from(TENANT);
    }

    private Tenant toDomain(Record r) {
        TenantId id = new TenantId(r.get(TENANT.ID));
        return new Tenant(id, r.get(TENANT.NAME), r.get(PUBLIC_KEY), settings(r, id), r.get(TENANT.CREATED));
    }

    private TenantSettings settings(Record r, TenantId id) {
        Set<String> origins = Arrays.stream(r.get(TENANT.ALLOWED_ORIGINS).split(ORIGIN_SEPARATOR))
                .filter(origin -> !origin.isEmpty()).collect(Collectors.toSet());
        PasswordPolicy policy = new PasswordPolicy(r.get(TENANT.PASSWORD_MIN_LENGTH), r.get(TENANT.PASSWORD_MAX_LENGTH));
        return TenantSettingsDocument.read(origins, policy, r.get(TENANT.SETTINGS), id, sealer);
    }

    private static String origins(TenantSettings settings) {
        return settings.allowedOrigins().stream().sorted().collect(Collectors.joining(ORIGIN_SEPARATOR));
    }
}
