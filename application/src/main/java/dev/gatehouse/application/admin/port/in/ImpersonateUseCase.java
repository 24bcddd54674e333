package dev.gatehouse.application.admin.port.in;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.RootAuthority;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.session.ClientInfo;

/**
 * StaticBackend's {@code /sudogettoken/{accountId}}: with root authority, a session token of the
 * account's first (oldest) user, for server-side work on that account's behalf.
 */
public interface ImpersonateUseCase {

    /** @throws dev.gatehouse.domain.error.UserNotFound when the tenant has no such account or it has no user */
    Authenticated impersonateAccount(RootAuthority root, AccountId accountId, ClientInfo client);
}
