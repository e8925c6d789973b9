package ficus.connectors.plan;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A captured table, {@code schema.table}. Identifiers are plain (unquoted) PostgreSQL identifiers: letters, digits
 * and underscores, not starting with a digit. That keeps them free of regular-expression metacharacters, so they can
 * go into Debezium's regex-valued include/exclude lists as they are.
 */
public record TableId(String schema, String table) implements Comparable<TableId> {

    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public TableId {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        if (!IDENTIFIER.matcher(schema).matches() || !IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("not a schema.table name: " + schema + "." + table);
        }
    }

    /** Parses {@code schema.table}; empty if the text is not exactly two plain identifiers joined by a dot. */
    public static Optional<TableId> parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 2 || !IDENTIFIER.matcher(parts[0]).matches() || !IDENTIFIER.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new TableId(parts[0], parts[1]));
    }

    /** Debezium's raw topic for this table: {@code <source>.<schema>.<table>}. */
    public String topic(String source) {
        return source + "." + schema + "." + table;
    }

    @Override
    public int compareTo(TableId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
