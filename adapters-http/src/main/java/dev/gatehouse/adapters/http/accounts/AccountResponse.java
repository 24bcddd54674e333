package dev.gatehouse.adapters.http.accounts;

import dev.gatehouse.application.accounts.port.in.AccountUseCase.AccountView;

/** The caller's account on the native API: {@code created} as ISO-8601, {@code memberCount} all its users. */
record AccountResponse(String id, String name, String created, long memberCount) {

    static AccountResponse from(AccountView view) {
        return new AccountResponse(view.account().id().toString(), view.account().name(),
                view.account().created().toString(), view.memberCount());
    }
}
