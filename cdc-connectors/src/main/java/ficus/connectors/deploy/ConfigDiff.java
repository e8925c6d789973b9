package ficus.connectors.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a deploy would change in a connector's config: keys added, removed and changed, sorted by key. Secrets are
 * never shown: a config-provider reference ({@code ${file:...}}) is shown as it is, any other value of a secret-looking
 * key ({@code *password*}, {@code *secret*}, ...) as {@code ***}.
 */
public record ConfigDiff(List<Change> changes) {

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|credential|token|\\.key$).*");

    public enum Kind {
        ADDED('+'), REMOVED('-'), CHANGED('~');

        private final char sign;

        Kind(char sign) {
            this.sign = sign;
        }

        public char sign() {
            return sign;
        }
    }

    /**
     * One key that differs.
     *
     * @param before the deployed value, null when {@link Kind#ADDED}
     * @param after  the value the plan renders, null when {@link Kind#REMOVED}
     */
    public record Change(String key, Kind kind, String before, String after) {
        public Change {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
        }

        /** One line: {@code + key: value}, {@code - key: value} or {@code ~ key: old -> new}. */
        public String render() {
            return switch (kind) {
                case ADDED -> "+ " + key + ": " + shown(key, after);
                case REMOVED -> "- " + key + ": " + shown(key, before);
                case CHANGED -> "~ " + key + ": " + shown(key, before) + " -> " + shown(key, after);
            };
        }
    }

    public ConfigDiff {
        changes = List.copyOf(changes);
    }

    /**
     * The changes that turn {@code deployed} (null or empty when there is no connector yet) into {@code desired}.
     */
    public static ConfigDiff between(Map<String, String> deployed, Map<String, String> desired) {
        Map<String, String> current = deployed == null ? Map.of() : deployed;
        TreeSet<String> keys = new TreeSet<>(current.keySet());
        keys.addAll(desired.keySet());
        List<Change> changes = new ArrayList<>();
        for (String key : keys) {
            String before = current.get(key);
            String after = desired.get(key);
            if (before == null) {
                changes.add(new Change(key, Kind.ADDED, null, after));
            } else if (after == null) {
                changes.add(new Change(key, Kind.REMOVED, before, null));
            } else if (!before.equals(after)) {
                changes.add(new Change(key, Kind.CHANGED, before, after));
            }
        }
        return new ConfigDiff(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** One line per change, sorted by key; {@code no changes} when empty. */
    public String render() {
        if (changes.isEmpty()) {
            return "no changes";
        }
        return changes.stream().map(Change::render).collect(Collectors.joining(System.lineSeparator()));
    }

    @Override
    public String toString() {
        return render();
    }

    private static String shown(String key, String value) {
        if (value == null) {
            return "";
        }
        boolean reference = value.startsWith("${") && value.endsWith("}");
        return SECRET_KEY.matcher(key).matches() && !reference ? "***" : value;
    }
}
