package dev.gatehouse.domain.tenant;

import java.util.List;
import java.util.Optional;

/**
 * The table of tenant settings that the HTTP codec ({@code GET|PATCH /v1/admin/settings}) and the stored document
 * both walk, in the order they are shown and audited. A new setting is a component of {@link TenantSettings} with
 * its {@code with...} method and one row here; the codecs need a change only for a new kind of value.
 */
public final class TenantSettingsFields {
    public static final SettingsField.TextSet ALLOWED_ORIGINS = new SettingsField.TextSet("allowedOrigins",
            TenantSettings::allowedOrigins, TenantSettings::withAllowedOrigins);
    public static final SettingsField.Passwords PASSWORD_POLICY = new SettingsField.Passwords("passwordPolicy",
            TenantSettings::passwordPolicy, TenantSettings::withPasswordPolicy);

    /** Every setting, in wire order. */
    public static final List<SettingsField<?>> ALL = List.of(
            ALLOWED_ORIGINS,
            PASSWORD_POLICY,
            new SettingsField.TextSet("allowedRedirectUrls",
                    TenantSettings::allowedRedirectUrls, TenantSettings::withAllowedRedirectUrls),
            new SettingsField.Text("defaultSender", TenantSettings::defaultSender, TenantSettings::withDefaultSender),
            new SettingsField.TextSet("allowedSenders", TenantSettings::allowedSenders, TenantSettings::withAllowedSenders),
            new SettingsField.Flag("requireEmailVerification",
                    TenantSettings::requireEmailVerification, TenantSettings::withRequireEmailVerification),
            new SettingsField.Flag("signupEnumerationProtection",
                    TenantSettings::signupEnumerationProtection, TenantSettings::withSignupEnumerationProtection),
            new SettingsField.Flag("magicLinkCreatesUser",
                    TenantSettings::magicLinkCreatesUser, TenantSettings::withMagicLinkCreatesUser),
            new SettingsField.Choice<>("compatMagicLinkContent", TenantSettings::compatMagicLinkContent,
                    TenantSettings::withCompatMagicLinkContent, MagicLinkContent::fromWireName, MagicLinkContent::wireName),
            new SettingsField.Limits("rateLimits", TenantSettings::rateLimits, TenantSettings::withRateLimits),
            new SettingsField.TextSet("trustedProxies", TenantSettings::trustedProxies, TenantSettings::withTrustedProxies),
            new SettingsField.Issuers("externalIssuers",
                    TenantSettings::externalIssuers, TenantSettings::withExternalIssuers),
            new SettingsField.ChoiceObject<>("mfa", "required", TenantSettings::mfa, TenantSettings::withMfa,
                    MfaPolicy::fromWireName, MfaPolicy::wireName));

    private TenantSettingsFields() {
    }

    public static Optional<SettingsField<?>> named(String name) {
        return ALL.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    /** The names of every setting, in wire order. */
    public static List<String> names() {
        return ALL.stream().map(SettingsField::name).toList();
    }
}
