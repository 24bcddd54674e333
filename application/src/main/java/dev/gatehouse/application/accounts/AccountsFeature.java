package dev.gatehouse.application.accounts;

import dev.gatehouse.application.accounts.port.in.AccountUseCase;
import dev.gatehouse.application.accounts.port.in.AccountsUseCases;
import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.accounts.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.accounts.port.in.ListAccountUsersUseCase;
import dev.gatehouse.application.accounts.port.in.RemoveAccountUserUseCase;
import dev.gatehouse.application.mail.MailFeature;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.recovery.RecoveryFeature;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.UserDeletion;
import dev.gatehouse.application.tenants.TenantsFeature;

/** Wires the accounts feature: the caller's own account and the users in it. */
public final class AccountsFeature implements AccountsUseCases {
    private final AccountService account;
    private final AccountMembershipService membership;

    public AccountsFeature(TenantsFeature tenants, SessionsFeature sessions, RecoveryFeature recovery, MailFeature mail,
                           AccountRepository accounts, UserRepository users, SessionRepository sessionStore,
                           Credentials credentials, UserDeletion deletion, Essentials essentials) {
        this.account = new AccountService(accounts, users, essentials.transactions());
        this.membership = new AccountMembershipService(tenants.directory(), accounts, users, sessionStore,
                sessions.revocations(), credentials, essentials, mail.notices(), recovery.verificationMails(), deletion);
    }

    @Override
    public AccountUseCase account() {
        return account;
    }

    @Override
    public ListAccountUsersUseCase listAccountUsers() {
        return membership;
    }

    @Override
    public AddAccountUserUseCase addAccountUser() {
        return membership;
    }

    @Override
    public RemoveAccountUserUseCase removeAccountUser() {
        return membership;
    }

    @Override
    public ChangeUserRoleUseCase changeUserRole() {
        return membership;
    }
}
