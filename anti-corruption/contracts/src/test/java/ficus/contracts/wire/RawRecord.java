package ficus.contracts.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One raw change record as Debezium's JsonConverter (schemas disabled) writes it for PostgreSQL, on the topic
 * {@code <capture source>.<schema>.<table>}: what the wire tests feed the engine's topology.
 */
public record RawRecord(String topic, byte[] key, byte[] value) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A row: column → value as Debezium encodes it; {@code null} values kept. */
    static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    /** {@code row} with {@code column} set to {@code value}. */
    static Map<String, Object> with(Map<String, Object> row, String column, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.put(column, value);
        return copy;
    }

    /**
     * A streamed change ({@code op} c, u or d) committed at {@code lsn}.
     *
     * @param keyColumns the table's key columns, for the record key
     */
    static RawRecord change(String source, String schema, String table, List<String> keyColumns, String op,
            Map<String, Object> before, Map<String, Object> after, long lsn) {
        Map<String, Object> keyRow = after != null ? after : before;
        ObjectNode key = MAPPER.createObjectNode();
        keyColumns.forEach(column -> key.set(column, MAPPER.valueToTree(keyRow.get(column))));
        ObjectNode root = MAPPER.createObjectNode();
        root.set("before", MAPPER.valueToTree(before));
        root.set("after", MAPPER.valueToTree(after));
        ObjectNode s = root.putObject("source");
        s.put("version", "3.7.0.Final");
        s.put("connector", "postgresql");
        s.put("name", source);
        s.put("ts_ms", 1_773_460_613_000L + lsn);
        s.put("snapshot", "false");
        s.put("db", "legacy");
        s.put("sequence", "[\"" + (lsn - 8) + "\",\"" + lsn + "\"]");
        s.put("schema", schema);
        s.put("table", table);
        s.put("txId", 765 + lsn);
        s.put("lsn", lsn);
        s.putNull("xmin");
        root.putNull("transaction");
        root.put("op", op);
        root.put("ts_ms", 1_773_460_613_100L + lsn);
        try {
            return new RawRecord(source + "." + schema + "." + table, MAPPER.writeValueAsBytes(key),
                    MAPPER.writeValueAsBytes(root));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
