package ficus.migration.reconcile;

import ficus.acl.aggregate.AggregateKey;
import java.util.Map;

/**
 * One side's view of one aggregate: its key and compared fields by name (in the read model's order). {@code fields}
 * null means "cannot be translated" on the legacy side (it is in the dead-letter topic, not drift).
 */
public record Keyed(AggregateKey key, Map<String, String> fields) {

    /** The fields as one text: the value alone for a single field, else {@code name=value, ...}. */
    public String render() {
        if (fields == null) {
            return null;
        }
        if (fields.size() == 1) {
            return fields.values().iterator().next();
        }
        StringBuilder out = new StringBuilder();
        fields.forEach((name, value) -> out.append(out.isEmpty() ? "" : ", ").append(name).append('=').append(value));
        return out.toString();
    }
}
