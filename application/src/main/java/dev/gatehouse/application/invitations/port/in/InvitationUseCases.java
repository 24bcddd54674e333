package dev.gatehouse.application.invitations.port.in;

/** The invitations feature's use cases: managing an account's invitations, and accepting one. */
public interface InvitationUseCases {
    InvitationsUseCase invitations();

    AcceptInvitationUseCase acceptInvitation();
}
