package ficus.connectors.preflight;

import ficus.connectors.plan.TableId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which captured columns the translations downstream read, as far as preflight is told ({@code ficus connectors
 * preflight --spec}). Preflight's TOAST check uses it: a TOASTable column no translation reads does no harm (its
 * placeholder stays in the raw topic), one a translation reads is where an update can lose a value.
 *
 * <p>{@link #unknown()} when no translation was named: every TOASTable column is then reported.
 */
public final class MappedColumns {

    private static final MappedColumns UNKNOWN = new MappedColumns(null);

    /** Per table, per column: who reads it, e.g. {@code translation sales.order (orders.yaml)}. */
    private final Map<TableId, Map<String, List<String>>> readers;

    private MappedColumns(Map<TableId, Map<String, List<String>>> readers) {
        this.readers = readers;
    }

    public static MappedColumns unknown() {
        return UNKNOWN;
    }

    /** An empty set of translations (nothing mapped yet), to be filled with {@link #read(TableId, String, String)}. */
    public static MappedColumns known() {
        return new MappedColumns(new LinkedHashMap<>());
    }

    /** Records that {@code reader} reads {@code column} of {@code table}; returns this. */
    public MappedColumns read(TableId table, String column, String reader) {
        if (readers == null) {
            throw new IllegalStateException("unknown() takes no columns; start from known()");
        }
        List<String> who = readers.computeIfAbsent(table, t -> new LinkedHashMap<>())
                .computeIfAbsent(column, c -> new java.util.ArrayList<>());
        if (!who.contains(reader)) {
            who.add(reader);
        }
        return this;
    }

    public boolean isKnown() {
        return readers != null;
    }

    /** Who reads the column; empty when nobody does, or when nothing is known ({@link #isKnown()}). */
    public Optional<List<String>> readersOf(TableId table, String column) {
        if (readers == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(readers.getOrDefault(table, Map.of()).get(column)).map(List::copyOf);
    }
}
