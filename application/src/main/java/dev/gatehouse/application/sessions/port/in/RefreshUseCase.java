package dev.gatehouse.application.sessions.port.in;

import dev.gatehouse.application.port.in.Authenticated;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;

/**
 * Exchanges a refresh token for a new access token and a NEW refresh token; the presented one becomes
 * invalid. Presenting an already-used refresh token after the grace window ends the whole session.
 */
public interface RefreshUseCase {

    Authenticated refresh(Command command);

    record Command(TenantId tenantId, String refreshToken, ClientInfo client) {
        @Override
        public String toString() {
            return "Command[tenantId=" + tenantId + "]";
        }
    }
}
