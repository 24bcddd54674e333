package dev.gatehouse.application.oauth.port.in;

import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import java.util.List;
import java.util.UUID;

/** The signed-in user's own provider accounts. */
public interface IdentitiesUseCase {

    List<Identity> list(Principal principal);

    /**
     * Completes a link: the {@code link_code} the provider's redirect brought back, confirmed with the access token
     * of the user who started the link (step-up required). The code is spent either way.
     *
     * @throws dev.gatehouse.domain.error.InvalidCode for an unknown, used or expired code, or one another user started
     * @throws dev.gatehouse.domain.error.IdentityConflict when the provider account is linked to another user already
     */
    Identity confirmLink(Principal principal, String code, ClientInfo client);

    /**
     * Unlinks one (step-up required).
     *
     * @throws dev.gatehouse.domain.error.ResourceNotFound when the user has no such identity
     * @throws dev.gatehouse.domain.error.IdentityConflict when it is the user's last way to sign in
     * @throws dev.gatehouse.domain.error.ReauthenticationRequired outside the step-up window
     */
    void unlink(Principal principal, UUID identityId, ClientInfo client);
}
