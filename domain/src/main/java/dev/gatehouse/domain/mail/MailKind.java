package dev.gatehouse.domain.mail;

import dev.gatehouse.domain.WireNames;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.Locale;
import java.util.Set;

/**
 * The mails Gatehouse sends. Each kind names the placeholders its templates may use; {@code email}
 * (the recipient) and {@code tenant} (the tenant's name) are available to every kind. On the wire a
 * kind is written in lower kebab case ({@code password-reset}).
 */
public enum MailKind {
    PASSWORD_RESET(Set.of("code", "link", "expiresInMinutes")),
    MAGIC_LINK(Set.of("code", "link", "expiresInMinutes")),
    EMAIL_VERIFICATION(Set.of("code", "link", "expiresInMinutes")),
    INVITATION(Set.of("code", "link", "expiresInMinutes", "inviter")),
    PASSWORD_CHANGED(Set.of("changedAt")),
    MFA_ENABLED(Set.of("changedAt")),
    MFA_DISABLED(Set.of("changedAt")),
    /** To the new address of an email change: the code that confirms it. */
    EMAIL_CHANGE(Set.of("code", "expiresInMinutes")),
    /** To the current address when an email change starts; {@code newEmailMasked} shows the new address masked. */
    EMAIL_CHANGE_REQUESTED(Set.of("newEmailMasked", "requestedAt", "expiresInMinutes")),
    /** To the old address once an email change is confirmed, with the link that undoes it. */
    EMAIL_CHANGED(Set.of("newEmailMasked", "changedAt", "link", "token", "expiresInDays"));

    /** Placeholders every kind offers, filled in by the composer itself. */
    public static final Set<String> COMMON_PLACEHOLDERS = Set.of("email", "tenant");

    private final Set<String> placeholders;

    MailKind(Set<String> own) {
        java.util.HashSet<String> all = new java.util.HashSet<>(own);
        all.addAll(Set.of("email", "tenant"));
        this.placeholders = Set.copyOf(all);
    }

    /** Every placeholder a template of this kind may use (its own and the common ones). */
    public Set<String> placeholders() {
        return placeholders;
    }

    /** The wire name: {@code PASSWORD_RESET} is {@code password-reset}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name; refuses anything but the exact lower-kebab names. */
    public static MailKind fromSlug(String slug) {
        return WireNames.find(values(), MailKind::slug, slug).orElseThrow(() -> new InvalidInput("kind",
                "must be one of " + java.util.Arrays.stream(values()).map(MailKind::slug)
                        .collect(java.util.stream.Collectors.joining(", "))));
    }
}
