package ficus.acl.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the rows of one legacy table are read.
 *
 * @param schema     the schema's exact name ({@code erp})
 * @param name       the table's exact name ({@code Leg})
 * @param keyColumns the row's key: one column or several, in order
 * @param fields     the mapped columns (allow-list: nothing else leaves)
 * @param ignored    columns known and deliberately not mapped; any other column is a new one (counted, ignored)
 * @param softDelete a flag column that marks a row deleted, or {@code null}
 */
public record TableSpec(String schema, String name, List<String> keyColumns, List<FieldSpec> fields,
        List<String> ignored, SoftDelete softDelete) {

    public TableSpec {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        keyColumns = List.copyOf(keyColumns);
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one key column");
        }
        fields = List.copyOf(fields);
        ignored = List.copyOf(ignored == null ? List.of() : ignored);
    }

    /** A table of unquoted names: {@code fleet.vessel}, one key column. */
    public TableSpec(String table, String key, List<FieldSpec> fields, List<String> ignored, SoftDelete softDelete) {
        this(table.substring(0, table.indexOf('.')), table.substring(table.indexOf('.') + 1), List.of(key), fields,
                ignored, softDelete);
    }

    /** {@code schema.table} with the exact names, as Debezium names the data collection and its raw topic. */
    public String table() {
        return schema + "." + name;
    }

    /** The name quoted for SQL: {@code fleet."Leg"}. */
    public String quoted() {
        return SqlName.quote(schema) + "." + SqlName.quote(name);
    }

    public String tableName() {
        return name;
    }

    public boolean is(String schemaName, String tableName) {
        return name.equals(tableName) && schema.equals(schemaName);
    }

    /** The columns a row of this table is read from (key, mapped, soft-delete flag). */
    public Set<String> readColumns() {
        Set<String> columns = new LinkedHashSet<>(keyColumns);
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

    public Optional<FieldSpec> field(String fieldName) {
        return fields.stream().filter(f -> f.field().equals(fieldName)).findFirst();
    }

    /** The field that maps {@code column}, if any. */
    public Optional<FieldSpec> fieldOfColumn(String column) {
        return fields.stream().filter(f -> f.column().equals(column)).findFirst();
    }

    /** A soft-delete flag: the row counts as deleted when {@code column} holds {@code deletedValue} (as text). */
    public record SoftDelete(String column, String deletedValue) {
        public SoftDelete {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(deletedValue, "deletedValue");
        }
    }
}
