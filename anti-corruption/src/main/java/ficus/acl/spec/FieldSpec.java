package ficus.acl.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One mapped column: {@code column} becomes {@code field} of type {@code type} (or a list of them).
 *
 * @param column        the column's exact name, as PostgreSQL and Debezium have it
 * @param required      SQL NULL is rejected
 * @param nullIfMissing a missing column gives {@code null} instead of a schema-drift rejection (only to tolerate a
 *                      column the legacy team dropped on purpose; never the default)
 * @param codes         legacy code → value (converted to {@code type}); empty when none. A code not in the map is
 *                      rejected as unknown
 * @param codeTable     a captured code table instead of {@code codes}; {@code null} when none
 * @param converter     for {@link FieldType#CUSTOM}: the conversion's name in the translation's extension
 * @param line          where the field is declared in its spec file (0 if not from a file)
 * @param array         the column is a PostgreSQL array of {@code type} ({@code type: string[]}); order kept
 * @param allowed       for an {@link FieldType#ENUM} without codes: the values it may hold (empty: any text)
 */
public record FieldSpec(String field, String column, FieldType type, boolean required, boolean nullIfMissing,
        Map<String, String> codes, CodeTableRef codeTable, String converter, int line, boolean array,
        List<String> allowed) {

    public FieldSpec {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
        codes = Map.copyOf(codes == null ? Map.of() : codes);
        allowed = List.copyOf(allowed == null ? List.of() : allowed);
    }

    public FieldSpec(String field, String column, FieldType type, boolean required, boolean nullIfMissing,
            Map<String, String> codes, CodeTableRef codeTable, String converter, int line) {
        this(field, column, type, required, nullIfMissing, codes, codeTable, converter, line, false, List.of());
    }

    public static FieldSpec of(String field, String column, FieldType type, boolean required) {
        return new FieldSpec(field, column, type, required, false, Map.of(), null, null, 0);
    }

    public boolean hasCodes() {
        return !codes.isEmpty() || codeTable != null;
    }

    /** How the type is written in a spec: {@code long}, {@code string[]}. */
    public String typeName() {
        return type.code() + (array ? "[]" : "");
    }
}
