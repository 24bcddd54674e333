package dev.gatehouse.adapters.http;

import dev.gatehouse.application.fakes.AllFeatures;
import dev.gatehouse.application.support.Settings;

/** Test wiring: the production equivalent lives in bootstrap, which alone may see application.service. */
final class TestServices {
    private TestServices() {
    }

    static HttpApi.Services from(AllFeatures useCases) {
        return new HttpApi.Services(useCases.registerUser(), useCases.login(), useCases.authenticate(),
                useCases.currentUser(), useCases.resolveTenant(), useCases.allowedOrigins(), useCases.readiness(),
                useCases.refresh(), useCases.signOut(), useCases.ownSessions(), useCases.authenticateRoot(),
                useCases.impersonate(), useCases.listAccountUsers(), useCases.addAccountUser(),
                useCases.removeAccountUser(), useCases.changeUserRole(), useCases.account(), useCases.signingKeys(),
                useCases.apiKeys(), useCases.introspect(), useCases.adminSessions(), useCases.provisionTenant(),
                useCases.adminUsers(), useCases.tenantSettings(), useCases.externalTokens(), recovery(useCases),
                useCases.devMailbox(), useCases.emailTemplates(),
                useCases.auditEvents());
    }

    static HttpApi.Recovery recovery(AllFeatures useCases) {
        return new HttpApi.Recovery(useCases.passwordReset(), useCases.magicLinks(), useCases.emailVerification(),
                useCases.changePassword());
    }
}
