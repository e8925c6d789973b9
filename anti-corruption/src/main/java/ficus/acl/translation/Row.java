package ficus.acl.translation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, typed view over the column values of one legacy row, whatever read it: a Debezium change event (values
 * as JSON scalars, timestamps as epoch microseconds) or a JDBC result set (values as {@code String}, {@code Long},
 * {@code LocalDateTime}...). The accessors convert both to the same Java values, so a row projects identically however
 * it was read.
 *
 * <p>A column that is absent from the row and a column that is present and SQL {@code NULL} are different things:
 * {@link #has(String)} tells them apart, and the typed accessors return {@code null} for SQL {@code NULL} but throw
 * {@link UntranslatableException} for an absent column.
 */
public final class Row {

    /**
     * What Debezium puts in place of an unchanged TOASTed value it did not receive (tables without REPLICA IDENTITY
     * FULL). It is never data: a translation keeps the last known value or rejects the change.
     */
    public static final String UNAVAILABLE_VALUE = "__debezium_unavailable_value";

    private final Map<String, Object> values;

    private Row(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * A row over these column values (copied; {@code null} values mean SQL {@code NULL}). Values may be
     * {@code String}, {@code Number}, {@code Boolean}, {@code Instant}, {@code LocalDateTime}, {@code OffsetDateTime}...
     * For JDBC, read {@code timestamp} columns with {@code rs.getObject(col, LocalDateTime.class)}.
     */
    public static Row of(Map<String, ?> columnValues) {
        Objects.requireNonNull(columnValues, "columnValues");
        Map<String, Object> copy = new LinkedHashMap<>();
        columnValues.forEach((column, value) -> copy.put(Objects.requireNonNull(column, "column name"), value));
        return new Row(Collections.unmodifiableMap(copy));
    }

    /**
     * A row over this map, taken over without a copy: for readers that build a fresh map per row (the Debezium
     * parser) and never touch it again. Column names must not be {@code null}.
     */
    public static Row adopt(Map<String, Object> columnValues) {
        Objects.requireNonNull(columnValues, "columnValues");
        return new Row(Collections.unmodifiableMap(columnValues));
    }

    /** Whether the row has this column at all (it may still be SQL {@code NULL}). */
    public boolean has(String column) {
        return values.containsKey(column);
    }

    /** Whether the column holds Debezium's placeholder for an unchanged TOASTed value it did not receive. */
    public boolean isUnavailable(String column) {
        return UNAVAILABLE_VALUE.equals(values.get(column));
    }

    /** Whether the column is present and SQL {@code NULL}. */
    public boolean isNull(String column) {
        return values.containsKey(column) && values.get(column) == null;
    }

    /** The raw value as read (for adapters and spec conversions); throws when the column is absent. */
    public Object value(String column) {
        return require(column);
    }

    public Set<String> columns() {
        return values.keySet();
    }

    /** The value as text, {@code null} for SQL NULL; numbers and booleans are rendered as text. */
    public String string(String column) {
        Object value = require(column);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
            return value.toString();
        }
        throw wrongType(column, value, "text");
    }

    /** The value as a whole number, {@code null} for SQL NULL; accepts integral numbers and decimal text. */
    public Long longValue(String column) {
        Object value = require(column);
        try {
            return switch (value) {
                case null -> null;
                case Long l -> l;
                case Integer i -> i.longValue();
                case Short s -> s.longValue();
                case Byte b -> b.longValue();
                case BigInteger big -> big.longValueExact();
                case BigDecimal decimal -> decimal.longValueExact();
                case String text -> Long.parseLong(text.trim());
                default -> throw wrongType(column, value, "a whole number");
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw wrongType(column, value, "a whole number");
        }
    }

    /**
     * The value as an instant, {@code null} for SQL NULL. A {@code Long} (or other integral number) is Debezium's
     * {@code MicroTimestamp}: microseconds since the epoch of a {@code timestamp} column read as if UTC; a
     * {@code LocalDateTime} (JDBC) is read as UTC the same way, so both project to the same instant.
     */
    public Instant instant(String column) {
        Object value = require(column);
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
            case OffsetDateTime offset -> offset.toInstant();
            case ZonedDateTime zoned -> zoned.toInstant();
            case Long micros -> fromEpochMicros(micros);
            case Integer micros -> fromEpochMicros(micros);
            case BigInteger micros -> fromEpochMicros(micros.longValueExact());
            default -> throw wrongType(column, value,
                    "a timestamp (epoch microseconds, Instant or LocalDateTime; read JDBC timestamps as LocalDateTime)");
        };
    }

    private static Instant fromEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private Object require(String column) {
        Object value = values.get(column);
        if (value != null) {
            return value; // one lookup in the usual case
        }
        if (!values.containsKey(column)) {
            throw new UntranslatableException(RejectionKind.SCHEMA_DRIFT, column, "missing column " + column + " (row has " + values.keySet() + ")");
        }
        return null;
    }

    private static UntranslatableException wrongType(String column, Object value, String expected) {
        return new UntranslatableException(RejectionKind.SCHEMA_DRIFT, column, "column " + column + " holds " + value.getClass().getSimpleName()
                + " '" + value + "', expected " + expected);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && values.equals(row.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Column names only: a row may carry personal data that must not end up in logs. */
    @Override
    public String toString() {
        return "Row" + values.keySet();
    }
}
