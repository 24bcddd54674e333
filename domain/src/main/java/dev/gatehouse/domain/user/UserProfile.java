package dev.gatehouse.domain.user;

import dev.gatehouse.domain.error.InvalidInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user or their app says about the user, beside the credentials: a display {@code name}, an
 * {@code avatarUrl} (Gatehouse stores no files, only where the picture is) and {@code metadata}, a JSON object the
 * app owns. Each part is optional (null when unset). The parts are checked here; that {@code metadataJson} is a
 * JSON object is the HTTP adapter's to check (the domain parses no JSON), this record only bounds its size and
 * its first character.
 *
 * <p>Member lists show the name and the avatar; the metadata is shown only to the user themselves and to
 * administrators.
 */
public record UserProfile(String name, String avatarUrl, String metadataJson) {
    public static final UserProfile EMPTY = new UserProfile(null, null, null);
    public static final int MAX_NAME = 200;
    public static final int MAX_AVATAR_URL = 2000;
    public static final int MAX_METADATA_BYTES = 8 * 1024;

    public UserProfile {
        name = checkName(name);
        avatarUrl = checkAvatarUrl(avatarUrl);
        metadataJson = checkMetadata(metadataJson);
    }

    public Optional<String> nameIfSet() {
        return Optional.ofNullable(name);
    }

    public Optional<String> avatarUrlIfSet() {
        return Optional.ofNullable(avatarUrl);
    }

    public Optional<String> metadataIfSet() {
        return Optional.ofNullable(metadataJson);
    }

    public UserProfile withName(String newName) {
        return new UserProfile(newName, avatarUrl, metadataJson);
    }

    public UserProfile withAvatarUrl(String newAvatarUrl) {
        return new UserProfile(name, newAvatarUrl, metadataJson);
    }

    public UserProfile withMetadata(String newMetadataJson) {
        return new UserProfile(name, avatarUrl, newMetadataJson);
    }

    /** A name: trimmed, empty means none, at most 200 characters, no control, format or line-breaking characters. */
    private static String checkName(String raw) {
        if (raw == null) {
            return null;
        }
        if (!TextChecks.isWellFormed(raw)) {
            throw new InvalidInput("name", "must not contain unpaired surrogate characters");
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            return null;
        }
        int bad = text.codePoints().filter(UserProfile::isControl).findFirst().orElse(-1);
        if (bad >= 0) {
            throw new InvalidInput("name", String.format(Locale.ROOT,
                    "must not contain control, format or line-breaking characters (found U+%04X)", bad));
        }
        if (text.codePointCount(0, text.length()) > MAX_NAME) {
            throw new InvalidInput("name", "must be at most " + MAX_NAME + " characters");
        }
        return text;
    }

    private static boolean isControl(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED || type == Character.SURROGATE;
    }

    /** An absolute https URL with a host, no user info, at most 2,000 characters; empty means none. */
    private static String checkAvatarUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > MAX_AVATAR_URL) {
            throw new InvalidInput("avatarUrl", "must be at most " + MAX_AVATAR_URL + " characters");
        }
        if (raw.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new InvalidInput("avatarUrl", "must be a URL without spaces, control or non-ASCII characters"
                    + " (percent-encode them)");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException notAUri) {
            throw new InvalidInput("avatarUrl", "must be a valid https URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isEmpty()
                || uri.getRawUserInfo() != null) {
            throw new InvalidInput("avatarUrl", "must be an https URL with a host and no user name or password");
        }
        return raw;
    }

    private static String checkMetadata(String json) {
        if (json == null) {
            return null;
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
            throw new InvalidInput("metadata", "must be at most " + MAX_METADATA_BYTES + " bytes of JSON");
        }
        if (!json.startsWith("{") || !json.endsWith("}")) {
            throw new InvalidInput("metadata", "must be a JSON object");
        }
        return json.equals("{}") ? null : json;
    }

    @Override
    public String toString() {
        return "UserProfile[name=" + (name != null) + ", avatarUrl=" + (avatarUrl != null) + ", metadata="
                + (metadataJson != null) + "]";
    }
}
