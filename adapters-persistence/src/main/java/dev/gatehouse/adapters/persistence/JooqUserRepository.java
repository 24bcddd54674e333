package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.APP_USER;
import static org.jooq.impl.DSL.row;

import dev.gatehouse.adapters.persistence.jooq.tables.records.AppUserRecord;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserProfile;
import dev.gatehouse.domain.user.UserStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Users in {@code app_user}; the unique index on (tenant_id, email) decides whether an email is taken. An
 * account's members are read through the indexes of V4, in (account_id, tenant_id, [role,] created, id) order:
 * the same as (created, id) order, as every such query fixes the account, the tenant and any role.
 */
final class JooqUserRepository extends JooqStore implements UserRepository {
    private static final String EMAIL_INDEX = "app_user_tenant_email_uq";
    private static final char LIKE_ESCAPE = '\\';

    /** PostgreSQL collations that order strings by code point (glibc's C.UTF-8 does, as C and POSIX do by byte). */
    private static final java.util.Set<String> CODE_POINT_COLLATIONS = java.util.Set.of("c", "posix", "c.utf-8", "c.utf8");

    private volatile Boolean codePointCollation;

    JooqUserRepository(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public void insert(User user) {
        SqlErrors.unlessTaken(() -> dsl.insertInto(APP_USER)
                .set(APP_USER.ID, user.id().value())
                .set(APP_USER.TENANT_ID, user.tenantId().value())
                .set(APP_USER.ACCOUNT_ID, user.accountId().value())
                .set(APP_USER.EMAIL, user.email().value())
                .set(APP_USER.PASSWORD_HASH, user.passwordHash().encoded())
                .set(APP_USER.ROLE, user.role().level())
                .set(APP_USER.STATUS, user.status().name())
                .set(APP_USER.CREATED, user.created())
                .set(APP_USER.EMAIL_VERIFIED, user.emailVerified())
                .set(APP_USER.SECURITY_STAMP, user.securityStamp().value())
                .set(APP_USER.DISPLAY_NAME, user.profile().name())
                .set(APP_USER.AVATAR_URL, user.profile().avatarUrl())
                .set(APP_USER.METADATA, user.profile().metadataJson())
                .execute(), EMAIL_INDEX, taken -> {
                    throw new EmailAlreadyInUse();
                });
    }

    @Override
    public Optional<User> findByEmail(TenantId tenantId, EmailAddress email) {
        return find(APP_USER.TENANT_ID.eq(tenantId.value()).and(APP_USER.EMAIL.eq(email.value())));
    }

    @Override
    public Optional<User> findById(TenantId tenantId, UserId id) {
        return find(isUser(tenantId, id));
    }

    @Override
    public boolean updatePasswordHash(TenantId tenantId, UserId id, PasswordHash hash) {
        return updateOne(tenantId, id, APP_USER.PASSWORD_HASH, hash.encoded());
    }

    @Override
    public boolean upgradePasswordHash(TenantId tenantId, UserId id, PasswordHash current, PasswordHash upgraded) {
        return dsl.update(APP_USER)
                .set(APP_USER.PASSWORD_HASH, upgraded.encoded())
                .where(isUser(tenantId, id))
                .and(APP_USER.PASSWORD_HASH.eq(current.encoded()))
                .execute() == 1;
    }

    /**
     * {@code select ... for update} of the row with this stamp. Under READ COMMITTED, PostgreSQL waits for a
     * concurrent update of the row to end and then checks the stamp of the row as that update left it; H2 does the
     * same (the contract races the two; without the lock both databases fail it).
     */
    @Override
    public boolean lockUnchanged(TenantId tenantId, UserId id, SecurityStamp stamp) {
        return dsl.select(APP_USER.ID).from(APP_USER)
                .where(isUser(tenantId, id))
                .and(APP_USER.SECURITY_STAMP.eq(stamp.value()))
                .forUpdate()
                .fetchOptional()
                .isPresent();
    }

    @Override
    public List<User> findPageInAccount(TenantId tenantId, AccountId accountId, PageQuery query) {
        return page(tenantId, accountId, query).fetch(JooqUserRepository::toDomain);
    }

    /** The query behind {@link #findPageInAccount}, for the test of its plan. */
    ResultQuery<AppUserRecord> page(TenantId tenantId, AccountId accountId, PageQuery query) {
        Condition condition = inAccount(tenantId, accountId);
        List<OrderField<?>> order = new ArrayList<>(List.of(APP_USER.ACCOUNT_ID, APP_USER.TENANT_ID));
        if (query.role().isPresent()) {
            condition = condition.and(APP_USER.ROLE.eq(query.role().get().level()));
            order.add(APP_USER.ROLE); // constant too, and it lets H2 read app_user_account_role_idx in order
        }
        if (query.emailPrefix().isPresent()) {
            condition = condition.and(APP_USER.EMAIL.like(likePattern(query.emailPrefix().get())).escape(LIKE_ESCAPE));
        }
        return pageAfter(condition, order, query.after(), query.limit());
    }

    @Override
    public List<User> findPageInTenant(TenantId tenantId, TenantPageQuery query) {
        return tenantPage(tenantId, query).fetch(JooqUserRepository::toDomain);
    }

    /**
     * The query behind {@link #findPageInTenant}, for the test of its plan. Its ORDER BY starts with the columns
     * the query fixes, in the order of the index meant to serve it (see V4 on why H2 needs this): one account's
     * users through V4's account indexes; the whole tenant's through V11's (tenant_id, [role | status,] created,
     * id) indexes. Any further filter is applied to the rows read in that order.
     */
    ResultQuery<AppUserRecord> tenantPage(TenantId tenantId, TenantPageQuery query) {
        Condition condition = APP_USER.TENANT_ID.eq(tenantId.value());
        List<OrderField<?>> order = new ArrayList<>();
        if (query.account().isPresent()) {
            condition = condition.and(APP_USER.ACCOUNT_ID.eq(query.account().get().value()));
            order.add(APP_USER.ACCOUNT_ID);
            order.add(APP_USER.TENANT_ID);
            query.role().ifPresent(role -> order.add(APP_USER.ROLE));
        } else {
            order.add(APP_USER.TENANT_ID);
            if (query.role().isPresent()) {
                order.add(APP_USER.ROLE);
            } else if (query.status().isPresent()) {
                order.add(APP_USER.STATUS);
            }
        }
        if (query.role().isPresent()) {
            condition = condition.and(APP_USER.ROLE.eq(query.role().get().level()));
        }
        if (query.status().isPresent()) {
            condition = condition.and(APP_USER.STATUS.eq(query.status().get().name()));
        }
        if (query.emailPrefix().isPresent()) {
            String prefix = query.emailPrefix().get();
            condition = condition.and(APP_USER.EMAIL.like(likePattern(prefix)).escape(LIKE_ESCAPE));
            Optional<String> upperBound = prefixUpperBound(prefix);
            if (upperBound.isPresent()) {
                // The same rows as the LIKE, as a range of (tenant_id, email) that the planner may read instead of
                // the creation-order index when few users match (then it sorts just those).
                condition = condition.and(APP_USER.EMAIL.ge(prefix)).and(APP_USER.EMAIL.lt(upperBound.get()));
            }
        }
        return pageAfter(condition, order, query.after(), query.limit());
    }

    /**
     * Both pages' tail: the users after the cursor, in (created, id) order behind the columns {@code order}
     * already holds, at most {@code limit}.
     */
    private ResultQuery<AppUserRecord> pageAfter(Condition condition, List<OrderField<?>> order,
                                                 Optional<Position> after, int limit) {
        Condition where = after.map(position -> condition.and(row(APP_USER.CREATED, APP_USER.ID)
                .gt(position.created(), position.id().value()))).orElse(condition);
        order.add(APP_USER.CREATED);
        order.add(APP_USER.ID);
        return dsl.selectFrom(APP_USER).where(where).orderBy(order).limit(limit);
    }

    /**
     * A string above every string that starts with {@code prefix} and below every greater string that does not,
     * when the database compares strings so that this exists: PostgreSQL with a C collation compares code points
     * (bound: the prefix and U+10FFFF). Under a linguistic collation no such bound is safe, and none is used.
     */
    Optional<String> prefixUpperBound(String prefix) {
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        if (dsl.dialect() != SQLDialect.POSTGRES) {
            return Optional.empty(); // H2's string order depends on its URL's settings; its tables are small anyway
        }
        return codePointCollation() ? Optional.of(prefix + Character.toString(Character.MAX_CODE_POINT))
                : Optional.empty();
    }

    private boolean codePointCollation() {
        Boolean known = codePointCollation;
        if (known == null) {
            Object collation = dsl.fetchValue("select datcollate::text from pg_database where datname = current_database()");
            known = collation != null
                    && CODE_POINT_COLLATIONS.contains(collation.toString().toLowerCase(java.util.Locale.ROOT));
            codePointCollation = known;
        }
        return known;
    }

    /** Matches what starts with {@code prefix}, taken literally: its own wildcards and escapes are escaped. */
    private static String likePattern(String prefix) {
        String literal = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return literal + "%";
    }

    @Override
    public long countInAccount(TenantId tenantId, AccountId accountId, Role atLeast) {
        return count(tenantId, accountId, atLeast).fetchSingle().value1();
    }

    /** The query behind {@link #countInAccount}, for the test of its plan. */
    ResultQuery<Record1<Integer>> count(TenantId tenantId, AccountId accountId, Role atLeast) {
        return dsl.selectCount().from(APP_USER)
                .where(inAccount(tenantId, accountId).and(APP_USER.ROLE.ge(atLeast.level())));
    }

    @Override
    public Optional<User> findOldestInAccount(TenantId tenantId, AccountId accountId) {
        return dsl.selectFrom(APP_USER).where(inAccount(tenantId, accountId))
                .orderBy(APP_USER.ACCOUNT_ID, APP_USER.TENANT_ID, APP_USER.CREATED, APP_USER.ID)
                .limit(1)
                .fetchOptional(JooqUserRepository::toDomain);
    }

    @Override
    public boolean updateRole(TenantId tenantId, UserId id, Role role) {
        return updateOne(tenantId, id, APP_USER.ROLE, role.level());
    }

    @Override
    public boolean markEmailVerified(TenantId tenantId, UserId id) {
        return updateOne(tenantId, id, APP_USER.EMAIL_VERIFIED, true, APP_USER.EMAIL_VERIFIED.isFalse());
    }

    /** The unique index on (tenant_id, email) decides whether the address is taken, also by a concurrent insert. */
    @Override
    public boolean updateEmail(TenantId tenantId, UserId id, EmailAddress verifiedEmail) {
        return SqlErrors.unlessTaken(() -> dsl.update(APP_USER)
                .set(APP_USER.EMAIL, verifiedEmail.value())
                .set(APP_USER.EMAIL_VERIFIED, true)
                .set(APP_USER.SECURITY_STAMP, APP_USER.SECURITY_STAMP.plus(1L))
                .where(isUser(tenantId, id))
                .execute() == 1, EMAIL_INDEX, taken -> {
                    throw new EmailAlreadyInUse();
                });
    }

    /** The composite foreign key (tenant_id, account_id) refuses an account of another tenant. */
    @Override
    public boolean updateAccount(TenantId tenantId, UserId id, AccountId accountId) {
        return updateOne(tenantId, id, APP_USER.ACCOUNT_ID, accountId.value());
    }

    @Override
    public boolean updateStatus(TenantId tenantId, UserId id, UserStatus status) {
        return updateOne(tenantId, id, APP_USER.STATUS, status.name());
    }

    /**
     * Deletes the user row only. Its sessions have no foreign key to it and stay, so that the revocation feed
     * keeps reporting them (the caller revokes them next); their refresh grants stay with them.
     */
    @Override
    public boolean delete(TenantId tenantId, UserId id) {
        return dsl.deleteFrom(APP_USER)
                .where(isUser(tenantId, id))
                .execute() == 1;
    }

    private static Condition inAccount(TenantId tenantId, AccountId accountId) {
        return APP_USER.ACCOUNT_ID.eq(accountId.value()).and(APP_USER.TENANT_ID.eq(tenantId.value()));
    }

    private Optional<User> find(Condition condition) {
        return dsl.selectFrom(APP_USER).where(condition).fetchOptional(JooqUserRepository::toDomain);
    }

    private static User toDomain(Record r) {
        return User.restore(new UserId(r.get(APP_USER.ID)), new TenantId(r.get(APP_USER.TENANT_ID)),
                new AccountId(r.get(APP_USER.ACCOUNT_ID)), EmailAddress.ofStored(r.get(APP_USER.EMAIL)),
                new PasswordHash(r.get(APP_USER.PASSWORD_HASH)), Role.fromLevel(r.get(APP_USER.ROLE)),
                r.get(APP_USER.CREATED), UserStatus.valueOf(r.get(APP_USER.STATUS)), r.get(APP_USER.EMAIL_VERIFIED),
                new SecurityStamp(r.get(APP_USER.SECURITY_STAMP)), new UserProfile(r.get(APP_USER.DISPLAY_NAME),
                        r.get(APP_USER.AVATAR_URL), r.get(APP_USER.METADATA)));
    }

    @Override
    public boolean updateProfile(TenantId tenantId, UserId id, UserProfile profile) {
        return dsl.update(APP_USER)
                .set(APP_USER.DISPLAY_NAME, profile.name())
                .set(APP_USER.AVATAR_URL, profile.avatarUrl())
                .set(APP_USER.METADATA, profile.metadataJson())
                .where(isUser(tenantId, id))
                .execute() == 1;
    }

    /**
     * Sets one column of one user of the tenant and advances the user's stamp (every such change ends the user's
     * sessions); false when no such user exists there.
     */
    private <T> boolean updateOne(TenantId tenantId, UserId id, Field<T> column, T value) {
        return updateOne(tenantId, id, column, value, DSL.noCondition());
    }

    /** As {@link #updateOne(TenantId, UserId, Field, Object)}, only while the row also meets {@code onlyIf}. */
    private <T> boolean updateOne(TenantId tenantId, UserId id, Field<T> column, T value, Condition onlyIf) {
        return dsl.update(APP_USER)
                .set(column, value)
                .set(APP_USER.SECURITY_STAMP, APP_USER.SECURITY_STAMP.plus(1L))
                .where(isUser(tenantId, id)).and(onlyIf)
                .execute() == 1;
    }

    private static Condition isUser(TenantId tenantId, UserId id) {
        return APP_USER.TENANT_ID.eq(tenantId.value()).and(APP_USER.ID.eq(id.value()));
    }
}
