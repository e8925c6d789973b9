package ficus.acl.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.translation.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fixture: raw {@code legacy.crm.cust} (and {@code cust_addr}, {@code lead}) records exactly as Debezium's JsonConverter
 * (schemas disabled) writes them, and the event ids the customer translation gives their changes.
 */
final class RawChanges {

    static final long CREATED_MICROS = 1_700_000_000_000_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RawChanges() {
    }

    static Map<String, Object> cust(long id, String status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cust_id", id);
        row.put("cst_nm", "Customer " + id);
        row.put("cst_eml", "c" + id + "@example.org");
        row.put("cst_stat", status);
        row.put("cst_nts", "notes of " + id);
        row.put("crt_ts", CREATED_MICROS);
        row.put("upd_ts", CREATED_MICROS);
        row.put("upd_by", "APP");
        return row;
    }

    /**
     * The id of the event a change of {@code legacy.crm.cust} yields: the name-based UUID the customer-only layer gave
     * it, which the generic engine keeps ({@code <translation>|<raw topic>|<position>|<key>|<ce_type>}).
     */
    static String eventId(SourcePosition position, long customerId, String eventType) {
        return uuid("customer|legacy.crm.cust|" + position.format() + "|" + customerId + "|crm." + eventType + ".v1");
    }

    /** The id of a re-statement: like {@link #eventId}, plus the position it was stamped with. */
    static String restatementEventId(SourcePosition source, SourcePosition stamped, long customerId,
            String eventType) {
        return uuid("customer|legacy.crm.cust|" + source.format() + "|" + customerId + "|crm." + eventType + ".v1"
                + "|restate@" + stamped.format());
    }

    private static String uuid(String name) {
        return java.util.UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static Map<String, Object> with(Map<String, Object> row, String column, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.put(column, value);
        return copy;
    }

    static byte[] key(long id) {
        return ("{\"cust_id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] read(Map<String, Object> after, long lsn) {
        return value("r", null, after, "true", null, lsn);
    }

    static byte[] create(Map<String, Object> after, long commitLsn, long lsn) {
        return value("c", null, after, "false", commitLsn, lsn);
    }

    static byte[] update(Map<String, Object> before, Map<String, Object> after, long commitLsn, long lsn) {
        return value("u", before, after, "false", commitLsn, lsn);
    }

    static byte[] delete(Map<String, Object> before, long commitLsn, long lsn) {
        return value("d", before, null, "false", commitLsn, lsn);
    }

    static byte[] value(String op, Map<String, Object> before, Map<String, Object> after, String snapshot,
            Long commitLsn, long lsn) {
        return value("cust", op, before, after, snapshot, commitLsn, lsn);
    }

    static Map<String, Object> addr(long addrId, long custId, String type, String line1) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("addr_id", addrId);
        row.put("cust_id", custId);
        row.put("addr_typ", type);
        row.put("ln1", line1);
        row.put("cty", "Porto");
        row.put("zip", "4000");
        row.put("ctry", "pt");
        row.put("upd_ts", CREATED_MICROS);
        return row;
    }

    static Map<String, Object> lead(long leadId, long custId, String status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("lead_id", leadId);
        row.put("cust_id", custId);
        row.put("src", "WEB");
        row.put("scr", 50);
        row.put("ld_stat", status);
        row.put("crt_ts", CREATED_MICROS);
        return row;
    }

    static byte[] value(String table, String op, Map<String, Object> before, Map<String, Object> after,
            String snapshot, Long commitLsn, long lsn) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("before", MAPPER.valueToTree(before));
        root.set("after", MAPPER.valueToTree(after));
        ObjectNode source = root.putObject("source");
        source.put("version", "3.7.0.Final");
        source.put("connector", "postgresql");
        source.put("name", "legacy");
        source.put("ts_ms", 1_700_000_000_123L + lsn);
        source.put("snapshot", snapshot);
        source.put("db", "legacy");
        source.put("sequence", "[" + (commitLsn == null ? "null" : "\"" + commitLsn + "\"") + ",\"" + lsn + "\"]");
        source.put("schema", "crm");
        source.put("table", table);
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
