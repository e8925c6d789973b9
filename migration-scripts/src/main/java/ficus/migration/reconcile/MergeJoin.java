package ficus.migration.reconcile;

import java.util.Iterator;

/** Pairs two key-ordered streams by key: both present, legacy only, or component only. Refuses unordered input. */
final class MergeJoin {

    /** One key's views; one of them may be null. */
    record Pair(Keyed legacy, Keyed component) {
    }

    private final Iterator<Keyed> legacy;
    private final Iterator<Keyed> component;
    private Keyed l;
    private Keyed c;

    MergeJoin(Iterator<Keyed> legacy, Iterator<Keyed> component) {
        this.legacy = legacy;
        this.component = component;
        this.l = advance(legacy, null);
        this.c = advance(component, null);
    }

    /** The next pair, or null at the end of both. */
    Pair next() {
        if (l == null && c == null) {
            return null;
        }
        Pair pair;
        if (c == null || (l != null && l.key() < c.key())) {
            pair = new Pair(l, null);
            l = advance(legacy, l);
        } else if (l == null || c.key() < l.key()) {
            pair = new Pair(null, c);
            c = advance(component, c);
        } else {
            pair = new Pair(l, c);
            l = advance(legacy, l);
            c = advance(component, c);
        }
        return pair;
    }

    private static Keyed advance(Iterator<Keyed> side, Keyed previous) {
        if (!side.hasNext()) {
            return null;
        }
        Keyed next = side.next();
        if (previous != null && next.key() <= previous.key()) {
            throw new IllegalStateException("input not in ascending key order: " + next.key() + " after "
                    + previous.key());
        }
        return next;
    }
}
