package ficus.acl.spec;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The type a legacy column is read as, and the Java class its values have in the engine. A column whose value does not
 * have the declared type's shape is schema drift (a dead letter naming the column, what it holds and what was
 * declared), never a silent null or a lossy conversion.
 */
public enum FieldType {
    /** Text ({@code char}, {@code varchar}, {@code text}, a PostgreSQL enum or domain over text). */
    STRING("string", String.class),
    /** A whole number ({@code smallint}, {@code integer}, {@code bigint}). */
    LONG("long", Long.class),
    /** An exact decimal ({@code numeric}, {@code decimal}, {@code money}): never through a double; scale kept. */
    DECIMAL("decimal", BigDecimal.class),
    /** A floating-point number ({@code real}, {@code double precision}). */
    DOUBLE("double", Double.class),
    /** True or false; the column holds a boolean, or a code mapped to {@code true} / {@code false}. */
    BOOLEAN("boolean", Boolean.class),
    /** A calendar date ({@code date}: Debezium's epoch days). */
    DATE("date", LocalDate.class),
    /** A time of day ({@code time}: Debezium's microseconds of the day). */
    TIME("time", LocalTime.class),
    /** A local date-time without a zone ({@code timestamp}: Debezium's epoch microseconds). */
    TIMESTAMP("timestamp", LocalDateTime.class),
    /**
     * A point in time: {@code timestamptz} (Debezium's ISO text with its offset), or a {@code timestamp} read as UTC
     * (epoch microseconds, a JDBC timestamp).
     */
    INSTANT("instant", Instant.class),
    /** A duration ({@code interval}): kept as ISO-8601 text ({@code P1DT2H3M4.5S}); microseconds become one too. */
    INTERVAL("interval", String.class),
    /** A UUID ({@code uuid}). */
    UUID("uuid", UUID.class),
    /** A JSON document ({@code json}, {@code jsonb}), published as JSON, not as a string. */
    JSON("json", JsonText.class),
    /** Bytes ({@code bytea}: Debezium's base64), published as base64. */
    BYTES("bytes", Bytes.class),
    /** A named value: a code mapped by {@code codes} / {@code codeTable}, or the text of a PostgreSQL enum. */
    ENUM("enum", String.class),
    /** Converted by the translation's {@link TranslationExtension} ({@code converter:} names the conversion). */
    CUSTOM("custom", Object.class);

    private final String code;
    private final Class<?> javaType;

    FieldType(String code, Class<?> javaType) {
        this.code = code;
        this.javaType = javaType;
    }

    public String code() {
        return code;
    }

    /** The class every value of this type has in the engine (for {@link #CUSTOM}: whatever the extension gives). */
    public Class<?> javaType() {
        return javaType;
    }

    public static Optional<FieldType> forCode(String code) {
        for (FieldType type : values()) {
            if (type.code.equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** A JSON document as canonical text (checked JSON; the runtime writes it into events as JSON). */
    public record JsonText(String json) {
        public JsonText {
            java.util.Objects.requireNonNull(json, "json");
        }

        @Override
        public String toString() {
            return json;
        }
    }

    /** Bytes with value equality. */
    public record Bytes(byte[] bytes) {
        public Bytes {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String base64() {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes b && java.util.Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return base64();
        }
    }
}
