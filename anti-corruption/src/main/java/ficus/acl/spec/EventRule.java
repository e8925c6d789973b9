package ficus.acl.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which change produces which event type. Rules are tried in order; the first that matches names the event.
 *
 * @param on       the kind of change
 * @param fields   for {@link Trigger#CHANGED}: the rule matches if any of these fields changed (empty: any field)
 * @param when     the new state's fields must hold these values (as text: enum names, numbers, {@code true})
 * @param type     the event type's name, past tense, e.g. {@code VoyageDeparted}
 * @param previous root fields whose value before the change the event carries as {@code previous<Field>}
 *                 ({@code previous: [status]} → {@code "previousStatus": "ACTIVE"})
 */
public record EventRule(Trigger on, List<String> fields, Map<String, String> when, String type, int line,
        List<String> previous) {

    public EventRule {
        Objects.requireNonNull(on, "on");
        Objects.requireNonNull(type, "type");
        fields = List.copyOf(fields == null ? List.of() : fields);
        when = Map.copyOf(when == null ? Map.of() : when);
        previous = List.copyOf(previous == null ? List.of() : previous);
    }

    /** The data field that carries the previous value of {@code field}: {@code status} → {@code previousStatus}. */
    public static String previousName(String field) {
        return "previous" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    public enum Trigger {
        /** First sight of the aggregate (insert, snapshot read, or update of one never published or removed). */
        REGISTERED("registered"),
        /** Some mapped field of a known aggregate changed. */
        CHANGED("changed"),
        /** The root row was deleted (or soft-deleted). */
        REMOVED("removed");

        private final String code;

        Trigger(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static java.util.Optional<Trigger> forCode(String code) {
            for (Trigger t : values()) {
                if (t.code.equals(code)) {
                    return java.util.Optional.of(t);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
