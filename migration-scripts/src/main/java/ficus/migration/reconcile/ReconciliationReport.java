package ficus.migration.reconcile;

import java.util.List;

/**
 * What a reconciliation found: counts per kind of drift, the legacy rows that cannot be translated (they are in the
 * dead-letter topic, not drift of the component), and up to {@link #SAMPLE_LIMIT} sample keys.
 */
public record ReconciliationReport(long legacyCount, long componentCount, long matching, long missing, long extra,
                                   long different, long untranslatable, List<KeyDrift> samples) {

    public static final int SAMPLE_LIMIT = 20;

    public ReconciliationReport {
        samples = List.copyOf(samples);
    }

    /** Aggregates whose component state differs from legacy: missing + extra + different. */
    public long drift() {
        return missing + extra + different;
    }

    /** One line for people: counts, then the first sample keys. */
    public String summary() {
        StringBuilder line = new StringBuilder()
                .append("reconcile: legacy=").append(legacyCount)
                .append(" component=").append(componentCount)
                .append(" matching=").append(matching)
                .append(" missing=").append(missing)
                .append(" extra=").append(extra)
                .append(" different=").append(different)
                .append(" untranslatable=").append(untranslatable)
                .append(" drift=").append(drift());
        if (!samples.isEmpty()) {
            line.append(" sample: ").append(samples.stream().limit(5).map(KeyDrift::toString).toList());
        }
        return line.toString();
    }
}
