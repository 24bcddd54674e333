package dev.gatehouse.adapters.http.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapters.http.web.JsonNodeValues;
import dev.gatehouse.application.lifecycle.port.in.ProfileEdit;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.user.UserProfile;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The profile part of a {@code PATCH /v1/me} or {@code PATCH /v1/admin/users/{id}} body, a JSON merge patch
 * (RFC 7396): a field left out stays, {@code null} removes it, a value replaces it; {@code metadata} merges key by key
 * into the stored object the same way (a key set to {@code null} goes). The result is checked as a whole
 * ({@link UserProfile}: a name without control characters, an https avatar URL, at most 8 KiB of metadata).
 */
public record ProfilePatch(Optional<JsonNode> name, Optional<JsonNode> avatarUrl, Optional<JsonNode> metadata) {
    public static final Set<String> FIELDS = Set.of("name", "avatarUrl", "metadata");
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** The profile fields of the body; the caller refuses whatever else it does not know. */
    public static ProfilePatch of(ObjectNode body) {
        ProfilePatch patch = new ProfilePatch(Optional.ofNullable(body.get("name")),
                Optional.ofNullable(body.get("avatarUrl")), Optional.ofNullable(body.get("metadata")));
        patch.name.filter(v -> !v.isNull()).ifPresent(v -> JsonNodeValues.text(v, "name"));
        patch.avatarUrl.filter(v -> !v.isNull()).ifPresent(v -> JsonNodeValues.text(v, "avatarUrl"));
        patch.metadata.filter(v -> !v.isNull()).ifPresent(v -> JsonNodeValues.object(v, "metadata"));
        return patch;
    }

    /** Refuses fields that are neither the profile's nor in {@code others}, naming the ones this route takes. */
    public static void refuseUnknown(ObjectNode body, Set<String> others, String route) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!FIELDS.contains(field) && !others.contains(field)) {
                throw new InvalidInput(field, "is not a field of " + route + " (it takes "
                        + String.join(", ", new java.util.TreeSet<>(union(others))) + ")");
            }
        }
    }

    private static Set<String> union(Set<String> others) {
        java.util.Set<String> all = new java.util.HashSet<>(FIELDS);
        all.addAll(others);
        return all;
    }

    public boolean isEmpty() {
        return name.isEmpty() && avatarUrl.isEmpty() && metadata.isEmpty();
    }

    /** The edit the use case applies to the stored profile. */
    public ProfileEdit edit() {
        return current -> {
            UserProfile next = current;
            if (name.isPresent()) {
                next = next.withName(name.get().isNull() ? null : name.get().textValue());
            }
            if (avatarUrl.isPresent()) {
                next = next.withAvatarUrl(avatarUrl.get().isNull() ? null : avatarUrl.get().textValue());
            }
            if (metadata.isPresent()) {
                next = next.withMetadata(mergedMetadata(current.metadataJson(), metadata.get()));
            }
            return next;
        };
    }

    private static String mergedMetadata(String stored, JsonNode patch) {
        if (patch.isNull()) {
            return null;
        }
        ObjectNode target = stored == null ? MAPPER.createObjectNode() : parseStored(stored);
        merge(target, (ObjectNode) patch);
        try {
            return MAPPER.writeValueAsString(target);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that was just parsed does not serialise", e);
        }
    }

    /** RFC 7396 on objects: null removes, an object merges into an object, anything else replaces. */
    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            JsonNode value = entry.getValue();
            JsonNode existing = target.get(entry.getKey());
            if (value.isNull()) {
                target.remove(entry.getKey());
            } else if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, (ObjectNode) value);
            } else if (value.isObject()) {
                ObjectNode fresh = MAPPER.createObjectNode();
                merge(fresh, (ObjectNode) value);
                target.set(entry.getKey(), fresh);
            } else {
                target.set(entry.getKey(), value);
            }
        }
    }

    private static ObjectNode parseStored(String stored) {
        try {
            JsonNode node = MAPPER.readTree(stored);
            return node != null && node.isObject() ? (ObjectNode) node : MAPPER.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile metadata is not JSON", e);
        }
    }
}
