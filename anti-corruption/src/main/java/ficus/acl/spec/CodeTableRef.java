package ficus.acl.spec;

import java.util.Objects;

/**
 * A legacy code table captured like any other table: {@code table} ({@code schema.table}), the column holding the
 * code and the one holding the value. An enum field takes the value upper-cased, blanks and dashes as {@code _}
 * ({@code 'Prospect'} → {@code PROSPECT}).
 */
public record CodeTableRef(String table, String codeColumn, String valueColumn) {
    public CodeTableRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(codeColumn, "codeColumn");
        Objects.requireNonNull(valueColumn, "valueColumn");
    }
}
