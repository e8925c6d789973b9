package ficus.connectors.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * A captured table: its schema and name exactly as the PostgreSQL catalog has them (case kept). A plan writes it as in
 * SQL ({@code crm.cust}, {@code erp."OrderLine"}; see {@link SqlIdentifier}); {@link #toString()} writes it back the
 * same way, {@link #sql()} too, and {@link #regex()} escapes it for Debezium's regex-valued lists.
 */
public record TableId(String schema, String table) implements Comparable<TableId> {

    public TableId {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        if (!SqlIdentifier.valid(schema) || !SqlIdentifier.valid(table)) {
            throw new IllegalArgumentException("not a schema.table name: " + schema + "." + table);
        }
    }

    /** Parses {@code schema.table} as SQL does (quoted parts kept, unquoted folded); empty unless exactly two parts. */
    public static Optional<TableId> parse(String text) {
        return SqlIdentifier.parseDotted(text.strip()).filter(p -> p.size() == 2)
                .map(p -> new TableId(p.get(0), p.get(1)));
    }

    /** The name as SQL, quoted where needed: {@code erp."OrderLine"}. */
    public String sql() {
        return SqlIdentifier.quote(schema, table);
    }

    /** The name for Debezium's regex-valued lists ({@code table.include.list}): both parts escaped, joined by {@code \.}. */
    public String regex() {
        return SqlIdentifier.regex(schema) + "\\." + SqlIdentifier.regex(table);
    }

    /** {@code schema.table} with the catalog's names, unquoted: how Debezium and {@code pg_publication_tables} name it. */
    public String plain() {
        return schema + "." + table;
    }

    /**
     * Debezium's raw topic for this table: {@code <source>.<schema>.<table>}, every character Kafka does not allow in a
     * topic name replaced by {@code _} (Debezium's default topic naming).
     */
    public String topic(String source) {
        String name = source + "." + schema + "." + table;
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            out.append(valid ? c : '_');
        }
        return out.length() > 249 ? out.substring(0, 249) : out.toString();
    }

    @Override
    public int compareTo(TableId other) {
        return toString().compareTo(other.toString());
    }

    /** As written in a plan and in SQL: {@code crm.cust}, {@code erp."OrderLine"}. */
    @Override
    public String toString() {
        return sql();
    }
}
