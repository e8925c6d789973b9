package ficus.connectors.plan;

import java.util.Objects;
import java.util.Optional;

/** A column of a captured table, {@code schema.table.column}. */
public record ColumnId(TableId table, String column) {

    public ColumnId {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        if (!TableId.IDENTIFIER.matcher(column).matches()) {
            throw new IllegalArgumentException("not a column name: " + column);
        }
    }

    /** Parses {@code schema.table.column}; empty if the text is not exactly three plain identifiers. */
    public static Optional<ColumnId> parse(String text) {
        int last = text.lastIndexOf('.');
        if (last < 0 || !TableId.IDENTIFIER.matcher(text.substring(last + 1)).matches()) {
            return Optional.empty();
        }
        return TableId.parse(text.substring(0, last)).map(t -> new ColumnId(t, text.substring(last + 1)));
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
