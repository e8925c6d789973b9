package ficus.acl.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Fixture: raw change records of any table exactly as Debezium's JsonConverter (schemas disabled) writes them, for the
 * engine's own tests (the samples have their own fixtures).
 */
final class DebeziumRecords {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DebeziumRecords() {
    }

    /**
     * @param schemaTable {@code schema.table}, exact names
     * @param snapshot    {@code source.snapshot}: {@code "false"} streamed, {@code "true"} a snapshot read, or a marker
     *                    such as {@code "redrive"}
     * @param commitLsn   the transaction's last commit LSN ({@code null}: Debezium writes null)
     */
    static byte[] value(String schemaTable, String op, Map<String, Object> before, Map<String, Object> after,
            String snapshot, Long commitLsn, long lsn) {
        int dot = schemaTable.indexOf('.');
        ObjectNode root = MAPPER.createObjectNode();
        root.set("before", MAPPER.valueToTree(before));
        root.set("after", MAPPER.valueToTree(after));
        ObjectNode source = root.putObject("source");
        source.put("version", "3.7.0.Final");
        source.put("connector", "postgresql");
        source.put("name", "src");
        source.put("ts_ms", 1_700_000_000_123L + lsn);
        source.put("snapshot", snapshot);
        source.put("db", "src");
        source.put("sequence", "[" + (commitLsn == null ? "null" : "\"" + commitLsn + "\"") + ",\"" + lsn + "\"]");
        source.put("schema", schemaTable.substring(0, dot));
        source.put("table", schemaTable.substring(dot + 1));
        source.put("txId", 765);
        source.put("lsn", lsn);
        source.putNull("xmin");
        root.putNull("transaction");
        root.put("op", op);
        root.put("ts_ms", 1_700_000_000_200L + lsn);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
