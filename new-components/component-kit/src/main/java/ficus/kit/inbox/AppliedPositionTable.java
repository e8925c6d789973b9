package ficus.kit.inbox;

import java.time.Instant;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The kit's table {@code ficus_applied_position}: for each aggregate, the position of the last event applied. Created
 * by {@code ficus/kit/db/changelog-kit.yaml}; keep both in step (jOOQ code generation replaces this class later).
 */
public final class AppliedPositionTable {

    public static final Table<Record> APPLIED_POSITION = DSL.table(DSL.name("ficus_applied_position"));
    public static final Field<String> AGGREGATE_TYPE = DSL.field(DSL.name("aggregate_type"), SQLDataType.VARCHAR);
    public static final Field<String> AGGREGATE_ID = DSL.field(DSL.name("aggregate_id"), SQLDataType.VARCHAR);
    public static final Field<String> POSITION = DSL.field(DSL.name("position"), SQLDataType.VARCHAR(40));
    public static final Field<String> EVENT_ID = DSL.field(DSL.name("event_id"), SQLDataType.VARCHAR(64));
    public static final Field<Instant> APPLIED_AT = DSL.field(DSL.name("applied_at"), SQLDataType.INSTANT);

    private AppliedPositionTable() {
    }
}
