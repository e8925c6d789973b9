package ficus.migration.reconcile;

import ficus.acl.aggregate.AggregateKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts drift from pairs of one aggregate's legacy and component views, fed in ascending key order (a merge join
 * upstream): memory stays constant however many aggregates there are, except the drifting keys kept for a re-drive
 * (at most {@link #REDRIVE_LIMIT}).
 */
final class DriftDetector {

    static final int REDRIVE_LIMIT = 1_000_000;

    private long legacyCount;
    private long componentCount;
    private long matching;
    private long missing;
    private long extra;
    private long different;
    private long untranslatable;
    private final Map<String, Long> differentByField = new LinkedHashMap<>();
    private final List<KeyDrift> samples = new ArrayList<>();
    private final List<AggregateKey> driftKeys = new ArrayList<>();
    private final List<String> comparedFields;

    DriftDetector(List<String> comparedFields) {
        this.comparedFields = List.copyOf(comparedFields);
    }

    /** Both sides in one pass; each iterator in ascending key order (refused otherwise). */
    static ReconciliationReport compare(List<String> fields, Comparator<AggregateKey> order, Iterator<Keyed> legacy,
            Iterator<Keyed> component) {
        DriftDetector detector = new DriftDetector(fields);
        MergeJoin join = new MergeJoin(order, legacy, component);
        for (MergeJoin.Pair pair = join.next(); pair != null; pair = join.next()) {
            detector.add(pair);
        }
        return detector.report();
    }

    void add(MergeJoin.Pair pair) {
        Keyed l = pair.legacy();
        Keyed c = pair.component();
        if (l != null) {
            legacyCount++;
        }
        if (c != null) {
            componentCount++;
        }
        if (l != null && l.fields() == null) {
            untranslatable++;
        } else if (c == null) {
            missing++;
            drift(new KeyDrift(l.key(), KeyDrift.Kind.MISSING, l.render(), null, comparedFields));
        } else if (l == null) {
            extra++;
            drift(new KeyDrift(c.key(), KeyDrift.Kind.EXTRA, null, c.render(), comparedFields));
        } else {
            List<String> differing = null; // allocated only for a difference: most pairs match
            for (String field : comparedFields) {
                if (!Objects.equals(l.fields().get(field), c.fields().get(field))) {
                    if (differing == null) {
                        differing = new ArrayList<>(comparedFields.size());
                    }
                    differing.add(field);
                }
            }
            if (differing == null) {
                matching++;
            } else {
                different++;
                differing.forEach(f -> differentByField.merge(f, 1L, Long::sum));
                drift(new KeyDrift(l.key(), KeyDrift.Kind.DIFFERENT, l.render(), c.render(), differing));
            }
        }
    }

    private void drift(KeyDrift drift) {
        if (samples.size() < ReconciliationReport.SAMPLE_LIMIT) {
            samples.add(drift);
        }
        if (driftKeys.size() < REDRIVE_LIMIT) {
            driftKeys.add(drift.aggregateKey());
        }
    }

    ReconciliationReport report() {
        return new ReconciliationReport(legacyCount, componentCount, matching, missing, extra, different,
                untranslatable, samples, differentByField, driftKeys);
    }
}
