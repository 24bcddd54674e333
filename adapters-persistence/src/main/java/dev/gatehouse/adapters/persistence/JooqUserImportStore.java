package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.ACCOUNT;
import static dev.gatehouse.adapters.persistence.jooq.Tables.APP_USER;

import dev.gatehouse.application.imports.port.out.UserImportStore;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Row1;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;

/**
 * Imported users in {@code app_user} (and their new accounts), a batch at a time, joining the caller's unit of work
 * (docs/adr/0028-imported-password-hashes.md). The addresses already taken are read first, in one query; the rest go
 * in with two multi-row inserts inside a savepoint. When a concurrent import took one of them meanwhile (the unique
 * index on the address refuses the insert), the savepoint is rolled back and the batch goes in one row at a time,
 * each in a savepoint of its own, the refused ones skipped: a taken address never fails the whole batch. Rows are
 * written in address order, so two imports of overlapping files wait for each other but never deadlock.
 */
final class JooqUserImportStore extends JooqStore implements UserImportStore {
    JooqUserImportStore(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public Set<UserId> insertBatch(TenantId tenant, List<ImportedUser> users) {
        for (ImportedUser imported : users) {
            if (!imported.user().tenantId().equals(tenant)) {
                throw new IllegalArgumentException("a user of another tenant in the batch");
            }
        }
        if (users.isEmpty()) {
            return Set.of();
        }
        Set<String> taken = taken(tenant, users);
        List<ImportedUser> fresh = users.stream()
                .filter(u -> !taken.contains(u.user().email().value()))
                .sorted(Comparator.comparing(u -> u.user().email().value()))
                .toList();
        if (fresh.isEmpty()) {
            return Set.of();
        }
        try {
            atomically(() -> insert(fresh));
            return fresh.stream().map(u -> u.user().id()).collect(Collectors.toSet());
        } catch (DataAccessException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
        }
        Set<UserId> stored = new HashSet<>();
        for (ImportedUser imported : fresh) {
            try {
                atomically(() -> insert(List.of(imported)));
                stored.add(imported.user().id());
            } catch (DataAccessException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
        return stored;
    }

    /**
     * The batch's addresses that users of the tenant already have: the addresses as a table of values joined to the
     * unique index on (tenant, address), one index lookup each. (An {@code in} list on the index's second column is
     * not looked up in the index by H2, which then reads every user of the tenant once per batch.)
     */
    private Set<String> taken(TenantId tenant, List<ImportedUser> users) {
        Table<Record1<String>> wanted = DSL.values(users.stream()
                .map(u -> DSL.row(u.user().email().value())).toArray(Row1[]::new)).as("wanted", "email");
        Field<String> email = wanted.field("email", String.class);
        return dsl.select(APP_USER.EMAIL).from(wanted)
                .join(APP_USER).on(APP_USER.TENANT_ID.eq(tenant.value())).and(APP_USER.EMAIL.eq(email))
                .fetchSet(APP_USER.EMAIL);
    }

    /** The new accounts, then the users: two statements whatever the batch's size. */
    private void insert(List<ImportedUser> batch) {
        List<Account> accounts = batch.stream().map(ImportedUser::newAccount).flatMap(Optional::stream).toList();
        if (!accounts.isEmpty()) {
            var insert = dsl.insertInto(ACCOUNT, ACCOUNT.ID, ACCOUNT.TENANT_ID, ACCOUNT.NAME, ACCOUNT.CREATED);
            for (Account account : accounts) {
                insert = insert.values(account.id().value(), account.tenantId().value(), account.name(),
                        account.created());
            }
            insert.execute();
        }
        var insert = dsl.insertInto(APP_USER, APP_USER.ID, APP_USER.TENANT_ID, APP_USER.ACCOUNT_ID, APP_USER.EMAIL,
                APP_USER.PASSWORD_HASH, APP_USER.ROLE, APP_USER.STATUS, APP_USER.CREATED, APP_USER.EMAIL_VERIFIED,
                APP_USER.SECURITY_STAMP, APP_USER.DISPLAY_NAME, APP_USER.AVATAR_URL, APP_USER.METADATA);
        for (ImportedUser imported : batch) {
            User user = imported.user();
            insert = insert.values(user.id().value(), user.tenantId().value(), user.accountId().value(),
                    user.email().value(), user.passwordHash().encoded(), user.role().level(), user.status().name(),
                    user.created(), user.emailVerified(), user.securityStamp().value(), user.profile().name(),
                    user.profile().avatarUrl(), user.profile().metadataJson());
        }
        insert.execute();
    }
}
