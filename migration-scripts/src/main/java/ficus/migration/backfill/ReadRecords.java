package ficus.migration.backfill;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Renders a legacy row as the value of a Debezium PostgreSQL <em>read</em> record, exactly as the capture would have
 * (JsonConverter without schemas; {@code timestamp} as epoch microseconds as if UTC; decimals as strings), with
 * {@code op = "r"}, {@code source.snapshot = "backfill"}, {@code source.lsn} = the read's snapshot LSN and no
 * {@code sequence}: the anti-corruption layer parses it as a phase-0 position {@code 0/0000000000000000/<lsn>}, older than
 * every streamed change.
 */
public final class ReadRecords {

    /** {@code source.snapshot} of a backfill read (Debezium's own values are true/first/last/incremental/false). */
    public static final String SNAPSHOT_MARKER = "backfill";
    public static final String VERSION = "ficus-backfill";
    private static final JsonFactory JSON = new JsonFactory();

    /** {@code source.snapshot} of a re-drive read: asks the layer to re-state the aggregate (see DESIGN.md). */
    public static final String REDRIVE_MARKER = "redrive";

    private final String source;
    private final String database;
    private final String marker;

    /**
     * @param source   the capture's logical name (Debezium {@code topic.prefix}, the plan's {@code source})
     * @param database the legacy database name ({@code source.db})
     */
    public ReadRecords(String source, String database) {
        this(source, database, SNAPSHOT_MARKER);
    }

    /** With another {@code source.snapshot} marker ({@link #REDRIVE_MARKER}). */
    public ReadRecords(String source, String database, String marker) {
        this.source = source;
        this.database = database;
        this.marker = marker;
    }

    /** The record key: the aggregate id under the root key column, so every row of one aggregate shares a partition. */
    public byte[] key(String rootKeyColumn, long aggregateId) {
        return ("{\"" + rootKeyColumn + "\":" + aggregateId + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public byte[] value(String schema, String table, Map<String, Object> row, long lsn, long readAtMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNullField("before");
            g.writeObjectFieldStart("after");
            for (Map.Entry<String, Object> column : row.entrySet()) {
                g.writeFieldName(column.getKey());
                write(g, column.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("source");
            g.writeStringField("version", VERSION);
            g.writeStringField("connector", "postgresql");
            g.writeStringField("name", source);
            g.writeNumberField("ts_ms", readAtMillis);
            g.writeStringField("snapshot", marker);
            g.writeStringField("db", database);
            g.writeNullField("sequence");
            g.writeStringField("schema", schema);
            g.writeStringField("table", table);
            g.writeNullField("txId");
            g.writeNumberField("lsn", lsn);
            g.writeNullField("xmin");
            g.writeEndObject();
            g.writeNullField("transaction");
            g.writeStringField("op", "r");
            g.writeNumberField("ts_ms", readAtMillis);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Long l -> g.writeNumber(l);
            case Integer i -> g.writeNumber(i);
            case Short s -> g.writeNumber(s);
            case Boolean b -> g.writeBoolean(b);
            case BigDecimal d -> g.writeString(d.toPlainString()); // decimal.handling.mode=string
            case LocalDateTime t -> g.writeNumber(micros(t));
            case OffsetDateTime t -> g.writeString(t.withOffsetSameInstant(ZoneOffset.UTC).toString());
            case LocalDate d -> g.writeNumber(d.toEpochDay());
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            default -> g.writeString(value.toString());
        }
    }

    /** A {@code timestamp} as Debezium's adaptive precision sends it: microseconds since the epoch, as if UTC. */
    static long micros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000L;
    }
}
