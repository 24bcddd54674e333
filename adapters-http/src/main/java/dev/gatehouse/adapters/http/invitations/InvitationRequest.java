package dev.gatehouse.adapters.http.invitations;

import dev.gatehouse.adapters.http.users.RoleNames;
import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.application.invitations.port.in.InvitationsUseCase;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.user.EmailAddress;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /v1/account/invitations}: {@code {"email", "role"?, "redirectUrl", "accountId"?}}; the role
 * defaults to user, {@code accountId} is for root credentials (a signed-in admin invites to their own account).
 */
record InvitationRequest(Optional<AccountId> accountId, EmailAddress email, Role role, String redirectUrl) {
    static final Set<String> FIELDS = Set.of("email", "role", "redirectUrl", "accountId");

    static InvitationRequest from(JsonFields body) {
        EmailAddress email = new EmailAddress(body.string("email"));
        String role = body.string("role");
        String account = body.string("accountId");
        return new InvitationRequest(Optional.ofNullable(account).map(id -> AccountId.parse("accountId", id)), email,
                role == null ? Role.USER : RoleNames.parse("role", role), body.string("redirectUrl"));
    }

    InvitationsUseCase.Command command(ClientInfo client) {
        return new InvitationsUseCase.Command(accountId, email, role, redirectUrl, client);
    }
}
