package ficus.acl.spec;

import java.util.List;
import java.util.Objects;

/**
 * A part of an aggregate kept in another legacy table: one matching row ({@link Collect#ONE}, e.g. a home
 * address), all of them as a list ({@link Collect#LIST}, e.g. a voyage's legs), how many or whether any
 * ({@link Collect#COUNT}, {@link Collect#EXISTS}), or the row of a shared table the root row points at
 * ({@link Collect#REFERENCE}, e.g. the vessel many voyages sail on).
 *
 * @param name    the aggregate field it becomes
 * @param rows    how its rows are read
 * @param link    for all but a reference: the part table's columns that hold the aggregate's key, in the order of the
 *                root table's key columns ({@code voyage_id}; {@code "Line", "VoyageNo"})
 * @param where   only rows whose {@code column} holds one of {@code in} belong to the part; {@code null}: all
 * @param collect what the aggregate sees of the matching rows
 * @param orderBy for a list: the item fields its items are ordered by (then by row key); empty: by row key
 * @param via     for a reference: the root table's columns that hold the referenced row's key, in the order of the
 *                referenced table's key columns
 */
public record PartSpec(String name, TableSpec rows, List<String> link, Where where, Collect collect,
        List<String> orderBy, List<String> via) {

    public PartSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(collect, "collect");
        link = List.copyOf(link == null ? List.of() : link);
        orderBy = List.copyOf(orderBy == null ? List.of() : orderBy);
        via = List.copyOf(via == null ? List.of() : via);
        if (collect == Collect.REFERENCE ? via.isEmpty() || !link.isEmpty() : link.isEmpty() || !via.isEmpty()) {
            throw new IllegalArgumentException("part " + name + ": a reference has via columns and no link, any "
                    + "other part a link and no via");
        }
    }

    public boolean isReference() {
        return collect == Collect.REFERENCE;
    }

    public record Where(String column, List<String> in) {
        public Where {
            Objects.requireNonNull(column, "column");
            in = List.copyOf(in);
        }
    }

    public enum Collect {
        /** At most one matching row (its fields, or null); if several match, the one with the greatest key. */
        ONE("one"),
        /** Every matching row, as a list of items ordered by {@code orderBy}, then by row key. */
        LIST("list"),
        /** The number of matching rows. */
        COUNT("count"),
        /** Whether any row matches. */
        EXISTS("exists"),
        /** The row of another table that the root row points at ({@code via}); many aggregates may share it. */
        REFERENCE("reference");

        private final String code;

        Collect(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static java.util.Optional<Collect> forCode(String code) {
            for (Collect c : values()) {
                if (c.code.equals(code)) {
                    return java.util.Optional.of(c);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
