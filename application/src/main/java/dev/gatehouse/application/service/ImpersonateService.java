package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.ImpersonateUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.user.User;

final class ImpersonateService implements ImpersonateUseCase {
    private final UserRepository users;
    private final SessionIssuer sessions;
    private final TransactionRunner transactions;

    ImpersonateService(UserRepository users, SessionIssuer sessions, TransactionRunner transactions) {
        this.users = users;
        this.sessions = sessions;
        this.transactions = transactions;
    }

    @Override
    public Authenticated impersonateAccount(RootAuthority root, AccountId accountId, ClientInfo client) {
        root.require(Scope.USERS_WRITE);
        User first = users.findOldestInAccount(root.tenantId(), accountId).filter(User::maySignIn)
                .orElseThrow(UserNotFound::new);
        SessionIssuer.Pending session = sessions.prepareNew(first, client);
        transactions.inTransaction(() -> {
            sessions.persist(session);
            return null;
        });
        return sessions.complete(first, session, TokenProfile.COMPAT);
    }
}
