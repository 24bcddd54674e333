package dev.gatehouse.application.invitations.port.in;

import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.invitation.InvitationId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.EmailAddress;
import java.util.List;
import java.util.Optional;

/**
 * The pending invitations of an account (one resource's create, read and delete, ADR 0022): a signed-in account admin
 * acts on their own account; the tenant's root token or a secret key on any account of the tenant ({@code users:write}
 * to invite and revoke, {@code users:read} to list), naming it. Invitations of another account or tenant are not found
 * (404), as ids that exist nowhere.
 */
public interface InvitationsUseCase {

    /**
     * A signed-in account admin invites {@code command.email()} to their own account, with a role no higher than theirs
     * (never root); sending again to a pending address replaces its link. The mail goes through the outbox.
     */
    Invitation invite(Principal inviter, Command command);

    /** The root token or a {@code users:write} key invites to the account the command names (required). */
    Invitation invite(RootAuthority authority, Command command);

    /** One page of the pending invitations of the caller's own account (account admins). */
    Page list(Principal member, Query query);

    /** One page of the pending invitations of the account the query names (required; {@code users:read}). */
    Page list(RootAuthority authority, Query query);

    /** Revokes an invitation of the caller's own account (account admins): its link stops working at once. */
    void revoke(Principal member, InvitationId id, ClientInfo client);

    /** Revokes an invitation of any account of the tenant ({@code users:write}). */
    void revoke(RootAuthority authority, InvitationId id, ClientInfo client);

    /**
     * @param accountId   the account to invite to: required with root credentials; a signed-in admin may give only
     *                    their own
     * @param redirectUrl one of the tenant's allowed redirect URLs: the link is this URL with {@code token} added
     */
    record Command(Optional<AccountId> accountId, EmailAddress email, Role role, String redirectUrl,
                   ClientInfo client) {
    }

    /**
     * @param accountId the account: required with root credentials; a signed-in admin may give only their own
     * @param cursor    the {@code nextCursor} of the previous page, opaque to callers
     * @param limit     1 to 100
     */
    record Query(Optional<AccountId> accountId, Optional<String> cursor, int limit) {
    }

    record Page(List<Invitation> invitations, Optional<String> nextCursor) {
    }
}
