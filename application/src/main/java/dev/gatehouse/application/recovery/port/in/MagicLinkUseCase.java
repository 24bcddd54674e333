package dev.gatehouse.application.recovery.port.in;

import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.in.TokenProfile;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;

/**
 * Passwordless sign-in by a link with a one-time code (docs/recovery.md). An unknown address gets the same
 * answer and no mail, unless the tenant creates users on their first magic-link sign-in.
 */
public interface MagicLinkUseCase {

    /**
     * The native request: mails a link to {@code redirectUrl} with the code and address in its query.
     *
     * @throws dev.gatehouse.domain.error.InvalidInput when {@code redirectUrl} is not an allowed redirect URL
     */
    void request(RequestCommand command);

    /**
     * StaticBackend's {@code POST /login/magic}: the caller writes the mail, within the anti-relay rules (a
     * body with {@code [link]}, an allowed link, an allowed sender).
     *
     * @throws dev.gatehouse.domain.error.InvalidInput naming the field that breaks a rule; nothing is sent
     */
    void requestComposed(ComposedCommand command);

    /**
     * Signs in with the address and the code from the link, once.
     *
     * @throws dev.gatehouse.domain.error.InvalidCode for a wrong, used, expired or exhausted code, or an address
     *                                                without one
     */
    SignInOutcome signIn(SignInCommand command);

    record RequestCommand(TenantId tenantId, EmailAddress email, String redirectUrl, ClientInfo client) {
    }

    /** Fields as StaticBackend's clients send them; null for absent ones. */
    record ComposedCommand(TenantId tenantId, EmailAddress email, String fromEmail, String fromName, String subject,
                           String body, String link, ClientInfo client) {
    }

    record SignInCommand(TenantId tenantId, EmailAddress email, String code, ClientInfo client, TokenProfile profile) {
    }
}
