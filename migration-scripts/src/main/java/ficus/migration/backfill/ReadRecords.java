package ficus.migration.backfill;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Renders a legacy row as the value of a Debezium PostgreSQL <em>read</em> record, exactly as the capture Ficus renders
 * would have (JsonConverter without schemas, {@code decimal.handling.mode=string}, adaptive time precision): integers
 * and floating-point numbers as JSON numbers, {@code numeric} as a string with its scale, {@code timestamp} as epoch
 * microseconds (the wall clock read as UTC), {@code timestamptz} as ISO-8601 UTC text with six fraction digits,
 * {@code date} as epoch days, {@code time} as microseconds of the day, {@code interval} as microseconds, uuid, enum
 * and other named types as their text, {@code json}/{@code jsonb} as a string holding the JSON text, arrays as JSON
 * arrays, {@code bytea} as base64. Schema and table are the exact names ({@code erp}, {@code OrderLine}). With
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

    /**
     * The record key as Debezium writes a table's key: {@code {"Tenant":2,"OrderNo":4711}} — for every row of one
     * aggregate its root key, so all of them share a partition of the replay topic and keep their order.
     */
    public byte[] key(List<String> columns, Object[] values) {
        Renderer renderer = new Renderer();
        return renderer.key(renderer.table("", "", columns), values);
    }

    /** One row's read record value (for few rows; a backfill renders with a {@link #renderer} per writer). */
    public byte[] value(String schema, String table, Map<String, Object> row, long lsn, long readAtMillis) {
        Renderer renderer = new Renderer();
        Renderer.Table t = renderer.table(schema, table, List.copyOf(row.keySet()));
        return renderer.value(t, row.values().toArray(), lsn, readAtMillis);
    }

    /** A renderer for one thread (a partition's writer): reuses its buffer and generator for every record. */
    Renderer renderer() {
        return new Renderer();
    }

    /**
     * Renders read record values into one reused buffer with one reused Jackson streaming generator: only the row's
     * columns are generated per record; the constant head and the {@code source} tail (per table, LSN and read time)
     * are pre-rendered bytes. The output is byte for byte what a generator writing the whole record produces. Not
     * thread-safe.
     */
    final class Renderer {

        private static final byte[] HEAD = "{\"before\":null,\"after\":".getBytes(StandardCharsets.UTF_8);

        private final Buffer out = new Buffer();
        private final JsonGenerator g;

        private Renderer() {
            try {
                g = JSON.createGenerator(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            g.setRootValueSeparator(null); // one root value per record, nothing between them
        }

        /** A table's pre-rendered column names and source tail. */
        final class Table {
            private final String schema;
            private final String table;
            private final String snapshot;
            private final SerializedString[] columns;
            private long tailLsn = Long.MIN_VALUE;
            private long tailMillis = Long.MIN_VALUE;
            private byte[] tail;

            private Table(String schema, String table, List<String> columns, String snapshot) {
                this.schema = schema;
                this.table = table;
                this.snapshot = snapshot;
                this.columns = columns.stream().map(SerializedString::new).toArray(SerializedString[]::new);
            }

            private byte[] tail(long lsn, long readAtMillis) throws IOException {
                if (tail == null || lsn != tailLsn || readAtMillis != tailMillis) {
                    Buffer buffer = new Buffer();
                    try (JsonGenerator t = JSON.createGenerator(buffer)) {
                        t.writeStartObject();
                        t.writeFieldName("x"); // only to be in an object: the tail starts after the "after" value
                        t.writeNull();
                        t.writeObjectFieldStart("source");
                        t.writeStringField("version", VERSION);
                        t.writeStringField("connector", "postgresql");
                        t.writeStringField("name", source);
                        t.writeNumberField("ts_ms", readAtMillis);
                        t.writeStringField("snapshot", snapshot);
                        t.writeStringField("db", database);
                        t.writeNullField("sequence");
                        t.writeStringField("schema", schema);
                        t.writeStringField("table", table);
                        t.writeNullField("txId");
                        t.writeNumberField("lsn", lsn);
                        t.writeNullField("xmin");
                        t.writeEndObject();
                        t.writeNullField("transaction");
                        t.writeStringField("op", "r");
                        t.writeNumberField("ts_ms", readAtMillis);
                        t.writeEndObject();
                    }
                    int skip = "{\"x\":null".length();
                    tail = Arrays.copyOfRange(buffer.bytes, skip, buffer.count);
                    tailLsn = lsn;
                    tailMillis = readAtMillis;
                }
                return tail;
            }
        }

        Table table(String schema, String table, List<String> columns) {
            return new Table(schema, table, columns, marker);
        }

        /** A table whose reads carry another {@code source.snapshot} marker than the renderer's. */
        Table table(String schema, String table, List<String> columns, String snapshot) {
            return new Table(schema, table, columns, snapshot);
        }

        /** A key: {@code values[i]} is the value of {@code key.columns[i]}. */
        byte[] key(Table key, Object[] values) {
            try {
                out.count = 0;
                g.writeStartObject();
                for (int i = 0; i < key.columns.length; i++) {
                    g.writeFieldName(key.columns[i]);
                    write(g, values[i]);
                }
                g.writeEndObject();
                g.flush();
                return Arrays.copyOf(out.bytes, out.count);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The value of one row: {@code values[i]} is the value of the table's {@code columns[i]}. */
        byte[] value(Table table, Object[] values, long lsn, long readAtMillis) {
            try {
                byte[] tail = table.tail(lsn, readAtMillis);
                out.count = 0;
                out.write(HEAD);
                g.writeStartObject();
                SerializedString[] columns = table.columns;
                for (int i = 0; i < columns.length; i++) {
                    g.writeFieldName(columns[i]);
                    write(g, values[i]);
                }
                g.writeEndObject();
                g.flush();
                out.write(tail);
                return Arrays.copyOf(out.bytes, out.count);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A growable byte buffer that can be emptied and read without copying. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes = new byte[1024];
        private int count;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
            }
        }
    }

    private static final DateTimeFormatter TIMESTAMPTZ = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Long l -> g.writeNumber(l);
            case Integer i -> g.writeNumber(i);
            case Short s -> g.writeNumber(s);
            case java.math.BigInteger b -> g.writeNumber(b);
            case Boolean b -> g.writeBoolean(b);
            case BigDecimal d -> g.writeString(d.toPlainString()); // decimal.handling.mode=string, scale kept
            case LocalDateTime t -> g.writeNumber(micros(t));
            case OffsetDateTime t -> g.writeString(timestamptz(t));
            case LocalDate d -> g.writeNumber(d.toEpochDay());
            case LocalTime t -> g.writeNumber(t.toNanoOfDay() / 1_000L);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case byte[] bytes -> g.writeString(Base64.getEncoder().encodeToString(bytes));
            case List<?> items -> {
                g.writeStartArray();
                for (Object item : items) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            default -> g.writeString(value.toString()); // uuid, enum labels, other named types: their text
        }
    }

    /** A {@code timestamptz} as Debezium's {@code ZonedTimestamp}: UTC, six fraction digits, {@code Z}. */
    static String timestamptz(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).format(TIMESTAMPTZ);
    }

    /** A {@code timestamp} as Debezium's adaptive precision sends it: microseconds since the epoch, as if UTC. */
    static long micros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000L;
    }
}
