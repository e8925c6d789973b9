package ficus.migration.reconcile;

import java.util.List;

/**
 * One aggregate whose component state differs from what the legacy database says it should be.
 *
 * @param legacy    the legacy side's compared fields, rendered ({@code null} when it has no such aggregate)
 * @param component the component side's, rendered ({@code null} when it has none)
 * @param fields    the fields that differ (all compared fields for missing and extra)
 */
public record KeyDrift(long customerId, Kind kind, String legacy, String component, List<String> fields) {

    public KeyDrift {
        fields = List.copyOf(fields);
    }

    public enum Kind {
        /** the legacy database has the customer, the component does not */
        MISSING,
        /** the component has a customer the legacy database does not (any more) */
        EXTRA,
        /** both have it, with different values */
        DIFFERENT
    }

    @Override
    public String toString() {
        return customerId + " " + kind.name().toLowerCase() + " (legacy=" + legacy + ", component=" + component + ")";
    }
}
