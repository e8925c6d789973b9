package ficus.acl.spec;

import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.Row;
import ficus.acl.translation.UntranslatableException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the mapped columns of a row as a {@link TableSpec} says, strictly: a missing mapped column or one holding
 * another type is schema drift (rejected, never a silent null), an unknown code is rejected, and only mapped columns
 * come out (allow-list by construction). Columns the spec does not know at all are reported as new, not read.
 */
public final class RowProjector {

    private final TableSpec spec;
    private final CodeTables codeTables;
    private final TranslationExtension extension;
    private final Set<String> knownColumns;
    private final JsonDocuments json;
    /** The fields' names, one list shared by every row this projector makes. */
    private final List<String> names;
    private final boolean checks;

    public RowProjector(TableSpec spec, CodeTables codeTables, TranslationExtension extension) {
        this(spec, codeTables, extension, text -> {
            throw new IllegalArgumentException("no JSON reader given to this projector");
        });
    }

    public RowProjector(TableSpec spec, CodeTables codeTables, TranslationExtension extension, JsonDocuments json) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.json = Objects.requireNonNull(json, "json");
        this.names = List.copyOf(spec.fieldNames());
        this.checks = extension != TranslationExtension.NONE;
        this.knownColumns = Set.copyOf(spec.knownColumns());
        this.codeTables = Objects.requireNonNull(codeTables, "codeTables");
        this.extension = Objects.requireNonNull(extension, "extension");
    }

    public TableSpec spec() {
        return spec;
    }

    /** Columns of the row the spec neither maps nor ignores: the legacy schema gained them. */
    public Set<String> newColumns(Row row) {
        Set<String> known = knownColumns;
        for (String column : row.columns()) {
            if (!known.contains(column)) {
                Set<String> extra = new TreeSet<>(row.columns());
                extra.removeAll(known);
                return extra;
            }
        }
        return Set.of(); // the usual case: nothing new, nothing allocated
    }

    /** Whether the row is soft-deleted by the spec's flag column. */
    public boolean softDeleted(Row row) {
        TableSpec.SoftDelete flag = spec.softDelete();
        if (flag == null) {
            return false;
        }
        if (!row.has(flag.column())) {
            throw drift(flag.column(), "soft-delete column " + flag.column() + " is missing");
        }
        Object value = row.value(flag.column());
        return value != null && flag.deletedValue().equals(value.toString().strip());
    }

    /**
     * The mapped fields of the row, in spec order ({@code null} for SQL NULL). A TOAST placeholder takes the value
     * from {@code known} (the last projected fields) or is rejected when none is known.
     *
     * @throws UntranslatableException naming column, value and kind
     */
    public Map<String, Object> project(Row row, Map<String, Object> known) {
        return projected(row, known(known)).asMap();
    }

    /**
     * The mapped fields of the row as {@link ficus.acl.aggregate.FieldValues}, without an intermediate map; a TOAST
     * placeholder takes the value from {@code known} (the row's last projected fields) or is rejected.
     */
    public ficus.acl.aggregate.FieldValues projectValues(Row row, ficus.acl.aggregate.FieldValues known) {
        return projected(row, known == null ? null : new Known() {
            @Override
            public boolean has(String name) {
                return known.has(name);
            }

            @Override
            public Object get(String name) {
                return known.get(name);
            }
        });
    }

    private ficus.acl.aggregate.FieldValues projected(Row row, Known last) {
        List<FieldSpec> fields = spec.fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field(row, fields.get(i), last);
        }
        ficus.acl.aggregate.FieldValues projected = ficus.acl.aggregate.FieldValues.ofArray(names, fields, values);
        if (checks) {
            extension.check(spec.table(), projected.asMap()).ifPresent(reason -> {
                throw new UntranslatableException(RejectionKind.REJECTED, null, reason);
            });
        }
        return projected;
    }

    /** The last known values of a row's fields, asked only when a TOAST placeholder needs one. */
    private interface Known {
        boolean has(String field);

        Object get(String field);
    }

    private static Known known(Map<String, Object> map) {
        return map == null ? null : new Known() {
            @Override
            public boolean has(String field) {
                return map.containsKey(field);
            }

            @Override
            public Object get(String field) {
                return map.get(field);
            }
        };
    }

    private Object field(Row row, FieldSpec field, Known known) {
        String column = field.column();
        if (!row.has(column)) {
            if (field.nullIfMissing()) {
                return null;
            }
            throw drift(column, "mapped column " + spec.table() + "." + column + " (field " + field.field()
                    + ") is missing: dropped or renamed in the legacy schema (row has " + new TreeSet<>(row.columns())
                    + ")");
        }
        Object value = row.value(column);
        if (Row.UNAVAILABLE_VALUE.equals(value)) {
            if (known != null && known.has(field.field())) {
                return known.get(field.field());
            }
            throw new UntranslatableException(RejectionKind.REJECTED, column, "column " + column
                    + " holds Debezium's unavailable-value placeholder and no earlier value is known");
        }
        if (value == null) {
            if (field.required()) {
                throw new UntranslatableException(RejectionKind.REJECTED, column, "column " + column + " is null");
            }
            return null;
        }
        if (field.hasCodes()) {
            return convertText(field, decode(field, value));
        }
        return convert(field, value, row);
    }

    private String decode(FieldSpec field, Object value) {
        String code = value.toString().strip();
        String decoded = field.codeTable() == null ? field.codes().get(code)
                : codeTables.lookup(field.codeTable().table(), code).map(RowProjector::constantName).orElse(null);
        if (decoded == null) {
            String known = field.codeTable() == null ? String.join(", ", new TreeSet<>(field.codes().keySet()))
                    : "see code table " + field.codeTable().table();
            throw new UntranslatableException(RejectionKind.UNKNOWN_CODE, field.column(), "unknown code '" + code
                    + "' in column " + field.column() + " (field " + field.field() + "; known: " + known + ")");
        }
        return decoded;
    }

    /** {@code 'Prospect'} → {@code PROSPECT}, {@code 'on hold'} → {@code ON_HOLD}. */
    static String constantName(String value) {
        return value.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }

    private Object convertText(FieldSpec field, String text) {
        return switch (field.type()) {
            case STRING, ENUM -> text;
            case BOOLEAN -> switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new UntranslatableException(RejectionKind.UNKNOWN_CODE, field.column(),
                        "code of column " + field.column() + " maps to '" + text + "', not true or false");
            };
            case CUSTOM -> extension.convert(field.converter(), field.column(), text);
            default -> {
                try {
                    yield scalar(field, text);
                } catch (UntranslatableException e) {
                    throw new UntranslatableException(RejectionKind.UNKNOWN_CODE, field.column(), "code of column "
                            + field.column() + " maps to '" + text + "', not a " + field.type().code());
                }
            }
        };
    }

    private Object convert(FieldSpec field, Object value, Row row) {
        if (field.type() == FieldType.CUSTOM) {
            return extension.convert(field.converter(), field.column(), value);
        }
        if (!field.array()) {
            if (value instanceof List<?>) {
                throw retyped(field, value, "an array");
            }
            return scalar(field, value);
        }
        if (!(value instanceof List<?> items)) {
            throw retyped(field, value, field.typeName() + " (an array)");
        }
        List<Object> converted = new ArrayList<>(items.size());
        for (Object item : items) {
            converted.add(item == null ? null : scalar(field, item));
        }
        return Collections.unmodifiableList(converted);
    }

    /** One value of the field's scalar type, from what Debezium (JSON, the rendered config) or JDBC gives. */
    private Object scalar(FieldSpec field, Object value) {
        String expected = field.type().code();
        try {
            return switch (field.type()) {
                case STRING -> switch (value) {
                    case String s -> s;
                    case Character c -> c.toString();
                    default -> throw retyped(field, value, "text");
                };
                case ENUM -> {
                    if (!(value instanceof String name)) {
                        throw retyped(field, value, "text (an enum's name)");
                    }
                    if (!field.allowed().isEmpty() && !field.allowed().contains(name)) {
                        throw new UntranslatableException(RejectionKind.UNKNOWN_CODE, field.column(), "unknown value '"
                                + name + "' in column " + field.column() + " (field " + field.field() + "; known: "
                                + String.join(", ", field.allowed()) + ")");
                    }
                    yield name;
                }
                case LONG -> switch (value) {
                    case Long l -> l;
                    case Integer i -> i.longValue();
                    case Short s -> s.longValue();
                    case Byte b -> b.longValue();
                    case BigInteger big when big.bitLength() < 64 -> big.longValue();
                    case BigDecimal d when d.stripTrailingZeros().scale() <= 0 -> d.longValueExact();
                    default -> throw retyped(field, value, "a whole number");
                };
                case DECIMAL -> switch (value) {
                    case BigDecimal d -> d;
                    case String text -> new BigDecimal(text.strip());
                    case Long l -> BigDecimal.valueOf(l);
                    case Integer i -> BigDecimal.valueOf(i);
                    case BigInteger big -> new BigDecimal(big);
                    default -> throw retyped(field, value, "an exact decimal (numeric as text: the capture plan "
                            + "renders decimal.handling.mode=string)");
                };
                case DOUBLE -> switch (value) {
                    case Double d -> d;
                    case Float f -> Double.valueOf(f.toString());
                    case BigDecimal d -> d.doubleValue();
                    case Long l -> l.doubleValue();
                    case Integer i -> i.doubleValue();
                    case String text when text.equals("NaN") || text.endsWith("Infinity") -> Double.valueOf(text);
                    default -> throw retyped(field, value, "a number");
                };
                case BOOLEAN -> {
                    if (value instanceof Boolean b) {
                        yield b;
                    }
                    throw retyped(field, value, "a boolean");
                }
                case DATE -> switch (value) {
                    case LocalDate d -> d;
                    case Long days -> LocalDate.ofEpochDay(days);
                    case Integer days -> LocalDate.ofEpochDay(days);
                    case String text -> LocalDate.parse(text);
                    default -> throw retyped(field, value, "a date (epoch days)");
                };
                case TIME -> switch (value) {
                    case LocalTime t -> t;
                    case Long micros -> LocalTime.ofNanoOfDay(Math.multiplyExact(micros, 1_000L));
                    case Integer micros -> LocalTime.ofNanoOfDay(micros * 1_000L);
                    case String text -> LocalTime.parse(text);
                    default -> throw retyped(field, value, "a time of day (microseconds of the day)");
                };
                case TIMESTAMP -> switch (value) {
                    case LocalDateTime t -> t;
                    case Long micros -> LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC);
                    case String text -> LocalDateTime.parse(text);
                    default -> throw retyped(field, value, "a timestamp (epoch microseconds)");
                };
                case INSTANT -> switch (value) {
                    case Instant i -> i;
                    case String text -> OffsetDateTime.parse(text).toInstant();
                    case Long micros -> Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            Math.floorMod(micros, 1_000_000L) * 1_000L);
                    case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
                    case OffsetDateTime offset -> offset.toInstant();
                    case ZonedDateTime zoned -> zoned.toInstant();
                    default -> throw retyped(field, value, "a point in time (timestamptz as ISO text, or timestamp "
                            + "as epoch microseconds)");
                };
                case INTERVAL -> switch (value) {
                    case Long micros -> Duration.of(micros, ChronoUnit.MICROS).toString();
                    case Duration d -> d.toString();
                    case String text when text.startsWith("P") || text.startsWith("-P") -> text;
                    default -> throw retyped(field, value, "an interval (ISO-8601 text or microseconds)");
                };
                case UUID -> switch (value) {
                    case java.util.UUID u -> u;
                    case String text -> parseUuid(text);
                    default -> throw retyped(field, value, "a uuid");
                };
                case JSON -> {
                    if (!(value instanceof String text)) {
                        throw retyped(field, value, "JSON text");
                    }
                    yield json.read(text);
                }
                case BYTES -> switch (value) {
                    case byte[] bytes -> new FieldType.Bytes(bytes);
                    case FieldType.Bytes bytes -> bytes;
                    case String base64 -> new FieldType.Bytes(Base64.getDecoder().decode(base64));
                    default -> throw retyped(field, value, "bytes (base64)");
                };
                case CUSTOM -> extension.convert(field.converter(), field.column(), value);
            };
        } catch (DateTimeException | IllegalArgumentException | ArithmeticException e) {
            // NumberFormatException is an IllegalArgumentException
            throw retyped(field, value, "a valid " + expected + " (" + e.getMessage() + ")");
        }
    }

    private static java.util.UUID parseUuid(String text) {
        if (text.length() != 36) {
            throw new IllegalArgumentException("not 36 characters");
        }
        return java.util.UUID.fromString(text);
    }

    private UntranslatableException retyped(FieldSpec field, Object value, String expected) {
        return drift(field.column(), "column " + spec.table() + "." + field.column() + " holds " + describe(value)
                + ", not " + expected + "; field " + field.field() + " is declared " + field.typeName()
                + ": the column was retyped in the legacy schema, or the spec declares the wrong type");
    }

    private static String describe(Object value) {
        String kind = switch (value) {
            case String s -> "text";
            case Long l -> "a whole number";
            case Integer i -> "a whole number";
            case BigInteger b -> "a whole number";
            case BigDecimal d -> "a number";
            case Double d -> "a number";
            case Boolean b -> "a boolean";
            case List<?> l -> "an array";
            default -> value.getClass().getSimpleName();
        };
        String text = String.valueOf(value);
        return kind + " '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }

    private static UntranslatableException drift(String column, String message) {
        return new UntranslatableException(RejectionKind.SCHEMA_DRIFT, column, "schema drift: " + message);
    }

    /**
     * The value of {@code column} read as the field {@code as} declares — a key column, or a link column read as the
     * root key field it points at; a column that is absent or null is a MISSING_KEY rejection.
     */
    public Object keyValue(Row row, String column, FieldSpec as) {
        Object value = row == null || !row.has(column) ? null : row.value(column);
        if (value == null) {
            throw new UntranslatableException(RejectionKind.MISSING_KEY, column, "missing key: column " + column
                    + (row != null && row.has(column) ? " is null" : " is not in the row"));
        }
        // the field itself when it maps this very column (a root key): no copy per row
        FieldSpec read = column.equals(as.column()) && !as.array() ? as : new FieldSpec(as.field(), column,
                as.type(), true, false, as.codes(), as.codeTable(), as.converter(), as.line(), false, as.allowed());
        if (Row.UNAVAILABLE_VALUE.equals(value)) {
            throw new UntranslatableException(RejectionKind.MISSING_KEY, column, "missing key: column " + column
                    + " holds Debezium's unavailable-value placeholder");
        }
        try {
            return read.hasCodes() ? convertText(read, decode(read, value)) : convert(read, value, row);
        } catch (UntranslatableException e) {
            throw new UntranslatableException(RejectionKind.MISSING_KEY, column, "missing key: " + e.getMessage());
        }
    }

    /** Whether a row belongs to a part ({@code where}); the where column must be there (else schema drift). */
    public static boolean matches(PartSpec part, Row row) {
        if (part.where() == null) {
            return true;
        }
        String column = part.where().column();
        if (!row.has(column)) {
            throw drift(column, "filter column " + column + " of part " + part.name() + " is missing");
        }
        Object value = row.value(column);
        return value != null && part.where().in().contains(value.toString().strip());
    }
}
