package dev.gatehouse.application.accounts.port.in;

import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.session.Principal;

/** The caller's own account: read it (members), rename it (admins). */
public interface AccountUseCase {

    AccountView get(Principal principal);

    AccountView rename(Principal principal, String name);

    record AccountView(Account account, long memberCount) {
    }
}
