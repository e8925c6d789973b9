package ficus.acl.spec;

import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.Row;
import ficus.acl.translation.UntranslatableException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    public RowProjector(TableSpec spec, CodeTables codeTables, TranslationExtension extension) {
        this.spec = Objects.requireNonNull(spec, "spec");
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
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldSpec field : spec.fields()) {
            fields.put(field.field(), field(row, field, known));
        }
        extension.check(spec.table(), Collections.unmodifiableMap(fields)).ifPresent(reason -> {
            throw new UntranslatableException(RejectionKind.REJECTED, null, reason);
        });
        return fields;
    }

    private Object field(Row row, FieldSpec field, Map<String, Object> known) {
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
            if (known != null && known.containsKey(field.field())) {
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
            case LONG -> {
                try {
                    yield Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new UntranslatableException(RejectionKind.UNKNOWN_CODE, field.column(),
                            "code of column " + field.column() + " maps to '" + text + "', not a whole number");
                }
            }
            case INSTANT -> Instant.parse(text);
            case CUSTOM -> extension.convert(field.converter(), field.column(), text);
        };
    }

    private Object convert(FieldSpec field, Object value, Row row) {
        String column = field.column();
        return switch (field.type()) {
            case STRING -> {
                if (value instanceof String || value instanceof Character) {
                    yield value.toString();
                }
                throw retyped(column, value, "text");
            }
            case LONG -> switch (value) {
                case Long l -> l;
                case Integer i -> i.longValue();
                case Short s -> s.longValue();
                case BigInteger big when big.bitLength() < 64 -> big.longValue();
                case BigDecimal d when d.stripTrailingZeros().scale() <= 0 -> {
                    try {
                        yield d.longValueExact();
                    } catch (ArithmeticException e) {
                        throw retyped(column, value, "a whole number");
                    }
                }
                default -> throw retyped(column, value, "a whole number");
            };
            case INSTANT -> {
                if (value instanceof String) {
                    throw retyped(column, value, "a timestamp");
                }
                yield row.instant(column); // value is this column's value of this row
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                throw retyped(column, value, "a boolean");
            }
            case ENUM -> throw new IllegalStateException("enum field " + field.field() + " has no codes");
            case CUSTOM -> extension.convert(field.converter(), column, value);
        };
    }

    private static UntranslatableException retyped(String column, Object value, String expected) {
        return drift(column, "column " + column + " holds " + value.getClass().getSimpleName() + " '" + value
                + "', expected " + expected + ": retyped in the legacy schema");
    }

    private static UntranslatableException drift(String column, String message) {
        return new UntranslatableException(RejectionKind.SCHEMA_DRIFT, column, "schema drift: " + message);
    }

    /** The key of a row ({@code column} as a whole number), or a MISSING_KEY rejection. */
    public static long key(Row row, String column) {
        if (row == null || !row.has(column) || row.isNull(column)) {
            throw new UntranslatableException(RejectionKind.MISSING_KEY, column, "missing key: column " + column
                    + (row != null && row.has(column) ? " is null" : " is not in the row"));
        }
        Long id;
        try {
            id = row.longValue(column);
        } catch (UntranslatableException e) {
            throw new UntranslatableException(RejectionKind.MISSING_KEY, column, "missing key: " + e.getMessage());
        }
        return id;
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

    /** Field values as text (for storing part rows); null stays null. */
    public static Map<String, String> asText(Map<String, Object> fields) {
        Map<String, String> text = new LinkedHashMap<>();
        fields.forEach((k, v) -> text.put(k, v == null ? null : v.toString()));
        return text;
    }

    static List<String> names(List<FieldSpec> fields) {
        return fields.stream().map(FieldSpec::field).toList();
    }
}
