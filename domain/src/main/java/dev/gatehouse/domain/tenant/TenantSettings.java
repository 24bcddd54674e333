package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.user.EmailAddress;
import java.net.URI;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Per-tenant settings, all validated here: a {@code TenantSettings} that exists is valid.
 * <ul>
 *   <li>{@code allowedOrigins}: browser origins that may call the tenant's routes (exact
 *       {@code scheme://host[:port]}); the single entry {@code *} allows any origin, which the HTTP adapter
 *       answers without credentials.</li>
 *   <li>{@code passwordPolicy}: length range for new passwords.</li>
 *   <li>{@code allowedRedirectUrls}: absolute http(s) URLs that magic-link and reset links may point to.</li>
 *   <li>{@code defaultSender} (nullable) and {@code allowedSenders}: normalised email addresses.</li>
 *   <li>{@code requireEmailVerification}, {@code signupEnumerationProtection}, {@code magicLinkCreatesUser}.</li>
 *   <li>{@code rateLimits}: overrides of {@link RateLimitKind#defaultLimit()}.</li>
 *   <li>{@code trustedProxies}: IP addresses or CIDR blocks, in canonical form (see {@link IpRange}).</li>
 *   <li>{@code externalIssuers}: trusted external JWT issuers, unique by {@code iss}.</li>
 *   <li>{@code compatMagicLinkContent}: what StaticBackend's {@code POST /login/magic} mails (see
 *       {@link MagicLinkContent}); null means the default, the template.</li>
 *   <li>{@code mfa}: which users need a second factor to sign in (see {@link MfaPolicy}); null means the
 *       default, {@link MfaPolicy#OFF}.</li>
 * </ul>
 * Add a field by adding a component (and a variable of {@code Copy}), a {@code with...} method and a row in
 * {@link TenantSettingsFields}, the table that the audit, the HTTP codec and the stored document walk.
 */
public record TenantSettings(Set<String> allowedOrigins, PasswordPolicy passwordPolicy,
                             Set<String> allowedRedirectUrls, String defaultSender, Set<String> allowedSenders,
                             boolean requireEmailVerification, boolean signupEnumerationProtection,
                             boolean magicLinkCreatesUser, Map<RateLimitKind, RateLimit> rateLimits,
                             Set<String> trustedProxies, List<ExternalIssuer> externalIssuers,
                             MagicLinkContent compatMagicLinkContent, MfaPolicy mfa) {
    public static final String ANY_ORIGIN = "*";
    public static final int MAX_LIST_ENTRIES = 100;
    public static final int MAX_EXTERNAL_ISSUERS = 10;
    public static final int MAX_URL_LENGTH = 2000;
    public static final int MAX_ORIGIN_LENGTH = 300;
    public static final TenantSettings DEFAULT = new TenantSettings(Set.of(), PasswordPolicy.DEFAULT);

    public TenantSettings {
        Objects.requireNonNull(passwordPolicy, "password policy");
        allowedOrigins = normaliseAll(allowedOrigins, "allowedOrigins", TenantSettings::normaliseOrigin);
        allowedRedirectUrls = normaliseAll(allowedRedirectUrls, "allowedRedirectUrls", TenantSettings::normaliseRedirectUrl);
        defaultSender = defaultSender == null ? null : email(defaultSender, "defaultSender");
        allowedSenders = normaliseAll(allowedSenders, "allowedSenders", sender -> email(sender, "allowedSenders"));
        rateLimits = rateLimits == null || rateLimits.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(requireNoNulls(rateLimits)));
        trustedProxies = normaliseAll(trustedProxies, "trustedProxies", proxy -> IpRange.parse(proxy).toString());
        externalIssuers = externalIssuers == null ? List.of() : List.copyOf(externalIssuers);
        compatMagicLinkContent = compatMagicLinkContent == null ? MagicLinkContent.DEFAULT : compatMagicLinkContent;
        mfa = mfa == null ? MfaPolicy.DEFAULT : mfa;
        if (externalIssuers.size() > MAX_EXTERNAL_ISSUERS) {
            throw new InvalidInput("externalIssuers", "at most " + MAX_EXTERNAL_ISSUERS + " issuers");
        }
        Set<String> issuers = new HashSet<>();
        for (ExternalIssuer issuer : externalIssuers) {
            if (!issuers.add(issuer.issuer())) {
                throw new InvalidInput("externalIssuers.issuer", "each issuer may appear only once");
            }
        }
    }

    /** Only origins and password policy; everything else at its default. */
    public TenantSettings(Set<String> allowedOrigins, PasswordPolicy passwordPolicy) {
        this(allowedOrigins, passwordPolicy, Set.of(), null, Set.of(), false, false, false, Map.of(), Set.of(), List.of());
    }

    /** Every setting but {@code compatMagicLinkContent} and {@code mfa}, which are at their defaults. */
    public TenantSettings(Set<String> allowedOrigins, PasswordPolicy passwordPolicy,
                          Set<String> allowedRedirectUrls, String defaultSender, Set<String> allowedSenders,
                          boolean requireEmailVerification, boolean signupEnumerationProtection,
                          boolean magicLinkCreatesUser, Map<RateLimitKind, RateLimit> rateLimits,
                          Set<String> trustedProxies, List<ExternalIssuer> externalIssuers) {
        this(allowedOrigins, passwordPolicy, allowedRedirectUrls, defaultSender, allowedSenders, requireEmailVerification,
                signupEnumerationProtection, magicLinkCreatesUser, rateLimits, trustedProxies, externalIssuers,
                MagicLinkContent.DEFAULT, MfaPolicy.DEFAULT);
    }

    public TenantSettings withAllowedOrigins(Set<String> value) {
        return copy(c -> c.allowedOrigins = value);
    }

    public TenantSettings withPasswordPolicy(PasswordPolicy value) {
        return copy(c -> c.passwordPolicy = value);
    }

    public TenantSettings withAllowedRedirectUrls(Set<String> value) {
        return copy(c -> c.allowedRedirectUrls = value);
    }

    public TenantSettings withDefaultSender(String value) {
        return copy(c -> c.defaultSender = value);
    }

    public TenantSettings withAllowedSenders(Set<String> value) {
        return copy(c -> c.allowedSenders = value);
    }

    public TenantSettings withRequireEmailVerification(boolean value) {
        return copy(c -> c.requireEmailVerification = value);
    }

    public TenantSettings withSignupEnumerationProtection(boolean value) {
        return copy(c -> c.signupEnumerationProtection = value);
    }

    public TenantSettings withMagicLinkCreatesUser(boolean value) {
        return copy(c -> c.magicLinkCreatesUser = value);
    }

    public TenantSettings withCompatMagicLinkContent(MagicLinkContent value) {
        return copy(c -> c.compatMagicLinkContent = value);
    }

    public TenantSettings withMfa(MfaPolicy value) {
        return copy(c -> c.mfa = value);
    }

    public TenantSettings withRateLimits(Map<RateLimitKind, RateLimit> value) {
        return copy(c -> c.rateLimits = value);
    }

    /** One override set ({@code limit} non-null) or removed ({@code limit} null), the others kept. */
    public TenantSettings withRateLimit(RateLimitKind kind, RateLimit limit) {
        Map<RateLimitKind, RateLimit> copy = new EnumMap<>(RateLimitKind.class);
        copy.putAll(rateLimits);
        if (limit == null) {
            copy.remove(kind);
        } else {
            copy.put(kind, limit);
        }
        return withRateLimits(copy);
    }

    public TenantSettings withTrustedProxies(Set<String> value) {
        return copy(c -> c.trustedProxies = value);
    }

    public TenantSettings withExternalIssuers(List<ExternalIssuer> value) {
        return copy(c -> c.externalIssuers = value);
    }

    public boolean allowsAnyOrigin() {
        return allowedOrigins.contains(ANY_ORIGIN);
    }

    public boolean allowsOrigin(String origin) {
        return origin != null && (allowsAnyOrigin() || allowedOrigins.contains(origin.toLowerCase(Locale.ROOT)));
    }

    /** The tenant's override for {@code kind}, else the default. */
    public RateLimit rateLimit(RateLimitKind kind) {
        RateLimit override = rateLimits.get(kind);
        return override != null ? override : kind.defaultLimit();
    }

    /** True when {@code address} (an IP literal, e.g. the socket peer) is one of the trusted proxies. */
    public boolean isTrustedProxy(String address) {
        for (String proxy : trustedProxies) {
            if (IpRange.parse(proxy).contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code url} is exactly one of the allowed redirect URLs. */
    public boolean allowsRedirectUrl(String url) {
        return url != null && allowedRedirectUrls.contains(url.strip());
    }

    public Optional<ExternalIssuer> externalIssuer(String iss) {
        for (ExternalIssuer issuer : externalIssuers) {
            if (issuer.issuer().equals(iss)) {
                return Optional.of(issuer);
            }
        }
        return Optional.empty();
    }

    /** The wire names of the fields that differ from {@code before}, in {@link TenantSettingsFields} order (for the audit log). */
    public List<String> changedFields(TenantSettings before) {
        return TenantSettingsFields.ALL.stream().filter(field -> field.differs(this, before)).map(SettingsField::name)
                .toList();
    }

    private TenantSettings copy(Consumer<Copy> change) {
        Copy copy = new Copy();
        change.accept(copy);
        return copy.settings();
    }

    /** This settings' components as variables, so that each {@code with...} method names only the one it changes. */
    private final class Copy {
        private Set<String> allowedOrigins = TenantSettings.this.allowedOrigins;
        private PasswordPolicy passwordPolicy = TenantSettings.this.passwordPolicy;
        private Set<String> allowedRedirectUrls = TenantSettings.this.allowedRedirectUrls;
        private String defaultSender = TenantSettings.this.defaultSender;
        private Set<String> allowedSenders = TenantSettings.this.allowedSenders;
        private boolean requireEmailVerification = TenantSettings.this.requireEmailVerification;
        private boolean signupEnumerationProtection = TenantSettings.this.signupEnumerationProtection;
        private boolean magicLinkCreatesUser = TenantSettings.this.magicLinkCreatesUser;
        private Map<RateLimitKind, RateLimit> rateLimits = TenantSettings.this.rateLimits;
        private Set<String> trustedProxies = TenantSettings.this.trustedProxies;
        private List<ExternalIssuer> externalIssuers = TenantSettings.this.externalIssuers;
        private MagicLinkContent compatMagicLinkContent = TenantSettings.this.compatMagicLinkContent;
        private MfaPolicy mfa = TenantSettings.this.mfa;

        private TenantSettings settings() {
            return new TenantSettings(allowedOrigins, passwordPolicy, allowedRedirectUrls, defaultSender, allowedSenders,
                    requireEmailVerification, signupEnumerationProtection, magicLinkCreatesUser, rateLimits,
                    trustedProxies, externalIssuers, compatMagicLinkContent, mfa);
        }
    }

    private static Set<String> normaliseAll(Set<String> values, String field,
                                            java.util.function.UnaryOperator<String> normalise) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        if (values.size() > MAX_LIST_ENTRIES) {
            throw new InvalidInput(field, "at most " + MAX_LIST_ENTRIES + " entries");
        }
        return values.stream().map(value -> {
            if (value == null) {
                throw new InvalidInput(field, "entries must not be null");
            }
            return normalise.apply(value);
        }).collect(Collectors.toUnmodifiableSet());
    }

    private static <K, V> Map<K, V> requireNoNulls(Map<K, V> map) {
        map.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new InvalidInput("rateLimits", "entries must not be null");
            }
        });
        return map;
    }

    private static String email(String value, String field) {
        try {
            return new EmailAddress(value).value();
        } catch (InvalidInput e) {
            throw new InvalidInput(field, "must be a valid email address");
        }
    }

    private static String normaliseRedirectUrl(String url) {
        String value = url.strip();
        if (value.length() <= MAX_URL_LENGTH) {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                        && uri.getRawUserInfo() == null && uri.getRawFragment() == null) {
                    return value;
                }
            } catch (java.net.URISyntaxException e) {
                // refused below
            }
        }
        throw new InvalidInput("allowedRedirectUrls",
                "each entry must be an absolute http(s) URL without user info or fragment, at most " + MAX_URL_LENGTH
                        + " characters");
    }

    private static String normaliseOrigin(String origin) {
        if (ANY_ORIGIN.equals(origin)) {
            return origin;
        }
        try {
            if (origin.length() > MAX_ORIGIN_LENGTH) {
                throw new InvalidInput("allowedOrigins", "each entry must be at most " + MAX_ORIGIN_LENGTH + " characters");
            }
            URI uri = new URI(origin);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            boolean bare = uri.getHost() != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            if (http && bare) {
                return origin.toLowerCase(Locale.ROOT);
            }
        } catch (java.net.URISyntaxException | NullPointerException e) {
            // falls through to the refusal below
        }
        throw new InvalidInput("allowedOrigins", "each entry must be '*' or an origin such as https://app.example.com");
    }
}
