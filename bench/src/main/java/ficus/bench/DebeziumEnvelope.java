package ficus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The value Debezium's PostgreSQL connector writes for one change with JsonConverter (schemas disabled): before,
 * after, source (with lsn and sequence), op, ts_ms. The workloads of the benchmarks build their records with it.
 */
final class DebeziumEnvelope {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DebeziumEnvelope() {
    }

    /**
     * @param snapshotFlag  {@code source.snapshot}: {@code false} for a streamed change, else the snapshot's flag
     * @param lastCommitLsn the last commit's LSN before this change (streamed changes only)
     */
    static byte[] value(String op, Map<String, Object> before, Map<String, Object> after, String snapshotFlag,
            String source, String schema, String table, long lsn, long lastCommitLsn) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("before", MAPPER.valueToTree(before));
        root.set("after", MAPPER.valueToTree(after));
        ObjectNode src = root.putObject("source");
        src.put("version", "3.7.0.Final");
        src.put("connector", "postgresql");
        src.put("name", source);
        src.put("ts_ms", 1_700_000_000_123L + lsn / 1000);
        src.put("snapshot", snapshotFlag);
        src.put("db", source);
        boolean streamed = "false".equals(snapshotFlag);
        src.put("sequence", "[" + (streamed ? "\"" + lastCommitLsn + "\"" : "null") + ",\"" + lsn + "\"]");
        src.put("schema", schema);
        src.put("table", table);
        src.put("txId", 765 + lsn / 1000);
        src.put("lsn", lsn);
        src.putNull("xmin");
        root.putNull("transaction");
        root.put("op", op);
        root.put("ts_ms", 1_700_000_000_200L + lsn / 1000);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
