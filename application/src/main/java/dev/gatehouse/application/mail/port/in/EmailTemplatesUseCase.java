package dev.gatehouse.application.mail.port.in;

import dev.gatehouse.application.port.in.RootAuthority;

import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.MailTemplate;
import java.util.Set;

/** A tenant's mail templates (scope {@code settings:admin}); the next mail of the kind uses the new one. */
public interface EmailTemplatesUseCase {

    /**
     * A template as the API shows it.
     *
     * @param builtIn      true when the tenant has not set its own and this is the default
     * @param placeholders the placeholders a template of this kind may use
     */
    record View(MailKind kind, MailTemplate template, boolean builtIn, Set<String> placeholders) {
    }

    View get(RootAuthority authority, MailKind kind);

    /**
     * Replaces the tenant's template of this kind.
     *
     * @throws dev.gatehouse.domain.error.InvalidInput when it uses a placeholder the kind does not offer
     */
    View put(RootAuthority authority, MailKind kind, MailTemplate template);
}
