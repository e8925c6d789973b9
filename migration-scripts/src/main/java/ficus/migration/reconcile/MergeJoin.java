package ficus.migration.reconcile;

import ficus.acl.aggregate.AggregateKey;
import java.util.Comparator;
import java.util.Iterator;

/** Pairs two key-ordered streams by key: both present, legacy only, or component only. Refuses unordered input. */
final class MergeJoin {

    /** One key's views; one of them may be null. */
    record Pair(Keyed legacy, Keyed component) {
    }

    private final Comparator<AggregateKey> order;
    private final Iterator<Keyed> legacy;
    private final Iterator<Keyed> component;
    private Keyed l;
    private Keyed c;

    MergeJoin(Comparator<AggregateKey> order, Iterator<Keyed> legacy, Iterator<Keyed> component) {
        this.order = order;
        this.legacy = legacy;
        this.component = component;
        this.l = advance(legacy, null, "legacy");
        this.c = advance(component, null, "component");
    }

    /** The next pair, or null at the end of both. */
    Pair next() {
        if (l == null && c == null) {
            return null;
        }
        Pair pair;
        int cmp = l == null ? 1 : c == null ? -1 : order.compare(l.key(), c.key());
        if (cmp < 0) {
            pair = new Pair(l, null);
            l = advance(legacy, l, "legacy");
        } else if (cmp > 0) {
            pair = new Pair(null, c);
            c = advance(component, c, "component");
        } else {
            pair = new Pair(l, c);
            l = advance(legacy, l, "legacy");
            c = advance(component, c, "component");
        }
        return pair;
    }

    private Keyed advance(Iterator<Keyed> side, Keyed previous, String name) {
        if (!side.hasNext()) {
            return null;
        }
        Keyed next = side.next();
        if (previous != null && order.compare(next.key(), previous.key()) <= 0) {
            throw new IllegalStateException(name + " side not in ascending key order: " + next.key() + " after "
                    + previous.key() + " (a duplicate key in the read model?)");
        }
        return next;
    }
}
