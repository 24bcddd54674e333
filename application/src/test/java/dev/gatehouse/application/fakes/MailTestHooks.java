package dev.gatehouse.application.fakes;

import dev.gatehouse.application.mail.MailComposer;

import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import java.util.Map;

/**
 * For tests outside this package (HTTP, end-to-end) that need a mail recorded the way a use case records
 * one, before or beside the routes that send mail: calls the package-private {@link MailComposer}.
 */
public final class MailTestHooks {
    private MailTestHooks() {
    }

    /** Records the mail in one unit of work, as a use case would. */
    public static void send(AllFeatures useCases, dev.gatehouse.application.port.out.TransactionRunner transactions,
                            Tenant tenant, MailKind kind, EmailAddress to, Map<String, String> values) {
        transactions.inTransaction(() -> {
            useCases.mailComposer().send(tenant, kind, to, values);
            return null;
        });
    }
}
