package ficus.acl.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The translated state of one aggregate: everything a consumer learns about it — the root row's fields, then each
 * part in spec order: {@code one} and {@code reference} parts as {@link FieldValues} (or {@code null}), a {@code list}
 * as a list of {@link FieldValues} in its declared order, {@code count} as a {@code Long}, {@code exists} as a
 * {@code Boolean}. Unmapped legacy columns have no place here.
 */
public record AggregateState(FieldValues root, Map<String, Object> parts) {

    public AggregateState {
        Objects.requireNonNull(root, "root");
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** Every field name, root fields first, then parts: what a registration lists as changed. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>(root.names());
        names.addAll(parts.keySet());
        return names;
    }

    /** A root field's or a part's value. */
    public Object value(String field) {
        if (root.has(field)) {
            return root.get(field);
        }
        if (parts.containsKey(field)) {
            return parts.get(field);
        }
        throw new IllegalArgumentException("no field " + field + " (has " + fieldNames() + ")");
    }

    /** The fields (root fields, then parts) whose values differ from {@code previous}, in order. */
    public List<String> changedFrom(AggregateState previous) {
        List<String> changed = new ArrayList<>(root.changedFrom(previous.root));
        parts.forEach((name, value) -> {
            if (!previous.parts.containsKey(name) || !Objects.equals(value, previous.parts.get(name))) {
                changed.add(name);
            }
        });
        return List.copyOf(changed);
    }

    @Override
    public String toString() {
        return "AggregateState" + fieldNames();
    }
}
