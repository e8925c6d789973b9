package ficus.samples.crm;

import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixture: legacy {@code crm.cust} rows as Debezium delivers them, and changes over them (on the engine's {@link Change}). */
final class LegacyCust {

    static final Origin ORIGIN = new Origin("legacy", "crm", "cust");
    static final long ID = 1_000_001L;
    /** 2023-11-14T22:13:20Z in epoch microseconds. */
    static final long CREATED_MICROS = 1_700_000_000_000_000L;
    static final Instant CREATED = Instant.parse("2023-11-14T22:13:20Z");
    static final Instant COMMIT = Instant.ofEpochMilli(1_700_000_000_123L);

    private final Map<String, Object> values = new LinkedHashMap<>();

    private LegacyCust() {
        values.put("cust_id", ID);
        values.put("cst_nm", "Ada Lovelace");
        values.put("cst_eml", "ada@example.org");
        values.put("cst_stat", "P");
        values.put("cst_nts", "prefers e-mail");
        values.put("crt_ts", CREATED_MICROS);
        values.put("upd_ts", CREATED_MICROS);
        values.put("upd_by", "APP");
    }

    static LegacyCust ada() {
        return new LegacyCust();
    }

    LegacyCust with(String column, Object value) {
        LegacyCust copy = new LegacyCust();
        copy.values.clear();
        copy.values.putAll(values);
        copy.values.put(column, value);
        return copy;
    }

    LegacyCust without(String column) {
        LegacyCust copy = with(column, null);
        copy.values.remove(column);
        return copy;
    }

    Row row() {
        return Row.of(values);
    }

    static SourcePosition at(long lsn) {
        return SourcePosition.streamed(lsn - 8, lsn);
    }

    static Change insert(LegacyCust after, SourcePosition position) {
        return new Change(Operation.CREATE, null, after.row(), position, COMMIT, ORIGIN);
    }

    static Change read(LegacyCust row, long snapshotLsn) {
        return new Change(Operation.READ, null, row.row(), SourcePosition.snapshot(snapshotLsn), COMMIT, ORIGIN);
    }

    static Change update(LegacyCust before, LegacyCust after, SourcePosition position) {
        return new Change(Operation.UPDATE, before.row(), after.row(), position, COMMIT, ORIGIN);
    }

    static Change delete(LegacyCust before, SourcePosition position) {
        return new Change(Operation.DELETE, before.row(), null, position, COMMIT, ORIGIN);
    }
}
