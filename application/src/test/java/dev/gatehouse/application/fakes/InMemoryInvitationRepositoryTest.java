package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.InvitationRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.invitations.port.out.InvitationRepository;

class InMemoryInvitationRepositoryTest extends InvitationRepositoryContract {
    private final InMemoryInvitationRepository invitations = new InMemoryInvitationRepository();

    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports(invitations);
    }

    @Override
    protected InvitationRepository invitations() {
        return invitations;
    }
}
