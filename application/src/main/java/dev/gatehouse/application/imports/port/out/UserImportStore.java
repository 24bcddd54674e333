package dev.gatehouse.application.imports.port.out;

import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Batches of imported users, stored without hashing anything. */
public interface UserImportStore {

    /**
     * Stores each user whose address no user of the tenant has yet (also none stored concurrently: the store's unique
     * index decides, one row at a time, never the whole batch), with its new account when it has one; a user not
     * stored leaves no account behind. Joins the caller's unit of work.
     *
     * @param users users of {@code tenant} with distinct addresses and fresh ids; their accounts either exist or
     *              come with them
     * @return the ids of the users stored; the others' addresses were taken
     */
    Set<UserId> insertBatch(TenantId tenant, List<ImportedUser> users);

    /** A user to store, and the account of their own that comes with them, if any. */
    record ImportedUser(User user, Optional<Account> newAccount) {
        public ImportedUser {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(newAccount, "newAccount");
            newAccount.ifPresent(account -> {
                if (!account.id().equals(user.accountId())) {
                    throw new IllegalArgumentException("a new account must be the user's own");
                }
            });
        }
    }
}
