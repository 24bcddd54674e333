package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;

final class GetCurrentUserService implements GetCurrentUserUseCase {
    private final UserRepository users;

    GetCurrentUserService(UserRepository users) {
        this.users = users;
    }

    @Override
    public User currentUser(Principal principal) {
        return users.findById(principal.tenantId(), principal.userId())
                .filter(User::maySignIn)
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
    }
}
