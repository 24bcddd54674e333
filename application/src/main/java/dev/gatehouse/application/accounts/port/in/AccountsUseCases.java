package dev.gatehouse.application.accounts.port.in;

/** The accounts feature's use cases: the caller's account and its members. */
public interface AccountsUseCases {
    AccountUseCase account();

    ListAccountUsersUseCase listAccountUsers();

    AddAccountUserUseCase addAccountUser();

    RemoveAccountUserUseCase removeAccountUser();

    ChangeUserRoleUseCase changeUserRole();
}
