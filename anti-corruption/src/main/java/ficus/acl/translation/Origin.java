package ficus.acl.translation;

import java.util.Objects;

/** Where a change was captured: the capture's logical source name (Debezium {@code topic.prefix}), schema and table. */
public record Origin(String source, String schema, String table) {

    public Origin {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** The raw topic Debezium names after this origin: {@code <source>.<schema>.<table>}. */
    public String rawTopic() {
        return source + "." + schema + "." + table;
    }

    @Override
    public String toString() {
        return rawTopic();
    }
}
