package dev.gatehouse.application.lifecycle;

import dev.gatehouse.application.audit.port.out.AuditTrail;
import dev.gatehouse.application.lifecycle.port.in.ExportOwnDataUseCase;
import dev.gatehouse.application.lifecycle.port.in.ExportUsersUseCase;
import dev.gatehouse.application.oauth.port.out.IdentityRepository;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantDirectory;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.mfa.TotpFactor;
import dev.gatehouse.domain.policy.Actor;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The exports: a user's own data (a right under privacy law; audited), and the tenant's users as a stream for an
 * administrator (audited, with whether password hashes were included). Hashes leave only with the root token itself.
 */
record ExportService(TenantDirectory tenants, UserRepository users, SessionRepository sessions,
                     IdentityRepository identities, MfaRepository factors, AuditTrail trail, Essentials essentials)
        implements ExportOwnDataUseCase, ExportUsersUseCase {
    private static final int PAGE = 100;

    @Override
    public OwnData export(Principal principal, ClientInfo client) {
        Instant now = essentials.clock().now();
        User user = users.findById(principal.tenantId(), principal.userId()).filter(User::maySignIn)
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
        essentials.limiter().beforeOwnDataExport(tenants.require(principal.tenantId()), user.id(), client);
        List<AuditEvent> events = new ArrayList<>();
        Optional<AuditTrail.Position> before = Optional.empty();
        while (events.size() < MAX_AUDIT_EVENTS) {
            List<AuditTrail.Entry> page = trail.find(new AuditTrail.Query(principal.tenantId(),
                    Optional.of(AuditEvent.user(user.id())), Optional.empty(), Optional.empty(), Optional.empty(),
                    before, Math.min(500, MAX_AUDIT_EVENTS - events.size())));
            page.forEach(entry -> events.add(entry.event()));
            if (page.isEmpty() || page.size() < 500) {
                break;
            }
            before = Optional.of(page.get(page.size() - 1).position());
        }
        OwnData data = new OwnData(user, identities.ofUser(principal.tenantId(), user.id()),
                sessions.findActiveByUser(principal.tenantId(), user.id(), now),
                factors.findTotp(principal.tenantId(), user.id()).filter(TotpFactor::isConfirmed).isPresent(),
                List.copyOf(events), now);
        essentials.transactions().inTransaction(() -> {
            essentials.audit().record(AuditEvent.of(principal.tenantId(), AuditEventType.DATA_EXPORTED, now, client)
                    .withActor(user.id()).withSubject(user.id()));
            return null;
        });
        return data;
    }

    @Override
    public long export(RootAuthority authority, boolean includePasswordHashes, Consumer<User> sink) {
        authority.require(Scope.USERS_READ);
        if (includePasswordHashes && !(authority.asActor() instanceof Actor.TenantRootToken)) {
            throw new NotPermitted("password hashes are exported only with the tenant's root token, never a key");
        }
        essentials.transactions().inTransaction(() -> {
            essentials.audit().record(authority.auditEvent(AuditEventType.USERS_EXPORTED, essentials.clock().now())
                    .withDetail("contents", includePasswordHashes ? "withPasswordHashes" : "withoutSecrets"));
            return null;
        });
        long exported = 0;
        Optional<UserRepository.Position> after = Optional.empty();
        while (true) {
            List<User> page = users.findPageInTenant(authority.tenantId(), new UserRepository.TenantPageQuery(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), after, PAGE));
            page.forEach(sink);
            exported += page.size();
            if (page.size() < PAGE) {
                return exported;
            }
            User last = page.get(page.size() - 1);
            after = Optional.of(new UserRepository.Position(last.created(), last.id()));
        }
    }
}
