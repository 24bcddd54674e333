package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.WireNames;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.Locale;

/**
 * What StaticBackend's {@code POST /login/magic} mails (tenant setting {@code compatMagicLinkContent}, ADR 0014):
 * the tenant's magic-link template, ignoring the request's subject, body and sender name (the default), or the
 * caller's content, sanitized to text formatting and the one {@code [link]} link (an opt-in).
 */
public enum MagicLinkContent {
    TEMPLATE,
    CALLER;

    public static final MagicLinkContent DEFAULT = TEMPLATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInput naming {@code compatMagicLinkContent} for anything but {@code template} or {@code caller} */
    public static MagicLinkContent fromWireName(String value) {
        return WireNames.find(values(), MagicLinkContent::wireName, value).orElseThrow(() ->
                new InvalidInput("compatMagicLinkContent", "must be \"template\" or \"caller\""));
    }
}
