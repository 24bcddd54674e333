package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.policy.Actor;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Proof of tenant-wide, server-side authority: the tenant's root token (every scope) or one of its
 * secret keys (the key's scopes). {@code actor} names who acts, as the audit log writes it:
 * {@link AuditEvent#ROOT} for the root token, {@link AuditEvent#secretKey} for a key. {@code client} is where
 * the request came from (set by the HTTP adapter with {@link #withClient}; {@link ClientInfo#UNKNOWN} otherwise).
 */
public record RootAuthority(TenantId tenantId, Set<Scope> scopes, String actor, ClientInfo client) {
    private static final String KEY_ACTOR_PREFIX = "key:";

    public RootAuthority {
        Objects.requireNonNull(tenantId, "tenant id");
        Objects.requireNonNull(actor, "actor");
        parseActor(actor); // refuses anything but the root token, the operator or a key
        scopes = Set.copyOf(scopes);
        client = client == null ? ClientInfo.UNKNOWN : client;
    }

    /** The root token's authority: every scope. */
    public RootAuthority(TenantId tenantId) {
        this(tenantId, Scope.ALL);
    }

    /** An authority with the given scopes, acting as the root token. */
    public RootAuthority(TenantId tenantId, Set<Scope> scopes) {
        this(tenantId, scopes, AuditEvent.ROOT);
    }

    /** An authority acting as {@code actor}, client unknown. */
    public RootAuthority(TenantId tenantId, Set<Scope> scopes, String actor) {
        this(tenantId, scopes, actor, ClientInfo.UNKNOWN);
    }

    /** A secret key's authority: the key's scopes, the key as the actor. */
    public static RootAuthority ofSecretKey(TenantId tenantId, Set<Scope> scopes, UUID keyId) {
        return new RootAuthority(tenantId, scopes, AuditEvent.secretKey(keyId));
    }

    /** The same authority, used from this client. */
    public RootAuthority withClient(ClientInfo from) {
        return new RootAuthority(tenantId, scopes, actor, from);
    }

    /** Who this authority is, as {@link TargetUserPolicy} tells actors apart. */
    public Actor asActor() {
        return parseActor(actor);
    }

    private static Actor parseActor(String actor) {
        if (actor.equals(AuditEvent.ROOT)) {
            return new Actor.TenantRootToken();
        }
        if (actor.equals(AuditEvent.OPERATOR)) {
            return new Actor.Operator();
        }
        if (actor.startsWith(KEY_ACTOR_PREFIX)) {
            try {
                return new Actor.SecretKey(UUID.fromString(actor.substring(KEY_ACTOR_PREFIX.length())));
            } catch (IllegalArgumentException e) {
                // falls through to the refusal below
            }
        }
        throw new IllegalArgumentException("actor must be root, operator or key:<id>, not " + actor);
    }

    /** @throws NotPermitted when this authority lacks the scope */
    public void require(Scope scope) {
        if (!scopes.contains(scope)) {
            throw new NotPermitted("this key lacks the '" + scope.wireName() + "' scope");
        }
    }

    /** An audit event of this authority's tenant, with this authority as actor and its client. */
    public AuditEvent auditEvent(AuditEventType type, Instant time) {
        return AuditEvent.of(tenantId, type, time, client).withActor(actor);
    }
}
