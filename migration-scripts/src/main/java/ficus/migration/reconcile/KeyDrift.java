package ficus.migration.reconcile;

/** One aggregate whose component state differs from what the legacy database says it should be. */
public record KeyDrift(long customerId, Kind kind, String legacy, String component) {

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
