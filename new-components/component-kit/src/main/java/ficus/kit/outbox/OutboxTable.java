package ficus.kit.outbox;

import java.time.Instant;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The kit's table {@code ficus_outbox} (changelog {@code ficus/kit/db/changelog-kit.yaml}). Its column names are what
 * {@link OutboxConnector} tells Debezium's outbox event router: keep the three in step.
 */
public final class OutboxTable {

    public static final String NAME = "ficus_outbox";
    public static final Table<Record> OUTBOX = DSL.table(DSL.name(NAME));
    public static final Field<String> ID = DSL.field(DSL.name("id"), SQLDataType.VARCHAR(64));
    public static final Field<String> TOPIC = DSL.field(DSL.name("topic"), SQLDataType.VARCHAR(249));
    public static final Field<String> AGGREGATE_ID = DSL.field(DSL.name("aggregate_id"), SQLDataType.VARCHAR(255));
    public static final Field<String> TYPE = DSL.field(DSL.name("type"), SQLDataType.VARCHAR(255));
    public static final Field<String> SOURCE = DSL.field(DSL.name("source"), SQLDataType.VARCHAR(255));
    public static final Field<String> EVENT_TIME = DSL.field(DSL.name("event_time"), SQLDataType.VARCHAR(40));
    public static final Field<String> POSITION = DSL.field(DSL.name("position"), SQLDataType.VARCHAR(40));
    public static final Field<String> SPECVERSION = DSL.field(DSL.name("specversion"), SQLDataType.VARCHAR(8));
    public static final Field<String> CONTENT_TYPE = DSL.field(DSL.name("content_type"), SQLDataType.VARCHAR(64));
    public static final Field<String> PAYLOAD = DSL.field(DSL.name("payload"), SQLDataType.CLOB);
    public static final Field<Instant> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.INSTANT);

    private OutboxTable() {
    }
}
