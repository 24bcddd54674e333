package dev.gatehouse.application.audit;

import dev.gatehouse.application.audit.port.in.AuditEventsUseCase;
import dev.gatehouse.application.audit.port.in.HousekeepingUseCase;
import dev.gatehouse.application.audit.port.out.AuditTrail;
import dev.gatehouse.application.audit.port.out.HousekeepingStore;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.emailchange.port.out.EmailChangeStore;
import dev.gatehouse.application.oauth.port.out.OAuthFlowRepository;
import dev.gatehouse.application.port.out.MfaChallengeRepository;

/** Wires the audit feature: reading the audit trail, and the housekeeping job that trims it and expired rows. */
public final class AuditFeature {
    private final AuditTrail trail;
    private final Clock clock;
    private final AuditEventsService events;

    public AuditFeature(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
        this.events = new AuditEventsService(trail);
    }

    public AuditEventsUseCase auditEvents() {
        return events;
    }

    /** The housekeeping job over these stores (only the scheduler needs it). */
    public HousekeepingUseCase housekeeping(HousekeepingStore store, MfaChallengeRepository mfaChallenges,
                                            OAuthFlowRepository oauthFlows, EmailChangeStore emailChanges) {
        return new HousekeepingService(store, mfaChallenges, oauthFlows, emailChanges, trail, clock);
    }
}
