package ficus.migration.reconcile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Compares two streams of (customer id, value), both in ascending id order, in one pass (a merge join): memory stays
 * constant however many customers there are.
 */
final class DriftDetector {

    /** One side's view of one customer; {@code value} null means "cannot be translated" on the legacy side. */
    record Keyed(long customerId, String value) {
    }

    private DriftDetector() {
    }

    static ReconciliationReport compare(Iterator<Keyed> legacy, Iterator<Keyed> component) {
        long legacyCount = 0;
        long componentCount = 0;
        long matching = 0;
        long missing = 0;
        long extra = 0;
        long different = 0;
        long untranslatable = 0;
        List<KeyDrift> samples = new ArrayList<>();
        Keyed l = next(legacy, null);
        Keyed c = next(component, null);
        while (l != null || c != null) {
            if (c == null || (l != null && l.customerId() < c.customerId())) {
                legacyCount++;
                if (l.value() == null) {
                    untranslatable++;
                } else {
                    missing++;
                    sample(samples, new KeyDrift(l.customerId(), KeyDrift.Kind.MISSING, l.value(), null));
                }
                l = next(legacy, l);
            } else if (l == null || c.customerId() < l.customerId()) {
                componentCount++;
                extra++;
                sample(samples, new KeyDrift(c.customerId(), KeyDrift.Kind.EXTRA, null, c.value()));
                c = next(component, c);
            } else {
                legacyCount++;
                componentCount++;
                if (l.value() == null) {
                    untranslatable++;
                } else if (Objects.equals(l.value(), c.value())) {
                    matching++;
                } else {
                    different++;
                    sample(samples, new KeyDrift(l.customerId(), KeyDrift.Kind.DIFFERENT, l.value(), c.value()));
                }
                l = next(legacy, l);
                c = next(component, c);
            }
        }
        return new ReconciliationReport(legacyCount, componentCount, matching, missing, extra, different,
                untranslatable, samples);
    }

    private static Keyed next(Iterator<Keyed> side, Keyed previous) {
        if (!side.hasNext()) {
            return null;
        }
        Keyed next = side.next();
        if (previous != null && next.customerId() <= previous.customerId()) {
            throw new IllegalStateException("input not in ascending key order: " + next.customerId() + " after "
                    + previous.customerId());
        }
        return next;
    }

    private static void sample(List<KeyDrift> samples, KeyDrift drift) {
        if (samples.size() < ReconciliationReport.SAMPLE_LIMIT) {
            samples.add(drift);
        }
    }
}
