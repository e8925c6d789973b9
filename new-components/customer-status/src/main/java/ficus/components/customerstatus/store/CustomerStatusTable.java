package ficus.components.customerstatus.store;

import java.time.Instant;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The table {@code customer_status} (changelog {@code ficus/components/customerstatus/db/changelog.yaml}). Migration
 * and reconciliation read it by these names: keep them. jOOQ code generation replaces this class later.
 */
public final class CustomerStatusTable {

    public static final Table<Record> CUSTOMER_STATUS = DSL.table(DSL.name("customer_status"));
    public static final Field<Long> CUSTOMER_ID = DSL.field(DSL.name("customer_id"), SQLDataType.BIGINT);
    public static final Field<String> STATUS = DSL.field(DSL.name("status"), SQLDataType.VARCHAR(16));
    public static final Field<Boolean> REMOVED = DSL.field(DSL.name("removed"), SQLDataType.BOOLEAN);
    public static final Field<String> POSITION = DSL.field(DSL.name("position"), SQLDataType.VARCHAR(40));
    public static final Field<String> LAST_EVENT_ID = DSL.field(DSL.name("last_event_id"), SQLDataType.VARCHAR(64));
    public static final Field<Instant> LEGACY_COMMIT_TIME =
            DSL.field(DSL.name("legacy_commit_time"), SQLDataType.INSTANT);
    public static final Field<Instant> APPLIED_AT = DSL.field(DSL.name("applied_at"), SQLDataType.INSTANT);

    private CustomerStatusTable() {
    }
}
