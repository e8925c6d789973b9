package ficus.migration.legacy;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

/**
 * Reads legacy columns over JDBC into the values the translation model takes ({@code ficus.acl.translation.Row}):
 * {@code timestamp} as {@link LocalDateTime}, {@code timestamptz} as {@link OffsetDateTime}, {@code date} as
 * {@link LocalDate}, {@code time} as {@link LocalTime}, {@code numeric} as {@link BigDecimal}, arrays as
 * {@link List}s, {@code json}/{@code jsonb}, enums and other named types as their text, {@code bytea} as
 * {@code byte[]}, {@code uuid} as {@link java.util.UUID}, {@code interval} as microseconds ({@code Long}, as
 * Debezium's default {@code interval.handling.mode=numeric} sends it: a month is 365.25 / 12 days). Decided once per
 * result set from its metadata ({@link #readers}); the model itself never sees JDBC.
 */
public final class JdbcValues {

    /** Debezium's {@code MicroDuration.DAYS_PER_MONTH_AVG}. */
    static final double DAYS_PER_MONTH = 365.25 / 12.0;
    private static final DateTimeFormatter ZONED_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSX");

    private JdbcValues() {
    }

    /** How one column is read. */
    public enum Reader {
        PLAIN, TIMESTAMP, TIMESTAMPTZ, DATE, TIME, TIMETZ, INTERVAL, NUMERIC, TEXT, BYTES, ARRAY
    }

    /** One reader per column of the result, from its metadata. */
    public static Reader[] readers(ResultSetMetaData meta) throws SQLException {
        Reader[] readers = new Reader[meta.getColumnCount()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = reader(meta.getColumnType(i + 1), meta.getColumnTypeName(i + 1));
        }
        return readers;
    }

    static Reader reader(int sqlType, String typeName) {
        String type = typeName == null ? "" : typeName.replace("\"", "");
        return switch (type) {
            case "timestamp" -> Reader.TIMESTAMP;
            case "timestamptz" -> Reader.TIMESTAMPTZ;
            case "date" -> Reader.DATE;
            case "time" -> Reader.TIME;
            case "timetz" -> Reader.TIMETZ;
            case "interval" -> Reader.INTERVAL;
            case "numeric" -> Reader.NUMERIC;
            case "json", "jsonb", "text", "varchar", "bpchar" -> Reader.TEXT;
            case "bytea" -> Reader.BYTES;
            default -> sqlType == Types.ARRAY ? Reader.ARRAY : Reader.PLAIN;
        };
    }

    /** The value of column {@code index} (1-based) as the model takes it; {@code null} for SQL NULL. */
    public static Object read(ResultSet rs, int index, Reader reader) throws SQLException {
        Object value = switch (reader) {
            case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case TIMESTAMPTZ -> rs.getObject(index, OffsetDateTime.class);
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIME -> rs.getObject(index, LocalTime.class);
            case TIMETZ -> {
                OffsetTime t = rs.getObject(index, OffsetTime.class);
                yield t == null ? null : zonedTime(t);
            }
            case INTERVAL -> {
                Object interval = rs.getObject(index);
                yield interval instanceof PGInterval i ? intervalMicros(i) : interval;
            }
            case NUMERIC -> rs.getBigDecimal(index);
            case TEXT -> rs.getString(index);
            case BYTES -> rs.getBytes(index);
            case ARRAY -> {
                Array array = rs.getArray(index);
                yield array == null ? null : list(array);
            }
            case PLAIN -> plain(rs.getObject(index));
        };
        return rs.wasNull() ? null : value;
    }

    /** A {@code timetz} as Debezium's {@code ZonedTime}: ISO text in UTC. */
    static String zonedTime(OffsetTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).format(ZONED_TIME);
    }

    /** An interval in microseconds exactly as Debezium's {@code MicroDuration.durationMicros} computes it. */
    public static long intervalMicros(PGInterval i) {
        double days = ((i.getYears() * 12) + i.getMonths()) * DAYS_PER_MONTH + i.getDays();
        double seconds = (((days * 24 + i.getHours()) * 60) + i.getMinutes()) * 60 + i.getSeconds();
        return (long) (seconds * 1e6);
    }

    private static List<Object> list(Array array) throws SQLException {
        String base = array.getBaseTypeName() == null ? "" : array.getBaseTypeName().replace("\"", "");
        Object[] items = (Object[]) array.getArray();
        List<Object> values = new ArrayList<>(items.length);
        for (Object item : items) {
            values.add(item(item, base));
        }
        return Collections.unmodifiableList(values);
    }

    private static Object item(Object item, String baseType) {
        return switch (item) {
            case null -> null;
            case Timestamp t when baseType.equals("timestamptz") -> t.toInstant().atOffset(ZoneOffset.UTC);
            case Timestamp t -> t.toLocalDateTime();
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Time t -> t.toLocalTime();
            case PGInterval i -> intervalMicros(i);
            case PGobject o -> o.getValue();
            case Object[] nested -> {
                List<Object> values = new ArrayList<>(nested.length);
                for (Object n : nested) {
                    values.add(item(n, baseType));
                }
                yield Collections.unmodifiableList(values);
            }
            default -> item;
        };
    }

    private static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case PGInterval i -> intervalMicros(i);
            case PGobject o -> o.getValue(); // enum, domain, inet, ...: its text, as Debezium sends it
            case Timestamp t -> t.toLocalDateTime();
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Time t -> t.toLocalTime();
            default -> value;
        };
    }
}
