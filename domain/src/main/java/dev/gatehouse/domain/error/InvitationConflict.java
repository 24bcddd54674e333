package dev.gatehouse.domain.error;

/**
 * An invitation that cannot be made or accepted as things are (docs/adr/0026-invitations-for-existing-users.md): the
 * address belongs to a member of the account already, or it belongs to a user of the tenant who must sign in as
 * themselves, or leave an account they share with others, before accepting.
 */
public final class InvitationConflict extends DomainError {
    private InvitationConflict(String message) {
        super(message);
    }

    /** Creating: the address is a member of the inviting account already. */
    public static InvitationConflict alreadyAMember() {
        return new InvitationConflict("this address already belongs to a member of the account");
    }

    /**
     * Accepting for an address that has a user in the tenant, without that user's access token: the same answer for
     * no token and for another user's, so the caller learns nothing more than the token's holder may know.
     */
    public static InvitationConflict signInFirst() {
        return new InvitationConflict("this address already has a user here: sign in as the invited user and accept"
                + " the invitation with that user's access token (Authorization: Bearer)");
    }

    /** Accepting as a user whose account has other members: they must leave it (or be removed) first. */
    public static InvitationConflict leaveYourAccountFirst() {
        return new InvitationConflict("your account has other members: leave it (or have an admin remove you) before"
                + " accepting, as a user belongs to one account only");
    }

    /** Accepting as a user who is a member of the inviting account already. */
    public static InvitationConflict alreadyInTheAccount() {
        return new InvitationConflict("you are a member of this account already");
    }
}
