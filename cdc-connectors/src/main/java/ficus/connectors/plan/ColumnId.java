package ficus.connectors.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A column of a captured table, {@code schema.table.column}, names as the catalog has them (see {@link TableId}). */
public record ColumnId(TableId table, String column) {

    public ColumnId {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        if (!SqlIdentifier.valid(column)) {
            throw new IllegalArgumentException("not a column name: " + column);
        }
    }

    /** Parses {@code schema.table.column} as SQL does; empty unless exactly three parts. */
    public static Optional<ColumnId> parse(String text) {
        Optional<List<String>> parts = SqlIdentifier.parseDotted(text.strip()).filter(p -> p.size() == 3);
        return parts.map(p -> new ColumnId(new TableId(p.get(0), p.get(1)), p.get(2)));
    }

    /** The column name as SQL, quoted where needed. */
    public String sqlColumn() {
        return SqlIdentifier.quote(column);
    }

    /** For Debezium's regex-valued {@code column.exclude.list}. */
    public String regex() {
        return table.regex() + "\\." + SqlIdentifier.regex(column);
    }

    @Override
    public String toString() {
        return table + "." + SqlIdentifier.quote(column);
    }
}
