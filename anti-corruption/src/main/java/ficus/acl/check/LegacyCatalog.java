package ficus.acl.check;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a legacy database says about its tables: columns with their types, keys and foreign keys. */
public interface LegacyCatalog {

    /** The table with these exact names, or empty when there is none. */
    Optional<Table> table(String schema, String name);

    /** The names of the tables in a schema (for "did you mean"). */
    List<String> tables(String schema);

    /**
     * One table.
     *
     * @param columns     column name → its type, in the table's order
     * @param primaryKey  the primary key's columns in key order; empty when the table has none
     * @param foreignKeys its foreign keys
     */
    record Table(String schema, String name, Map<String, Column> columns, List<String> primaryKey,
            List<ForeignKey> foreignKeys) {
    }

    /**
     * A column's type as PostgreSQL names it.
     *
     * @param type    {@code information_schema.columns.data_type} of the column, or of an array's element
     *                ({@code integer}, {@code numeric}, {@code timestamp with time zone}, {@code USER-DEFINED}); a
     *                domain's base type
     * @param udt     the type's own name ({@code int4}, {@code order_status} for an enum)
     * @param array   whether the column is an array of {@code type}
     * @param isEnum  whether the (element) type is an enum type
     */
    record Column(String type, String udt, boolean array, boolean isEnum) {
        /** How a person reads it: {@code integer}, {@code text[]}, {@code fleet.voyage_state (enum)}. */
        public String describe() {
            String base = type.equals("USER-DEFINED") ? udt + (isEnum ? " (enum)" : "") : type;
            return base + (array ? "[]" : "");
        }
    }

    /** A foreign key from {@code columns} to {@code referencedColumns} of the referenced table. */
    record ForeignKey(List<String> columns, String referencedSchema, String referencedTable,
            List<String> referencedColumns) {
    }
}
