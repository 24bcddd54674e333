package dev.gatehouse.application.accounts;

import dev.gatehouse.application.accounts.port.in.AccountUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.policy.AccountMembershipPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.Principal;

record AccountService(AccountRepository accounts, UserRepository users, TransactionRunner transactions)
        implements AccountUseCase {
    @Override
    public AccountView get(Principal principal) {
        Account account = accounts.findById(principal.tenantId(), principal.accountId()).orElseThrow(UserNotFound::new);
        return new AccountView(account, users.countInAccount(principal.tenantId(), account.id(), Role.USER));
    }

    @Override
    public AccountView rename(Principal principal, String name) {
        if (!principal.role().isAtLeast(Role.ACCOUNT_ADMIN)) {
            throw new NotPermitted("only account admins may rename the account");
        }
        Account current = accounts.findById(principal.tenantId(), principal.accountId()).orElseThrow(UserNotFound::new);
        Account renamed = new Account(current.id(), current.tenantId(), name, current.created()); // validates
        transactions.inTransaction(() -> {
            // Under the account's lock, which every change of its users takes, the actor's stored role decides.
            accounts.lockForUpdate(principal.tenantId(), principal.accountId()).orElseThrow(UserNotFound::new);
            Principal actor = AccountMembershipPolicy.asStoredNow(principal,
                    users.findById(principal.tenantId(), principal.userId()));
            if (!actor.role().isAtLeast(Role.ACCOUNT_ADMIN)) {
                throw new NotPermitted("only account admins may rename the account");
            }
            return accounts.rename(principal.tenantId(), renamed.id(), renamed.name());
        });
        return get(principal);
    }
}
