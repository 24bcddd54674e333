package dev.gatehouse.application.lifecycle;

import dev.gatehouse.application.lifecycle.port.in.ProfileEdit;
import dev.gatehouse.application.lifecycle.port.in.UpdateOwnProfileUseCase;
import dev.gatehouse.application.lifecycle.port.in.UpdateUserProfileUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.sessions.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Profile edits. The edit is applied to the profile as stored, re-read in the unit of work after locking the row
 * (a profile edit is no session-ending change: {@code lockUnchanged} with the stamp read takes the lock), so two edits
 * of different fields do not undo each other. An edit that changes nothing writes and audits nothing. The caller's
 * own cached user is replaced at once (ADR 0020); other sessions see the change within the cache's age bound.
 */
record ProfileService(UserRepository users, GetCurrentUserUseCase currentUser, Essentials essentials)
        implements UpdateOwnProfileUseCase, UpdateUserProfileUseCase {
    @Override
    public User update(Principal principal, ProfileEdit edit, ClientInfo client) {
        User changed = edit(principal.tenantId(), principal.userId(), edit,
                user -> AuditEvent.of(principal.tenantId(), AuditEventType.PROFILE_UPDATED, essentials.clock().now(),
                        client).withActor(user.id()), user -> {
                    if (!user.maySignIn()) {
                        throw new Unauthenticated(Unauthenticated.Reason.INVALID);
                    }
                });
        currentUser.remember(principal, changed);
        return changed;
    }

    @Override
    public User update(RootAuthority authority, UserId userId, ProfileEdit edit, ClientInfo client) {
        authority.require(Scope.USERS_WRITE);
        return edit(authority.tenantId(), userId, edit, user -> authority.withClient(client)
                        .auditEvent(AuditEventType.PROFILE_UPDATED, essentials.clock().now()),
                user -> TargetUserPolicy.checkMayActOn(authority.asActor(), user));
    }

    private User edit(TenantId tenant, UserId userId, ProfileEdit edit, Function<User, AuditEvent> event,
                      java.util.function.Consumer<User> check) {
        for (int attempt = 0; attempt < 3; attempt++) {
            User seen = users.findById(tenant, userId).orElseThrow(UserNotFound::new);
            check.accept(seen);
            UserProfile wanted = Objects.requireNonNull(edit.applyTo(seen.profile()), "edited profile");
            if (wanted.equals(seen.profile())) {
                return seen;
            }
            User done = essentials.transactions().inTransaction(() -> {
                if (!users.lockUnchanged(tenant, userId, seen.securityStamp())) {
                    return null; // changed or gone meanwhile: read again
                }
                User locked = users.findById(tenant, userId).orElseThrow(UserNotFound::new);
                UserProfile applied = edit.applyTo(locked.profile());
                users.updateProfile(tenant, userId, applied);
                essentials.audit().record(event.apply(locked).withSubject(userId)
                        .withDetail("fields", String.join(",", changedFields(locked.profile(), applied))));
                return locked.withProfile(applied);
            });
            if (done != null) {
                return done;
            }
        }
        throw new UserNotFound();
    }

    private static List<String> changedFields(UserProfile before, UserProfile after) {
        List<String> fields = new ArrayList<>();
        if (!Objects.equals(before.name(), after.name())) {
            fields.add("name");
        }
        if (!Objects.equals(before.avatarUrl(), after.avatarUrl())) {
            fields.add("avatarUrl");
        }
        if (!Objects.equals(before.metadataJson(), after.metadataJson())) {
            fields.add("metadata");
        }
        return fields;
    }
}
