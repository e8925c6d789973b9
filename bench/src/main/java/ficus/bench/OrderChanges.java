package ficus.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stream of Debezium change records of the orders sample's {@code erp."SalesOrder"} — every column type, encoded as
 * the sample's real connector writes them with Ficus's rendered config (numeric as text with its scale, timestamptz
 * as ISO text, date as epoch days, time, interval and timestamp as microseconds, text[] as an array, jsonb as text,
 * bytea as base64): first a snapshot ({@code op=r}), then streamed changes — status changes, trigger touches of
 * {@code line_count} that leave the TOASTed note unavailable (no event), total and tag changes, new orders and a few
 * deletes. Deterministic for a given seed. Only root rows: the same shape of work as {@link LegacyChanges}.
 */
final class OrderChanges {

    static final double STATUS_UPDATES = 0.40;
    static final double TRIGGER_TOUCHES = 0.35;
    static final double DETAIL_UPDATES = 0.15;
    static final double INSERTS = 0.08;

    private static final String[] STATUS = {"NEW", "PAID", "SHIPPED", "CANCELLED"};
    private static final String UNAVAILABLE = "__debezium_unavailable_value";

    private final SplittableRandom random = new SplittableRandom(42);
    private final Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    private final List<String> keys = new ArrayList<>();
    private long nextOrder = 1;
    private long lsn = 24_000_000L;
    private long lastCommitLsn = 0L;

    static List<LegacyChanges.Change> generate(int records, double snapshotShare) {
        return new OrderChanges().all(records, snapshotShare);
    }

    private List<LegacyChanges.Change> all(int records, double snapshotShare) {
        List<LegacyChanges.Change> changes = new ArrayList<>(records);
        int snapshot = (int) (records * snapshotShare);
        for (int i = 0; i < snapshot; i++) {
            changes.add(change("r", null, newRow(), i == 0 ? "first" : i == snapshot - 1 ? "last" : "true"));
        }
        while (changes.size() < records) {
            double dice = random.nextDouble();
            lastCommitLsn = lsn;
            if (dice < INSERTS || keys.isEmpty()) {
                changes.add(change("c", null, newRow(), "false"));
            } else if (dice < INSERTS + STATUS_UPDATES) {
                Map<String, Object> after = streamed(anyRow());
                after.put("status", STATUS[random.nextInt(STATUS.length)]);
                changes.add(update(after));
            } else if (dice < INSERTS + STATUS_UPDATES + TRIGGER_TOUCHES) {
                Map<String, Object> after = streamed(anyRow());
                after.put("line_count", ((Long) after.get("line_count")) + 1);
                changes.add(update(after));
            } else if (dice < INSERTS + STATUS_UPDATES + TRIGGER_TOUCHES + DETAIL_UPDATES) {
                Map<String, Object> after = streamed(anyRow());
                after.put("total", (random.nextInt(99_999) + 1) / 100 + "." + String.format("%02d",
                        random.nextInt(100)));
                after.put("tags", List.of("t" + random.nextInt(9), "paid"));
                changes.add(update(after));
            } else {
                int index = random.nextInt(keys.size());
                String key = keys.get(index);
                keys.set(index, keys.get(keys.size() - 1));
                keys.remove(keys.size() - 1);
                Map<String, Object> before = new LinkedHashMap<>();
                Map<String, Object> row = rows.remove(key);
                before.put("Tenant", row.get("Tenant"));
                before.put("OrderNo", row.get("OrderNo"));
                changes.add(change("d", before, null, "false"));
            }
        }
        return changes;
    }

    /** A streamed update of a table without REPLICA IDENTITY FULL: the untouched TOASTed note is unavailable. */
    private static Map<String, Object> streamed(Map<String, Object> row) {
        Map<String, Object> after = new LinkedHashMap<>(row);
        after.put("notes", UNAVAILABLE);
        return after;
    }

    private LegacyChanges.Change update(Map<String, Object> after) {
        Map<String, Object> stored = new LinkedHashMap<>(after);
        stored.put("notes", rows.get(key(after)).get("notes"));
        rows.put(key(after), stored);
        return change("u", null, after, "false");
    }

    private static String key(Map<String, Object> row) {
        return row.get("Tenant") + ":" + row.get("OrderNo");
    }

    private Map<String, Object> anyRow() {
        return rows.get(keys.get(random.nextInt(keys.size())));
    }

    private Map<String, Object> newRow() {
        long orderNo = nextOrder++;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Tenant", 1L + orderNo % 3);
        row.put("OrderNo", orderNo);
        row.put("CustomerId", 900_000L + orderNo % 500);
        row.put("status", STATUS[random.nextInt(2)]);
        row.put("placed_at", "2026-03-14T03:56:53." + String.format("%06d", random.nextInt(1_000_000)) + "Z");
        row.put("total", random.nextInt(99_999) / 100 + "." + String.format("%02d", random.nextInt(100)));
        row.put("currency", "EUR");
        row.put("tags", List.of("gift, wrapped", "t" + random.nextInt(9)));
        row.put("attributes", "{\"channel\": \"web\", \"delivery\": {\"floor\": " + random.nextInt(9) + "}}");
        row.put("notes", ("Delivery notes for order " + orderNo + ": ring twice, leave at the back door. ").repeat(4));
        row.put("ship_by", 20533L + random.nextInt(30));
        row.put("pickup_time", 52_215_250_000L);
        row.put("handling", 93_784_500_000L);
        row.put("public_id", String.format("8f14e45f-ceea-467f-a0e6-%012d", orderNo));
        row.put("weight_kg", 12.75);
        row.put("discount_rate", 0.125);
        row.put("is_gift", random.nextBoolean());
        row.put("signature", "AP8Q");
        row.put("legacy_touched", 1_773_467_813_589_793L);
        row.put("line_count", 0L);
        rows.put(key(row), row);
        keys.add(key(row));
        return row;
    }

    private LegacyChanges.Change change(String op, Map<String, Object> before, Map<String, Object> after,
            String snapshotFlag) {
        lsn += 56 + random.nextInt(200);
        Map<String, Object> row = after != null ? after : before;
        return new LegacyChanges.Change(("{\"Tenant\":" + row.get("Tenant") + ",\"OrderNo\":" + row.get("OrderNo")
                + "}").getBytes(StandardCharsets.UTF_8), DebeziumEnvelope.value(op, before, after, snapshotFlag,
                "orders", "erp", "SalesOrder", lsn, lastCommitLsn));
    }
}
