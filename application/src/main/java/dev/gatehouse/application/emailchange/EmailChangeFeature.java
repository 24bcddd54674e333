package dev.gatehouse.application.emailchange;

import dev.gatehouse.application.emailchange.port.in.ChangeEmailUseCase;
import dev.gatehouse.application.emailchange.port.in.EmailChangeUseCases;
import dev.gatehouse.application.emailchange.port.in.RevertEmailChangeUseCase;
import dev.gatehouse.application.emailchange.port.out.EmailChangeStore;
import dev.gatehouse.application.mail.MailFeature;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.recovery.RecoveryFeature;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantsFeature;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;

/** A signed-in user's change of address, confirmed by a code, and its undoing from the old address (ADR 0027). */
public final class EmailChangeFeature implements EmailChangeUseCases {
    private final ChangeEmailService changeEmail;
    private final RevertEmailChangeService revert;
    private final EmailChangeStore store;

    public EmailChangeFeature(TenantsFeature tenants, SessionsFeature sessions, RecoveryFeature recovery,
                              MailFeature mail, UserRepository users, SessionRepository sessionStore,
                              EmailChangeStore store, Essentials essentials) {
        EmailChangeContext context = new EmailChangeContext(tenants.directory(), users, sessionStore, store, sessions,
                recovery, mail, essentials);
        this.changeEmail = new ChangeEmailService(context);
        this.revert = new RevertEmailChangeService(context);
        this.store = store;
    }

    /**
     * Inside the caller's unit of work: forgets the user's pending change and reverts (the user is being deleted;
     * their rows would also go with the user's row); how many rows.
     */
    public int deleteAllOfUser(TenantId tenantId, UserId userId) {
        return store.deleteAllOfUser(tenantId, userId);
    }

    @Override
    public ChangeEmailUseCase changeEmail() {
        return changeEmail;
    }

    @Override
    public RevertEmailChangeUseCase revertEmailChange() {
        return revert;
    }
}
