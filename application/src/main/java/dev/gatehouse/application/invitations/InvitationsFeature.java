package dev.gatehouse.application.invitations;

import dev.gatehouse.application.invitations.port.in.AcceptInvitationUseCase;
import dev.gatehouse.application.invitations.port.in.InvitationUseCases;
import dev.gatehouse.application.invitations.port.in.InvitationsUseCase;
import dev.gatehouse.application.invitations.port.out.InvitationRepository;
import dev.gatehouse.application.mail.MailFeature;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.recovery.RecoveryFeature;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantsFeature;

/**
 * Wires the invitations feature: an account's invitations (sent through the mail feature, links checked like recovery
 * links) and their acceptance, which opens a session through the sessions feature's gate.
 */
public final class InvitationsFeature implements InvitationUseCases {
    private final InvitationsService invitations;
    private final AcceptInvitationService accept;

    public InvitationsFeature(TenantsFeature tenants, SessionsFeature sessions, RecoveryFeature recovery,
                              MailFeature mail, InvitationRepository store, AccountRepository accounts,
                              UserRepository users, SessionRepository sessionStore, Credentials credentials,
                              Essentials essentials) {
        this.invitations = new InvitationsService(tenants.directory(), store, accounts, users, recovery.links(),
                mail.composer(), essentials);
        this.accept = new AcceptInvitationService(tenants.directory(), store, accounts, users, sessionStore,
                sessions.issuer(), sessions.revocations(), recovery.mailboxProofs(), credentials, essentials);
    }

    @Override
    public InvitationsUseCase invitations() {
        return invitations;
    }

    @Override
    public AcceptInvitationUseCase acceptInvitation() {
        return accept;
    }
}
