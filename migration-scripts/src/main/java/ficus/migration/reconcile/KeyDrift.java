package ficus.migration.reconcile;

import ficus.acl.aggregate.AggregateKey;
import java.util.List;

/**
 * One aggregate whose component state differs from what the legacy database says it should be.
 *
 * @param legacy    the legacy side's compared fields, rendered ({@code null} when it has no such aggregate)
 * @param component the component side's, rendered ({@code null} when it has none)
 * @param fields    the fields that differ (all compared fields for missing and extra)
 */
public record KeyDrift(AggregateKey aggregateKey, Kind kind, String legacy, String component, List<String> fields) {

    public KeyDrift {
        fields = List.copyOf(fields);
    }

    public enum Kind {
        /** the legacy database has the aggregate, the component does not */
        MISSING,
        /** the component has an aggregate the legacy database does not (any more) */
        EXTRA,
        /** both have it, with different values */
        DIFFERENT
    }

    /** The aggregate's key as events carry it ({@code subject}): {@code 1042}, {@code 2:4711}. */
    public String key() {
        return aggregateKey.text();
    }

    @Override
    public String toString() {
        return key() + " " + kind.name().toLowerCase() + " " + fields + " (legacy=" + shortened(legacy) + ", component="
                + shortened(component) + ")";
    }

    /** Log lines stay readable with wide read models: the JSON report keeps the whole values. */
    private static String shortened(String text) {
        return text == null || text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
