package ficus.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A realistic stream of Debezium change records of {@code crm.cust} (JsonConverter, schemas disabled: the envelope
 * {@code before}, {@code after}, {@code source} with {@code lsn} and {@code sequence}, {@code op}, {@code ts_ms}, as
 * the sandbox's real connector writes it): first a snapshot of the existing customers ({@code op=r}), then streamed changes — status
 * updates, detail updates, the nightly job touching {@code upd_ts}/{@code upd_by} only (no event), new customers and
 * a few deletes. Every row carries a few hundred bytes of notes ({@code cst_nts}), as the legacy app writes them.
 * Deterministic for a given seed.
 */
final class LegacyChanges {

    record Change(byte[] key, byte[] value) {
    }

    /** Share of each kind among the streamed changes (the rest of {@code records} after the snapshot). */
    static final double STATUS_UPDATES = 0.40;
    static final double NIGHTLY_TOUCHES = 0.35;
    static final double DETAIL_UPDATES = 0.15;
    static final double INSERTS = 0.08;
    // deletes: the remaining 0.02

    private static final String[] STATUS = {"P", "A", "S", "X"};
    private static final long FIRST_ID = 1_000_001L;
    private static final long CREATED_MICROS = 1_700_000_000_000_000L;

    private final SplittableRandom random = new SplittableRandom(42);
    private final Map<Long, Map<String, Object>> rows = new LinkedHashMap<>();
    private final List<Long> ids = new ArrayList<>();
    private long nextId = FIRST_ID;
    private long lsn = 24_000_000L;
    private long lastCommitLsn = 0L;
    private long clockMicros = CREATED_MICROS;

    /** {@code snapshotShare} of {@code records} are snapshot reads, the rest streamed changes. */
    static List<Change> generate(int records, double snapshotShare) {
        return new LegacyChanges().all(records, snapshotShare);
    }

    private List<Change> all(int records, double snapshotShare) {
        List<Change> changes = new ArrayList<>(records);
        int snapshot = (int) (records * snapshotShare);
        for (int i = 0; i < snapshot; i++) {
            Map<String, Object> row = newRow();
            changes.add(change("r", null, row, "true", snapshot(i, snapshot)));
        }
        while (changes.size() < records) {
            double dice = random.nextDouble();
            lastCommitLsn = lsn;
            if (dice < INSERTS || ids.isEmpty()) {
                changes.add(change("c", null, newRow(), "false", null));
            } else if (dice < INSERTS + STATUS_UPDATES) {
                Map<String, Object> before = anyRow();
                Map<String, Object> after = new LinkedHashMap<>(before);
                String current = (String) before.get("cst_stat");
                String next;
                do {
                    next = STATUS[random.nextInt(STATUS.length)];
                } while (next.equals(current));
                after.put("cst_stat", next);
                touch(after, "APP");
                changes.add(update(before, after));
            } else if (dice < INSERTS + STATUS_UPDATES + NIGHTLY_TOUCHES) {
                Map<String, Object> before = anyRow();
                Map<String, Object> after = new LinkedHashMap<>(before);
                touch(after, "NIGHTLY");
                changes.add(update(before, after));
            } else if (dice < INSERTS + STATUS_UPDATES + NIGHTLY_TOUCHES + DETAIL_UPDATES) {
                Map<String, Object> before = anyRow();
                Map<String, Object> after = new LinkedHashMap<>(before);
                after.put("cst_eml", "c" + after.get("cust_id") + "." + random.nextInt(1000) + "@example.org");
                touch(after, "APP");
                changes.add(update(before, after));
            } else {
                int index = random.nextInt(ids.size());
                long id = ids.get(index);
                ids.set(index, ids.get(ids.size() - 1));
                ids.remove(ids.size() - 1);
                Map<String, Object> before = rows.remove(id);
                changes.add(change("d", before, null, "false", null));
            }
        }
        return changes;
    }

    private static String snapshot(int i, int total) {
        return i == 0 ? "first" : i == total - 1 ? "last" : "true";
    }

    private Change update(Map<String, Object> before, Map<String, Object> after) {
        rows.put((Long) after.get("cust_id"), after);
        return change("u", before, after, "false", null);
    }

    private void touch(Map<String, Object> row, String by) {
        clockMicros += 1_000_000L;
        row.put("upd_ts", clockMicros);
        row.put("upd_by", by);
    }

    private Map<String, Object> anyRow() {
        return rows.get(ids.get(random.nextInt(ids.size())));
    }

    private Map<String, Object> newRow() {
        long id = nextId++;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cust_id", id);
        row.put("cst_nm", "Customer " + id + " Lovelace");
        row.put("cst_eml", random.nextInt(10) == 0 ? null : "c" + id + "@example.org");
        row.put("cst_stat", STATUS[random.nextInt(3)]);
        row.put("cst_nts", ("Called on " + id + "; prefers e-mail; contract renewal pending. ").repeat(4));
        row.put("crt_ts", CREATED_MICROS + id);
        row.put("upd_ts", CREATED_MICROS + id);
        row.put("upd_by", "APP");
        rows.put(id, row);
        ids.add(id);
        return row;
    }

    private Change change(String op, Map<String, Object> before, Map<String, Object> after, String snapshotFlag,
            Object unused) {
        lsn += 56 + random.nextInt(200);
        long id = (Long) (after != null ? after : before).get("cust_id");
        return new Change(("{\"cust_id\":" + id + "}").getBytes(StandardCharsets.UTF_8),
                DebeziumEnvelope.value(op, before, after, snapshotFlag, "legacy", "crm", "cust", lsn, lastCommitLsn));
    }
}
