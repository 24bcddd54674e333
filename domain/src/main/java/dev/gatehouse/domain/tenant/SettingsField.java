package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.policy.PasswordPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One tenant setting as the codecs see it: its JSON member name (the same on the wire and in storage), how it is
 * read from a {@link TenantSettings} and how it is set, through the settings' {@code with...} method so that the
 * domain's validation runs (a refused value is an {@code InvalidInput} naming the field). The subclass is the
 * kind of value, which tells a codec how to write and read it: the codecs switch over these sealed kinds, so a
 * new field of a known kind needs no codec change, and a new kind that a codec does not handle does not compile.
 * The table of fields is {@link TenantSettingsFields#ALL}.
 *
 * @param <T> the type of the value in {@link TenantSettings}
 */
public abstract sealed class SettingsField<T> {
    private final String name;
    private final Function<TenantSettings, T> getter;
    private final BiFunction<TenantSettings, T, TenantSettings> setter;

    private SettingsField(String name, Function<TenantSettings, T> getter,
                          BiFunction<TenantSettings, T, TenantSettings> setter) {
        this.name = Objects.requireNonNull(name, "name");
        this.getter = Objects.requireNonNull(getter, "getter");
        this.setter = Objects.requireNonNull(setter, "setter");
    }

    /** The JSON member name, e.g. {@code magicLinkCreatesUser}. */
    public String name() {
        return name;
    }

    public T get(TenantSettings settings) {
        return getter.apply(settings);
    }

    /** @throws dev.gatehouse.domain.error.InvalidInput when the domain refuses {@code value} */
    public TenantSettings with(TenantSettings settings, T value) {
        return setter.apply(settings, value);
    }

    /** The value in {@link TenantSettings#DEFAULT}; a JSON {@code null} or an absent stored member means this. */
    public T defaultValue() {
        return get(TenantSettings.DEFAULT);
    }

    public TenantSettings reset(TenantSettings settings) {
        return with(settings, defaultValue());
    }

    /** {@code to} with this field's value taken from {@code from}. */
    public TenantSettings copy(TenantSettings from, TenantSettings to) {
        return with(to, get(from));
    }

    public boolean differs(TenantSettings one, TenantSettings other) {
        return !Objects.equals(get(one), get(other));
    }

    @Override
    public String toString() {
        return name;
    }

    /** True or false; false by default. */
    public static final class Flag extends SettingsField<Boolean> {
        Flag(String name, Function<TenantSettings, Boolean> getter,
             BiFunction<TenantSettings, Boolean, TenantSettings> setter) {
            super(name, getter, setter);
        }
    }

    /** A text that may be absent (null, the default). */
    public static final class Text extends SettingsField<String> {
        Text(String name, Function<TenantSettings, String> getter,
             BiFunction<TenantSettings, String, TenantSettings> setter) {
            super(name, getter, setter);
        }
    }

    /** A set of texts, each checked and normalised by the domain; empty by default. */
    public static final class TextSet extends SettingsField<Set<String>> {
        TextSet(String name, Function<TenantSettings, Set<String>> getter,
                BiFunction<TenantSettings, Set<String>, TenantSettings> setter) {
            super(name, getter, setter);
        }
    }

    /** One value of an enumeration, written as its wire name. */
    public static final class Choice<E> extends SettingsField<E> {
        private final Function<String, E> fromWireName;
        private final Function<E, String> wireName;

        Choice(String name, Function<TenantSettings, E> getter, BiFunction<TenantSettings, E, TenantSettings> setter,
               Function<String, E> fromWireName, Function<E, String> wireName) {
            super(name, getter, setter);
            this.fromWireName = fromWireName;
            this.wireName = wireName;
        }

        public String wireName(TenantSettings settings) {
            return wireName.apply(get(settings));
        }

        /** @throws dev.gatehouse.domain.error.InvalidInput naming the field for a name that is no choice */
        public E parse(String wireName) {
            return fromWireName.apply(wireName);
        }
    }

    /**
     * An object of one member whose value is one value of an enumeration, written as its wire name:
     * {@code "mfa": {"required": "off"}}. An {@code InvalidInput} about the value names {@code name() + "." + member()}
     * ({@code mfa.required}), also the one {@code fromWireName} throws.
     */
    public static final class ChoiceObject<E> extends SettingsField<E> {
        private final String member;
        private final Function<String, E> fromWireName;
        private final Function<E, String> wireName;

        ChoiceObject(String name, String member, Function<TenantSettings, E> getter,
                     BiFunction<TenantSettings, E, TenantSettings> setter, Function<String, E> fromWireName,
                     Function<E, String> wireName) {
            super(name, getter, setter);
            this.member = Objects.requireNonNull(member, "member");
            this.fromWireName = fromWireName;
            this.wireName = wireName;
        }

        /** The one member's name, e.g. {@code required}. */
        public String member() {
            return member;
        }

        public String wireName(TenantSettings settings) {
            return wireName.apply(get(settings));
        }

        /** @throws dev.gatehouse.domain.error.InvalidInput naming {@code name.member} for a name that is no choice */
        public E parse(String wireName) {
            return fromWireName.apply(wireName);
        }
    }

    /** The password policy: {@code minLength}, {@code maxLength} and {@code screening}. */
    public static final class Passwords extends SettingsField<PasswordPolicy> {
        Passwords(String name, Function<TenantSettings, PasswordPolicy> getter,
                  BiFunction<TenantSettings, PasswordPolicy, TenantSettings> setter) {
            super(name, getter, setter);
        }
    }

    /** Rate limit overrides, keyed by {@link RateLimitKind#wireName()}, each a limit and a window in seconds. */
    public static final class Limits extends SettingsField<Map<RateLimitKind, RateLimit>> {
        Limits(String name, Function<TenantSettings, Map<RateLimitKind, RateLimit>> getter,
               BiFunction<TenantSettings, Map<RateLimitKind, RateLimit>, TenantSettings> setter) {
            super(name, getter, setter);
        }
    }

    /** External JWT issuers, a list whose entries hold secrets that are never shown. */
    public static final class Issuers extends SettingsField<List<ExternalIssuer>> {
        Issuers(String name, Function<TenantSettings, List<ExternalIssuer>> getter,
                BiFunction<TenantSettings, List<ExternalIssuer>, TenantSettings> setter) {
            super(name, getter, setter);
        }
    }
}
