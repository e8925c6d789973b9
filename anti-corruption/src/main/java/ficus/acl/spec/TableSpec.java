package ficus.acl.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the rows of one legacy table are read.
 *
 * @param table      {@code schema.table}
 * @param key        the row's key column
 * @param fields     the mapped columns (allow-list: nothing else leaves)
 * @param ignored    columns known and deliberately not mapped; any other column is a new one (counted, ignored)
 * @param softDelete a flag column that marks a row deleted, or {@code null}
 */
public record TableSpec(String table, String key, List<FieldSpec> fields, List<String> ignored,
        SoftDelete softDelete) {

    public TableSpec {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        fields = List.copyOf(fields);
        ignored = List.copyOf(ignored == null ? List.of() : ignored);
    }

    public String schema() {
        return table.substring(0, table.indexOf('.'));
    }

    public String tableName() {
        return table.substring(table.indexOf('.') + 1);
    }

    public boolean is(String schema, String tableName) {
        // table.equals(schema + "." + tableName), without building the string (asked several times per change)
        int dot = schema.length();
        return table.length() == dot + 1 + tableName.length() && table.startsWith(schema)
                && table.charAt(dot) == '.' && table.startsWith(tableName, dot + 1);
    }

    /** The columns a row of this table is read from (key, mapped, soft-delete flag). */
    public Set<String> readColumns() {
        Set<String> columns = new LinkedHashSet<>();
        columns.add(key);
        fields.forEach(f -> columns.add(f.column()));
        if (softDelete != null) {
            columns.add(softDelete.column());
        }
        return columns;
    }

    /** Every column this spec knows: read or deliberately ignored. */
    public Set<String> knownColumns() {
        Set<String> columns = new LinkedHashSet<>(readColumns());
        columns.addAll(ignored);
        return columns;
    }

    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add(f.field()));
        return names;
    }

    /** A soft-delete flag: the row counts as deleted when {@code column} holds {@code deletedValue} (as text). */
    public record SoftDelete(String column, String deletedValue) {
        public SoftDelete {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(deletedValue, "deletedValue");
        }
    }
}
