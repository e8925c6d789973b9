package ficus.migration.backfill;

import ficus.acl.spec.PartSpec;
import ficus.acl.spec.TableSpec;
import ficus.acl.spec.TranslationSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One legacy table of an aggregate as the backfill reads it: which columns (only those the translation knows how to
 * read — sensitive and unmapped columns are never selected) and which column names the aggregate (the customer id).
 *
 * @param schema       e.g. {@code crm}
 * @param table        e.g. {@code cust_addr}
 * @param key          the row's own key (e.g. {@code addr_id})
 * @param aggregateKey the column holding the aggregate id (the root's key for the root table)
 * @param columns      the columns selected, key first
 */
public record LegacyTable(String schema, String table, String key, String aggregateKey, List<String> columns) {

    public LegacyTable {
        columns = List.copyOf(columns);
    }

    public String qualified() {
        return schema + "." + table;
    }

    /** The root table, then each part table of a translation spec. */
    public static List<LegacyTable> of(TranslationSpec spec) {
        List<LegacyTable> tables = new ArrayList<>();
        TableSpec root = spec.root();
        tables.add(new LegacyTable(root.schema(), root.tableName(), root.key(), root.key(),
                List.copyOf(root.readColumns())));
        for (PartSpec part : spec.parts()) {
            TableSpec rows = part.rows();
            Set<String> columns = new LinkedHashSet<>(rows.readColumns());
            columns.add(part.aggregateKey());
            if (part.where() != null) {
                columns.add(part.where().column());
            }
            tables.add(new LegacyTable(rows.schema(), rows.tableName(), rows.key(), part.aggregateKey(),
                    List.copyOf(columns)));
        }
        return tables;
    }
}
