package ficus.migration.legacy;

import ficus.acl.spec.PartSpec;
import ficus.acl.spec.SqlName;
import ficus.acl.spec.TableSpec;
import ficus.acl.spec.TranslationSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One legacy table of a translation as backfill and reconciliation read it: its exact names, its key, the columns that
 * link its rows to the aggregate and the columns selected — only those the translation reads (key, mapped fields,
 * soft-delete flag, part {@code where}, link and via columns): sensitive and unmapped columns are never selected.
 *
 * @param role    root, part (one, list, count, exists) or referenced row
 * @param schema  exact schema name ({@code erp})
 * @param name    exact table name ({@code OrderLine})
 * @param key     the row's own key columns, in order
 * @param link    root: its key; a part: the columns holding the root key (in root key order); a referenced table: its
 *                key (what the root's via columns hold)
 * @param columns the columns selected, key first
 * @param parts   the spec's parts this table's rows feed (empty for the root)
 */
public record LegacyTable(Role role, String schema, String name, List<String> key, List<String> link,
                          List<String> columns, List<PartSpec> parts) {

    public enum Role { ROOT, PART, REFERENCE }

    public LegacyTable {
        key = List.copyOf(key);
        link = List.copyOf(link);
        columns = List.copyOf(columns);
        parts = List.copyOf(parts);
    }

    /** {@code erp."OrderLine"}: for SQL. */
    public String quoted() {
        return SqlName.quote(schema) + "." + SqlName.quote(name);
    }

    /** {@code erp.OrderLine}: for messages (Debezium's name of the data collection). */
    public String qualified() {
        return schema + "." + name;
    }

    /** {@code "Tenant", "OrderNo"}: the columns quoted and joined, for SQL. */
    public static String quotedList(List<String> columns) {
        return columns.stream().map(SqlName::quote).collect(Collectors.joining(", "));
    }

    /** The root table. */
    public static LegacyTable root(TranslationSpec spec) {
        TableSpec root = spec.root();
        Set<String> columns = new LinkedHashSet<>(root.readColumns());
        for (PartSpec part : spec.parts()) {
            if (part.isReference()) {
                columns.addAll(part.via()); // the layer follows the reference by these
            }
        }
        return new LegacyTable(Role.ROOT, root.schema(), root.name(), root.keyColumns(), root.keyColumns(),
                List.copyOf(columns), List.of());
    }

    /**
     * The root table, then each table the parts read — once per table and link, however many parts read it (a row is
     * published once; the layer feeds it to each of them, each with its own {@code where}).
     */
    public static List<LegacyTable> of(TranslationSpec spec) {
        List<LegacyTable> tables = new ArrayList<>();
        tables.add(root(spec));
        tables.addAll(parts(spec, spec.parts()));
        return tables;
    }

    /** The tables the given parts read, grouped by table and link as {@link #of} does. */
    public static List<LegacyTable> parts(TranslationSpec spec, List<PartSpec> parts) {
        Map<String, List<PartSpec>> byTable = new LinkedHashMap<>();
        for (PartSpec part : parts) {
            String link = part.isReference() ? "ref:" + part.via() : "link:" + part.link();
            byTable.computeIfAbsent(part.rows().table() + "\u0000" + link, k -> new ArrayList<>()).add(part);
        }
        List<LegacyTable> tables = new ArrayList<>();
        for (List<PartSpec> group : byTable.values()) {
            PartSpec first = group.getFirst();
            TableSpec rows = first.rows();
            Set<String> columns = new LinkedHashSet<>(rows.keyColumns());
            for (PartSpec part : group) {
                columns.addAll(part.rows().readColumns());
                columns.addAll(part.link());
                if (part.where() != null) {
                    columns.add(part.where().column());
                }
            }
            tables.add(new LegacyTable(first.isReference() ? Role.REFERENCE : Role.PART, rows.schema(), rows.name(),
                    rows.keyColumns(), first.isReference() ? rows.keyColumns() : first.link(), List.copyOf(columns),
                    group));
        }
        return tables;
    }

    /** Positions of {@code names} in {@link #columns()}. */
    public int[] indexes(List<String> names) {
        int[] indexes = new int[names.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = columns.indexOf(names.get(i));
            if (indexes[i] < 0) {
                throw new IllegalStateException(qualified() + " does not select " + names.get(i));
            }
        }
        return indexes;
    }

    /** The via columns (in the root table) of the reference parts this table serves. */
    public List<String> via() {
        return role == Role.REFERENCE ? parts.getFirst().via() : List.of();
    }

    @Override
    public String toString() {
        return role.name().toLowerCase() + " " + qualified();
    }
}
