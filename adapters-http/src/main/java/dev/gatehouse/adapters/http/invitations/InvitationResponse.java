package dev.gatehouse.adapters.http.invitations;

import dev.gatehouse.adapters.http.users.RoleNames;
import dev.gatehouse.application.invitations.port.in.InvitationsUseCase;
import dev.gatehouse.domain.invitation.Invitation;
import java.util.List;

/** A pending invitation on the native API: {@code expires} as ISO-8601; never its token. */
record InvitationResponse(String id, String email, String role, String expires, String accountId) {

    static InvitationResponse from(Invitation invitation) {
        return new InvitationResponse(invitation.id().toString(), invitation.email().value(),
                RoleNames.name(invitation.role()), invitation.expiresAt().toString(), invitation.accountId().toString());
    }

    /** One page: {@code nextCursor} is null on the last page. */
    record Page(List<InvitationResponse> invitations, String nextCursor) {
        static Page from(InvitationsUseCase.Page page) {
            return new Page(page.invitations().stream().map(InvitationResponse::from).toList(),
                    page.nextCursor().orElse(null));
        }
    }
}
