package dev.gatehouse.adapters.http.tenants;

import dev.gatehouse.adapters.http.web.JsonNodeValues;
import static dev.gatehouse.adapters.http.web.JsonNodeValues.bool;
import static dev.gatehouse.adapters.http.web.JsonNodeValues.describe;
import static dev.gatehouse.adapters.http.web.JsonNodeValues.integer;
import static dev.gatehouse.adapters.http.web.JsonNodeValues.object;
import static dev.gatehouse.adapters.http.web.JsonNodeValues.optionalText;
import static dev.gatehouse.adapters.http.web.JsonNodeValues.stringSet;
import static dev.gatehouse.adapters.http.web.JsonNodeValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.application.tenants.port.in.TenantSettingsUseCase;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.ExternalIssuer;
import dev.gatehouse.domain.tenant.RateLimit;
import dev.gatehouse.domain.tenant.RateLimitKind;
import dev.gatehouse.domain.tenant.SettingsField;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.tenant.TenantSettingsFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
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
 * absent stays as it is, {@code null} resets it to its default, an object ({@code passwordPolicy}, {@code mfa},
 * {@code rateLimits} and each of its limits) is merged member by member, and an array replaces the whole list.
 * In {@code externalIssuers}, an entry that repeats a stored issuer's {@code issuer} without a
 * {@code hs256Secret} or {@code jwksUrl} keeps the stored secret, so that a client can send back what it read.
 * Unknown or read-only members are refused with a 400 that names them.
 */
public final class TenantSettingsJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ISSUER_FIELDS = Set.of("issuer", "hs256Secret", "jwksUrl", "algorithms",
            "audience", "userClaim", "userLookup", "hs256SecretSet", "invalid"); // the last two: read-only, ignored

    private TenantSettingsJson() {
    }

    /** The settings as JSON, secrets shown only as present; {@code rateLimitDefaults} is read-only. */
    public static ObjectNode render(TenantSettings settings) {
        ObjectNode root = NODES.objectNode();
        for (SettingsField<?> field : TenantSettingsFields.ALL) {
            String name = field.name();
            switch (field) {
                case SettingsField.Flag flag -> root.put(name, flag.get(settings));
                case SettingsField.Text text -> root.put(name, text.get(settings)); // null stays a JSON null
                case SettingsField.TextSet set -> strings(root.putArray(name), set.get(settings));
                case SettingsField.Choice<?> choice -> root.put(name, choice.wireName(settings));
                case SettingsField.ChoiceObject<?> choice -> root.putObject(name).put(choice.member(), choice.wireName(settings));
                case SettingsField.Passwords passwords -> {
                    PasswordPolicy policy = passwords.get(settings);
                    root.putObject(name).put("minLength", policy.minLength()).put("maxLength", policy.maxLength())
                            .put("screening", policy.screening());
                }
                case SettingsField.Limits limits -> {
                    ObjectNode overrides = root.putObject(name);
                    limits.get(settings).forEach((kind, limit) -> limit(overrides.putObject(kind.wireName()), limit));
                    ObjectNode defaults = root.putObject("rateLimitDefaults");
                    for (RateLimitKind kind : RateLimitKind.values()) {
                        limit(defaults.putObject(kind.wireName()), kind.defaultLimit());
                    }
                }
                case SettingsField.Issuers issuers -> issuers(root.putArray(name), issuers.get(settings));
            }
        }
        return root;
    }

    private static void issuers(ArrayNode array, List<ExternalIssuer> issuers) {
        for (ExternalIssuer issuer : issuers) {
            ObjectNode node = array.addObject().put("issuer", issuer.issuer());
            if (issuer.usesSecret()) {
                node.put("hs256SecretSet", true);
            } else {
                node.put("jwksUrl", issuer.jwksUrl());
            }
            strings(node.putArray("algorithms"), issuer.algorithms());
            node.put("audience", issuer.audience()); // null stays a JSON null
            node.put("userClaim", issuer.userClaim()).put("userLookup", issuer.userLookup().wireName());
            issuer.invalidReason().ifPresent(reason -> node.put("invalid", reason)); // matches no token until fixed
        }
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
            if (name.equals("rateLimitDefaults")) {
                throw new InvalidInput(name, "is read-only (the built-in defaults); set an override in rateLimits");
            }
            SettingsField<?> field = TenantSettingsFields.named(name).orElseThrow(() -> new InvalidInput(shown(name),
                    "is not a tenant setting; known: " + String.join(", ", new TreeSet<>(TenantSettingsFields.names()))));
            steps.add(step(field, member.getValue()));
        }
        return current -> {
            TenantSettings next = current;
            for (UnaryOperator<TenantSettings> step : steps) {
                next = step.apply(next);
            }
            return next;
        };
    }

    /** One member of a patch, its type checked now; {@code null} resets the field to its default. */
    private static UnaryOperator<TenantSettings> step(SettingsField<?> field, JsonNode value) {
        String name = field.name();
        boolean reset = value.isNull();
        return switch (field) {
            case SettingsField.Flag flag -> {
                boolean v = reset ? flag.defaultValue() : bool(value, name);
                yield s -> flag.with(s, v);
            }
            case SettingsField.Text text -> {
                String v = reset ? text.defaultValue() : text(value, name);
                yield s -> text.with(s, v);
            }
            case SettingsField.TextSet set -> {
                Set<String> v = reset ? set.defaultValue() : stringSet(value, name);
                yield s -> set.with(s, v);
            }
            case SettingsField.Choice<?> choice -> choice(choice, value);
            case SettingsField.ChoiceObject<?> choice -> reset ? choice::reset : choiceObject(choice, value);
            case SettingsField.Passwords passwords -> reset ? passwords::reset : passwordPolicy(passwords, value);
            case SettingsField.Limits limits -> reset ? limits::reset : rateLimits(value);
            case SettingsField.Issuers issuers -> reset ? issuers::reset : externalIssuers(issuers, value);
        };
    }

    private static <E> UnaryOperator<TenantSettings> choice(SettingsField.Choice<E> field, JsonNode value) {
        E v = value.isNull() ? field.defaultValue() : field.parse(text(value, field.name()));
        return s -> field.with(s, v);
    }

    /** Its one member: absent keeps the value, {@code null} resets it; any other member is refused. */
    private static <E> UnaryOperator<TenantSettings> choiceObject(SettingsField.ChoiceObject<E> field, JsonNode value) {
        ObjectNode object = object(value, field.name());
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(field.member())) {
                throw new InvalidInput(shown(field.name() + "." + name),
                        "is not part of " + field.name() + "; known: " + field.member());
            }
        }
        JsonNode member = object.get(field.member());
        if (member == null) {
            return UnaryOperator.identity();
        }
        E v = member.isNull() ? field.defaultValue() : field.parse(text(member, field.name() + "." + field.member()));
        return s -> field.with(s, v);
    }

    private static UnaryOperator<TenantSettings> passwordPolicy(SettingsField.Passwords policyField, JsonNode value) {
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
        return s -> policyField.with(s, new PasswordPolicy(
                newMin.orElse(defaultMin ? PasswordPolicy.DEFAULT_MIN_LENGTH : s.passwordPolicy().minLength()),
                newMax.orElse(defaultMax ? PasswordPolicy.DEFAULT_MAX_LENGTH : s.passwordPolicy().maxLength()),
                newScreening.orElse(s.passwordPolicy().screening())));
    }

    private static UnaryOperator<TenantSettings> rateLimits(JsonNode value) {
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

    private static UnaryOperator<TenantSettings> externalIssuers(SettingsField.Issuers field, JsonNode value) {
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
            return field.with(s, issuers);
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

    /** A caller-chosen member name, shortened for the problem's field and detail. */
    private static String shown(String name) {
        return name.length() > 80 ? name.substring(0, 80) + "..." : name;
    }
}
