package dev.gatehouse.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.application.port.out.SecretSealer;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.ExternalIssuer;
import dev.gatehouse.domain.tenant.RateLimit;
import dev.gatehouse.domain.tenant.RateLimitKind;
import dev.gatehouse.domain.tenant.SettingsField;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.tenant.TenantSettingsFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The storage form of the tenant settings kept in {@code tenant.settings} (every field except allowed origins
 * and the password policy's length range, which have their own columns; the policy's {@code screening} flag is
 * kept here, as {@code passwordPolicy.screening}). Absent fields read as their defaults, so a row
 * written before a field existed still loads. Reading goes back through the domain constructors. External
 * issuers' HS256 secrets are sealed with the master key when a {@link SecretSealer} is configured.
 */
final class TenantSettingsDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TenantSettingsDocument() {
    }

    /** The AES-GCM context of a tenant's sealed issuer secret: it opens for this tenant and issuer only. */
    static String sealingContext(TenantId tenant, String issuer) {
        return "tenant-settings/external-issuer/" + tenant.value() + "/" + issuer;
    }

    /**
     * @param sealer seals each HS256 secret (stored as {@code hs256SecretSealed}); null stores it as given
     *               ({@code hs256Secret}), for wirings without a master key such as the persistence tests
     */
    static String write(TenantSettings settings, TenantId tenant, SecretSealer sealer) {
        ObjectNode root = JSON.createObjectNode();
        for (SettingsField<?> field : TenantSettingsFields.ALL) {
            String name = field.name();
            switch (field) {
                case SettingsField.Flag flag -> root.put(name, flag.get(settings));
                case SettingsField.Text text -> {
                    if (text.get(settings) != null) {
                        root.put(name, text.get(settings));
                    }
                }
                case SettingsField.TextSet set -> {
                    if (set != TenantSettingsFields.ALLOWED_ORIGINS) { // a column of its own
                        strings(root.putArray(name), set.get(settings));
                    }
                }
                case SettingsField.Choice<?> choice -> root.put(name, choice.wireName(settings));
                case SettingsField.ChoiceObject<?> choice -> root.putObject(name).put(choice.member(), choice.wireName(settings));
                // the length range has columns of its own
                case SettingsField.Passwords policy -> root.putObject(name).put("screening", policy.get(settings).screening());
                case SettingsField.Limits limits -> {
                    ObjectNode node = root.putObject(name);
                    limits.get(settings).forEach((kind, limit) -> node.putObject(kind.wireName())
                            .put("limit", limit.limit()).put("windowSeconds", limit.window().toSeconds()));
                }
                case SettingsField.Issuers issuers -> writeIssuers(root.putArray(name), issuers.get(settings), tenant, sealer);
            }
        }
        return root.toString();
    }

    private static void writeIssuers(ArrayNode array, List<ExternalIssuer> issuers, TenantId tenant, SecretSealer sealer) {
        for (ExternalIssuer issuer : issuers) {
            ObjectNode node = array.addObject().put("issuer", issuer.issuer());
            if (issuer.usesSecret() && sealer != null) {
                node.put("hs256SecretSealed", sealer.seal(issuer.hs256Secret(), sealingContext(tenant, issuer.issuer())));
            } else if (issuer.usesSecret()) {
                node.put("hs256Secret", issuer.hs256Secret());
            } else {
                node.put("jwksUrl", issuer.jwksUrl());
            }
            strings(node.putArray("algorithms"), issuer.algorithms());
            if (issuer.audience() != null) {
                node.put("audience", issuer.audience());
            }
            node.put("userClaim", issuer.userClaim()).put("userLookup", issuer.userLookup().wireName());
        }
    }

    /**
     * The settings from their columns ({@code allowedOrigins}, the password policy's length range) and the document.
     * A member the document lacks reads as its default.
     */
    static TenantSettings read(Set<String> allowedOrigins, PasswordPolicy policy, String document, TenantId tenant,
                               SecretSealer sealer) {
        JsonNode root;
        try {
            root = JSON.readTree(document == null || document.isBlank() ? "{}" : document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable tenant settings document", e);
        }
        TenantSettings settings = new TenantSettings(allowedOrigins, policy);
        for (SettingsField<?> field : TenantSettingsFields.ALL) {
            JsonNode node = root.path(field.name());
            settings = switch (field) {
                case SettingsField.Flag flag -> flag.with(settings, node.asBoolean(flag.defaultValue()));
                case SettingsField.Text text -> text.with(settings, text(root, text.name()));
                case SettingsField.TextSet set -> set == TenantSettingsFields.ALLOWED_ORIGINS ? settings
                        : set.with(settings, strings(node));
                case SettingsField.Choice<?> choice -> choose(choice, settings, node.asText(choice.wireName(TenantSettings.DEFAULT)));
                case SettingsField.ChoiceObject<?> choice -> choose(choice, settings,
                        node.path(choice.member()).asText(choice.wireName(TenantSettings.DEFAULT)));
                case SettingsField.Passwords passwords -> passwords.with(settings, passwords.get(settings)
                        .withScreening(node.path("screening").asBoolean(passwords.defaultValue().screening())));
                case SettingsField.Limits limits -> limits.with(settings, readLimits(node));
                case SettingsField.Issuers issuers -> issuers.with(settings, readIssuers(node, tenant, sealer));
            };
        }
        return settings;
    }

    private static <E> TenantSettings choose(SettingsField.Choice<E> field, TenantSettings settings, String wireName) {
        return field.with(settings, field.parse(wireName));
    }

    private static <E> TenantSettings choose(SettingsField.ChoiceObject<E> field, TenantSettings settings, String wireName) {
        return field.with(settings, field.parse(wireName));
    }

    private static Map<RateLimitKind, RateLimit> readLimits(JsonNode node) {
        Map<RateLimitKind, RateLimit> limits = new EnumMap<>(RateLimitKind.class);
        node.properties().forEach(entry -> {
            // A limit this version does not know (one that was removed) is skipped, not a reason to refuse the tenant.
            Arrays.stream(RateLimitKind.values()).filter(kind -> kind.wireName().equals(entry.getKey())).findFirst()
                    .ifPresent(kind -> limits.put(kind, new RateLimit(entry.getValue().path("limit").asInt(),
                            Duration.ofSeconds(entry.getValue().path("windowSeconds").asLong()))));
        });
        return limits;
    }

    private static List<ExternalIssuer> readIssuers(JsonNode array, TenantId tenant, SecretSealer sealer) {
        List<ExternalIssuer> issuers = new ArrayList<>();
        for (JsonNode node : array) {
            String secret = text(node, "hs256Secret");
            String sealed = text(node, "hs256SecretSealed");
            if (sealed != null) {
                if (sealer == null) {
                    throw new IllegalStateException("the tenant settings hold a sealed secret but no master key is configured");
                }
                secret = sealer.open(sealed, sealingContext(tenant, text(node, "issuer")));
            }
            issuers.add(new ExternalIssuer(text(node, "issuer"), secret, text(node, "jwksUrl"),
                    strings(node.path("algorithms")), text(node, "audience"), text(node, "userClaim"),
                    ExternalIssuer.UserLookup.fromWireName(node.path("userLookup").asText("email"))));
        }
        return issuers;
    }

    private static void strings(ArrayNode array, Set<String> values) {
        new TreeSet<>(values).forEach(array::add);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
