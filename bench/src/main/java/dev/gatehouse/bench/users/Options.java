package dev.gatehouse.bench.users;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} pairs over defaults; an unknown name or a missing value is refused. */
final class Options {
    private Options() {
    }

    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !defaults.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]
                        + "; options (with defaults): " + defaults);
            }
            options.put(name, args[++i]);
        }
        return options;
    }
}
