package dev.gatehouse.adapters.http.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.application.tenants.port.in.TenantSettingsUseCase;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.ExternalIssuer;
import dev.gatehouse.domain.tenant.MagicLinkContent;
import dev.gatehouse.domain.tenant.RateLimit;
import dev.gatehouse.domain.tenant.RateLimitKind;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The wire form of tenant settings ({@code GET|PATCH /v1/admin/settings}, {@code gatehouse tenant set}).
 *
 * <p>{@link #render} never writes an external issuer's HS256 secret: the issuer shows
 * {@code "hs256SecretSet": true} instead. {@link #patch} reads a JSON merge patch (RFC 7396): a member that is
 * absent stays as it is, {@code null} resets it to its default, an object ({@code passwordPolicy},
 * {@code rateLimits} and each of its limits) is merged member by member, and an array replaces the whole list.
 * In {@code externalIssuers}, an entry that repeats a stored issuer's {@code issuer} without a
 * {@code hs256Secret} or {@code jwksUrl} keeps the stored secret, so that a client can send back what it read.
 * Unknown or read-only members are refused with a 400 that names them.
 */
public final class TenantSettingsJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TOP_LEVEL = Set.of("allowedOrigins", "passwordPolicy", "allowedRedirectUrls",
            "defaultSender", "allowedSenders", "requireEmailVerification", "signupEnumerationProtection",
            "magicLinkCreatesUser", "compatMagicLinkContent", "rateLimits", "trustedProxies", "externalIssuers");
    private static final Set<String> ISSUER_FIELDS = Set.of("issuer", "hs256Secret", "jwksUrl", "algorithms",
            "audience", "userClaim", "userLookup", "hs256SecretSet", "invalid"); // the last two: read-only, ignored

    private TenantSettingsJson() {
    }

    /** The settings as JSON, secrets shown only as present; {@code rateLimitDefaults} is read-only. */
    public static ObjectNode render(TenantSettings settings) {
        ObjectNode root = NODES.objectNode();
        strings(root.putArray("allowedOrigins"), settings.allowedOrigins());
        root.putObject("passwordPolicy").put("minLength", settings.passwordPolicy().minLength())
                .put("maxLength", settings.passwordPolicy().maxLength())
                .put("screening", settings.passwordPolicy().screening());
        strings(root.putArray("allowedRedirectUrls"), settings.allowedRedirectUrls());
        if (settings.defaultSender() == null) {
            root.putNull("defaultSender");
        } else {
            root.put("defaultSender", settings.defaultSender());
        }
        strings(root.putArray("allowedSenders"), settings.allowedSenders());
        root.put("requireEmailVerification", settings.requireEmailVerification());
        root.put("signupEnumerationProtection", settings.signupEnumerationProtection());
        root.put("magicLinkCreatesUser", settings.magicLinkCreatesUser());
        root.put("compatMagicLinkContent", settings.compatMagicLinkContent().wireName());
        ObjectNode overrides = root.putObject("rateLimits");
        settings.rateLimits().forEach((kind, limit) -> limit(overrides.putObject(kind.wireName()), limit));
        ObjectNode defaults = root.putObject("rateLimitDefaults");
        for (RateLimitKind kind : RateLimitKind.values()) {
            limit(defaults.putObject(kind.wireName()), kind.defaultLimit());
        }
        strings(root.putArray("trustedProxies"), settings.trustedProxies());
        ArrayNode issuers = root.putArray("externalIssuers");
        for (ExternalIssuer issuer : settings.externalIssuers()) {
            ObjectNode node = issuers.addObject().put("issuer", issuer.issuer());
            if (issuer.usesSecret()) {
                node.put("hs256SecretSet", true);
            } else {
                node.put("jwksUrl", issuer.jwksUrl());
            }
            strings(node.putArray("algorithms"), issuer.algorithms());
            if (issuer.audience() == null) {
                node.putNull("audience");
            } else {
                node.put("audience", issuer.audience());
            }
            node.put("userClaim", issuer.userClaim()).put("userLookup", issuer.userLookup().wireName());
            issuer.invalidReason().ifPresent(reason -> node.put("invalid", reason)); // matches no token until fixed
        }
        return root;
    }

    /**
     * The change a merge patch describes, applied to whatever settings are stored when it runs.
     *
     * @throws InvalidInput naming the member when the patch has an unknown member or a member of the wrong type
     *         (checked here, before anything is read); values are checked by the domain when the change runs
     */
    public static TenantSettingsUseCase.Change patch(ObjectNode patch) {
        List<UnaryOperator<TenantSettings>> steps = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode value = member.getValue();
            boolean reset = value.isNull();
            steps.add(switch (name) {
                case "allowedOrigins" -> {
                    Set<String> v = reset ? Set.of() : stringSet(value, name);
                    yield s -> s.withAllowedOrigins(v);
                }
                case "allowedRedirectUrls" -> {
                    Set<String> v = reset ? Set.of() : stringSet(value, name);
                    yield s -> s.withAllowedRedirectUrls(v);
                }
                case "allowedSenders" -> {
                    Set<String> v = reset ? Set.of() : stringSet(value, name);
                    yield s -> s.withAllowedSenders(v);
                }
                case "trustedProxies" -> {
                    Set<String> v = reset ? Set.of() : stringSet(value, name);
                    yield s -> s.withTrustedProxies(v);
                }
                case "defaultSender" -> {
                    String v = reset ? null : text(value, name);
                    yield s -> s.withDefaultSender(v);
                }
                case "requireEmailVerification" -> {
                    boolean v = !reset && bool(value, name);
                    yield s -> s.withRequireEmailVerification(v);
                }
                case "signupEnumerationProtection" -> {
                    boolean v = !reset && bool(value, name);
                    yield s -> s.withSignupEnumerationProtection(v);
                }
                case "magicLinkCreatesUser" -> {
                    boolean v = !reset && bool(value, name);
                    yield s -> s.withMagicLinkCreatesUser(v);
                }
                case "compatMagicLinkContent" -> {
                    MagicLinkContent v = reset ? MagicLinkContent.DEFAULT
                            : MagicLinkContent.fromWireName(text(value, name));
                    yield s -> s.withCompatMagicLinkContent(v);
                }
                case "passwordPolicy" -> passwordPolicy(value);
                case "rateLimits" -> rateLimits(value);
                case "externalIssuers" -> externalIssuers(value);
                case "rateLimitDefaults" -> throw new InvalidInput(name, "is read-only (the built-in defaults);"
                        + " set an override in rateLimits");
                default -> throw new InvalidInput(shown(name), "is not a tenant setting; known: "
                        + String.join(", ", new TreeSet<>(TOP_LEVEL)));
            });
        }
        return current -> {
            TenantSettings next = current;
            for (UnaryOperator<TenantSettings> step : steps) {
                next = step.apply(next);
            }
            return next;
        };
    }

    private static UnaryOperator<TenantSettings> passwordPolicy(JsonNode value) {
        if (value.isNull()) {
            return s -> s.withPasswordPolicy(PasswordPolicy.DEFAULT);
        }
        ObjectNode object = object(value, "passwordPolicy");
        Optional<Integer> min = Optional.empty();
        Optional<Integer> max = Optional.empty();
        Optional<Boolean> screening = Optional.empty();
        boolean resetMin = false;
        boolean resetMax = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String field = "passwordPolicy." + member.getKey();
            switch (member.getKey()) {
                case "minLength" -> {
                    resetMin = member.getValue().isNull();
                    min = resetMin ? Optional.empty() : Optional.of(integer(member.getValue(), field));
                }
                case "maxLength" -> {
                    resetMax = member.getValue().isNull();
                    max = resetMax ? Optional.empty() : Optional.of(integer(member.getValue(), field));
                }
                case "screening" -> screening = Optional.of(member.getValue().isNull()
                        ? PasswordPolicy.DEFAULT_SCREENING : bool(member.getValue(), field));
                default -> throw new InvalidInput(shown(field),
                        "is not a password policy setting; known: minLength, maxLength, screening");
            }
        }
        Optional<Integer> newMin = min;
        Optional<Integer> newMax = max;
        boolean defaultMin = resetMin;
        boolean defaultMax = resetMax;
        Optional<Boolean> newScreening = screening;
        return s -> s.withPasswordPolicy(new PasswordPolicy(
                newMin.orElse(defaultMin ? PasswordPolicy.DEFAULT_MIN_LENGTH : s.passwordPolicy().minLength()),
                newMax.orElse(defaultMax ? PasswordPolicy.DEFAULT_MAX_LENGTH : s.passwordPolicy().maxLength()),
                newScreening.orElse(s.passwordPolicy().screening())));
    }

    private static UnaryOperator<TenantSettings> rateLimits(JsonNode value) {
        if (value.isNull()) {
            return s -> s.withRateLimits(Map.of());
        }
        ObjectNode object = object(value, "rateLimits");
        List<UnaryOperator<TenantSettings>> steps = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String field = "rateLimits." + member.getKey();
            RateLimitKind kind;
            try {
                kind = RateLimitKind.fromWireName(member.getKey());
            } catch (InvalidInput e) {
                throw new InvalidInput(shown(field), "is not a rate limit; known: " + String.join(", ",
                        java.util.Arrays.stream(RateLimitKind.values()).map(RateLimitKind::wireName).toList()));
            }
            if (member.getValue().isNull()) {
                steps.add(s -> s.withRateLimit(kind, null));
                continue;
            }
            ObjectNode limit = object(member.getValue(), field);
            Optional<Integer> count = Optional.empty();
            Optional<Integer> seconds = Optional.empty();
            for (Iterator<Map.Entry<String, JsonNode>> parts = limit.fields(); parts.hasNext(); ) {
                Map.Entry<String, JsonNode> part = parts.next();
                String partField = field + "." + part.getKey();
                switch (part.getKey()) {
                    case "limit" -> count = Optional.of(integer(part.getValue(), partField));
                    case "windowSeconds" -> seconds = Optional.of(integer(part.getValue(), partField));
                    default -> throw new InvalidInput(shown(partField), "is not part of a rate limit; known: limit, windowSeconds");
                }
            }
            Optional<Integer> newCount = count;
            Optional<Integer> newSeconds = seconds;
            steps.add(s -> {
                RateLimit effective = s.rateLimit(kind);
                try {
                    return s.withRateLimit(kind, new RateLimit(newCount.orElse(effective.limit()),
                            newSeconds.map(Duration::ofSeconds).orElse(effective.window())));
                } catch (InvalidInput e) {
                    throw new InvalidInput(field + e.field().substring("rateLimits".length()), detail(e));
                }
            });
        }
        return s -> {
            TenantSettings next = s;
            for (UnaryOperator<TenantSettings> step : steps) {
                next = step.apply(next);
            }
            return next;
        };
    }

    private record IssuerEntry(String issuer, String secret, String jwksUrl, Set<String> algorithms, String audience,
                               String userClaim, ExternalIssuer.UserLookup lookup) {
    }

    private static UnaryOperator<TenantSettings> externalIssuers(JsonNode value) {
        if (value.isNull()) {
            return s -> s.withExternalIssuers(List.of());
        }
        if (!value.isArray()) {
            throw new InvalidInput("externalIssuers", "must be a JSON array of objects, not " + describe(value));
        }
        List<IssuerEntry> entries = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String prefix = "externalIssuers[" + i + "]";
            ObjectNode node = object(value.get(i), prefix);
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!ISSUER_FIELDS.contains(name)) {
                    throw new InvalidInput(shown(prefix + "." + name), "is not an external issuer setting; known: "
                            + "issuer, hs256Secret, jwksUrl, algorithms, audience, userClaim, userLookup");
                }
            }
            JsonNode algorithms = node.get("algorithms");
            JsonNode lookup = node.get("userLookup");
            entries.add(new IssuerEntry(optionalText(node, "issuer", prefix), optionalText(node, "hs256Secret", prefix),
                    optionalText(node, "jwksUrl", prefix),
                    algorithms == null || algorithms.isNull() ? null : stringSet(algorithms, prefix + ".algorithms"),
                    optionalText(node, "audience", prefix), optionalText(node, "userClaim", prefix),
                    lookup == null || lookup.isNull() ? null
                            : wrap(prefix, () -> ExternalIssuer.UserLookup.fromWireName(text(lookup, prefix + ".userLookup")))));
        }
        return s -> {
            List<ExternalIssuer> issuers = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                IssuerEntry entry = entries.get(i);
                String secret = entry.secret();
                if (secret == null && entry.jwksUrl() == null && entry.issuer() != null) {
                    secret = s.externalIssuer(entry.issuer().strip()).filter(ExternalIssuer::usesSecret)
                            .map(ExternalIssuer::hs256Secret).orElse(null);
                }
                String keptSecret = secret;
                issuers.add(wrap("externalIssuers[" + i + "]", () -> new ExternalIssuer(entry.issuer(), keptSecret,
                        entry.jwksUrl(), entry.algorithms(), entry.audience(), entry.userClaim(), entry.lookup())));
            }
            return s.withExternalIssuers(issuers);
        };
    }

    /** Runs {@code make}, renaming a refused {@code externalIssuers.x} to {@code externalIssuers[i].x}. */
    private static <T> T wrap(String prefix, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidInput e) {
            String field = e.field().startsWith("externalIssuers")
                    ? prefix + e.field().substring("externalIssuers".length()) : e.field();
            throw new InvalidInput(field, detail(e));
        }
    }

    /** The message of an InvalidInput without its "field: " prefix. */
    private static String detail(InvalidInput e) {
        String message = e.getMessage();
        String prefix = e.field() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static void limit(ObjectNode node, RateLimit limit) {
        node.put("limit", limit.limit()).put("windowSeconds", limit.window().toSeconds());
    }

    private static void strings(ArrayNode array, Set<String> values) {
        new TreeSet<>(values).forEach(array::add);
    }

    private static Set<String> stringSet(JsonNode value, String field) {
        if (!value.isArray()) {
            throw new InvalidInput(field, "must be a JSON array of strings, not " + describe(value));
        }
        if (value.size() > TenantSettings.MAX_LIST_ENTRIES) {
            throw new InvalidInput(field, "at most " + TenantSettings.MAX_LIST_ENTRIES + " entries");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode element : value) {
            values.add(text(element, field));
        }
        return values;
    }

    private static String optionalText(ObjectNode node, String name, String prefix) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : text(value, prefix + "." + name);
    }

    private static String text(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw new InvalidInput(field, "must be a JSON string, not " + describe(value));
        }
        String text = value.textValue();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInput(field, "must be valid Unicode text (it holds an unpaired surrogate escape)");
            }
        }
        return text;
    }

    private static boolean bool(JsonNode value, String field) {
        if (!value.isBoolean()) {
            throw new InvalidInput(field, "must be true or false, not " + describe(value));
        }
        return value.booleanValue();
    }

    private static int integer(JsonNode value, String field) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidInput(field, "must be a whole number, not " + describe(value));
        }
        return value.intValue();
    }

    private static ObjectNode object(JsonNode value, String field) {
        if (!value.isObject()) {
            throw new InvalidInput(field, "must be a JSON object, not " + describe(value));
        }
        return (ObjectNode) value;
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "another JSON type";
        };
    }

    /** A caller-chosen member name, shortened for the problem's field and detail. */
    private static String shown(String name) {
        return name.length() > 80 ? name.substring(0, 80) + "..." : name;
    }
}
