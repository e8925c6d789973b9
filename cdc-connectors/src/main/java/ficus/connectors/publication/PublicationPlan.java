package ficus.connectors.publication;

import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.SqlIdentifier;
import ficus.connectors.plan.TableId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The publication a capture plan needs on one server, and the SQL that makes it so. One source for the deployer
 * ({@link Publications#ensure}), {@code ficus prepare} and preflight's fixes, so the three never disagree.
 *
 * <ul>
 *   <li>every captured table (and the signal table), a partitioned table as itself;</li>
 *   <li>{@code publish_via_partition_root} as the plan says (default true; PostgreSQL 13+), so the rows of every
 *       partition, also one attached later, are published as the partitioned table and reach its raw topic;</li>
 *   <li>on PostgreSQL 15+, a table with sensitive columns gets a column list without them: their values never cross
 *       the replication connection. PostgreSQL requires a column list to keep the replica identity (UPDATE and DELETE
 *       on the table fail otherwise), so a sensitive column in the replica identity — every column under REPLICA
 *       IDENTITY FULL — stays in the list and is reported by {@link #crossing()};</li>
 *   <li>on PostgreSQL 15+, a table with a row filter in the plan is published {@code WHERE (filter)}: other rows
 *       never cross the replication connection. The filter's text is kept in the publication's comment, which is how
 *       a changed filter is told from the one in place (PostgreSQL keeps only its parsed form).</li>
 * </ul>
 */
public final class PublicationPlan {

    private final CapturePlan plan;
    private final int serverVersion;
    /** Published table → its column list (null: every column). */
    private final Map<TableId, List<String>> members = new LinkedHashMap<>();
    private final Map<TableId, List<String>> crossing = new LinkedHashMap<>();

    /**
     * @param facts the captured tables that exist (missing ones are left out: preflight reports them)
     */
    public PublicationPlan(CapturePlan plan, Map<TableId, TableFacts> facts, int serverVersion) {
        this.plan = plan;
        this.serverVersion = serverVersion;
        for (TableId table : plan.tables()) {
            TableFacts f = facts.get(table);
            if (f == null) {
                continue;
            }
            List<String> sensitive = plan.sensitiveColumnsOf(table).stream()
                    .filter(f.columnNames()::contains).toList();
            if (sensitive.isEmpty()) {
                members.put(table, null);
            } else if (!columnLists()) {
                members.put(table, null);
                crossing.put(table, sensitive);
            } else {
                // a before-image table gets REPLICA IDENTITY FULL (prepare, or preflight's fix): all its columns
                List<String> identity = plan.beforeImageTables().contains(table) ? f.columnNames()
                        : f.identityColumns();
                List<String> kept = f.columnNames().stream()
                        .filter(c -> !sensitive.contains(c) || identity.contains(c)).toList();
                List<String> cross = sensitive.stream().filter(identity::contains).toList();
                members.put(table, kept.size() == f.columns().size() ? null : kept);
                if (!cross.isEmpty()) {
                    crossing.put(table, cross);
                }
            }
        }
        plan.signalTable().filter(t -> !members.containsKey(t)).ifPresent(t -> members.put(t, null));
    }

    /**
     * The publication without a look at the catalog (for a changelog rendered offline, to review): every captured table
     * without a column list, every sensitive column reported as crossing.
     */
    public PublicationPlan(CapturePlan plan, int serverVersion) {
        this.plan = plan;
        this.serverVersion = serverVersion;
        plan.tables().forEach(t -> members.put(t, null));
        plan.sensitiveColumns().forEach(c -> crossing.computeIfAbsent(c.table(), t -> new ArrayList<>())
                .add(c.column()));
        plan.signalTable().filter(t -> !members.containsKey(t)).ifPresent(t -> members.put(t, null));
    }

    /** PostgreSQL 15+ publishes column lists. */
    public boolean columnLists() {
        return serverVersion >= 150000;
    }

    /** PostgreSQL 15+ publishes row filters. */
    public boolean rowFilters() {
        return serverVersion >= 150000;
    }

    /** The row filters the publication carries (none before PostgreSQL 15), by table. */
    public Map<TableId, String> publishedRowFilters() {
        return rowFilters() ? plan.rowFilters() : Map.of();
    }

    /** PostgreSQL 13+ knows {@code publish_via_partition_root}. */
    public boolean partitionRootOption() {
        return serverVersion >= 130000;
    }

    /** The published tables with their column lists (null: every column). */
    public Map<TableId, List<String>> members() {
        return java.util.Collections.unmodifiableMap(members);
    }

    /** Sensitive columns whose values still cross the replication connection (dropped only in the worker), by table. */
    public Map<TableId, List<String>> crossing() {
        return java.util.Collections.unmodifiableMap(crossing);
    }

    /** The comment that marks a publication as Ficus's for a plan. */
    public static String comment(String planName) {
        return "ficus: publication of capture plan " + planName;
    }

    /** The comment of this publication: {@link #comment(String)}, then the row filters it carries, if any. */
    public String comment() {
        Map<TableId, String> filters = publishedRowFilters();
        if (filters.isEmpty()) {
            return comment(plan.name());
        }
        return comment(plan.name()) + "; row filters: " + filters.entrySet().stream()
                .map(e -> e.getKey().sql() + " WHERE (" + e.getValue() + ")").collect(Collectors.joining(", "));
    }

    private String tableList() {
        Map<TableId, String> filters = publishedRowFilters();
        return members.entrySet().stream().map(e -> e.getKey().sql() + (e.getValue() == null ? ""
                : " (" + e.getValue().stream().map(SqlIdentifier::quote).collect(Collectors.joining(", ")) + ")")
                + (filters.containsKey(e.getKey()) ? " WHERE (" + filters.get(e.getKey()) + ")" : ""))
                .collect(Collectors.joining(", "));
    }

    private String name() {
        return SqlIdentifier.quote(plan.publicationName());
    }

    /** {@code CREATE PUBLICATION ...;} and its comment, one statement a line. */
    public List<String> createStatements() {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE PUBLICATION " + name() + " FOR TABLE " + tableList()
                + (partitionRootOption() ? " WITH (publish_via_partition_root = " + plan.publishViaPartitionRoot() + ")"
                : "") + ";");
        sql.add(commentStatement());
        return sql;
    }

    /** What makes an existing publication this one (empty when it already is). */
    public List<String> alignStatements(ExistingPublication existing) {
        List<String> sql = new ArrayList<>();
        if (!sameMembers(existing)) {
            sql.add("ALTER PUBLICATION " + name() + " SET TABLE " + tableList() + ";");
        }
        if (partitionRootOption() && existing.viaRoot() != plan.publishViaPartitionRoot()) {
            sql.add("ALTER PUBLICATION " + name() + " SET (publish_via_partition_root = "
                    + plan.publishViaPartitionRoot() + ");");
        }
        if (!comment().equals(existing.comment())) {
            sql.add(commentStatement());
        }
        return sql;
    }

    /** What makes any existing publication of this name this one, unconditionally (for scripts). */
    public List<String> setStatements() {
        List<String> sql = new ArrayList<>();
        sql.add("ALTER PUBLICATION " + name() + " SET TABLE " + tableList() + ";");
        if (partitionRootOption()) {
            sql.add("ALTER PUBLICATION " + name() + " SET (publish_via_partition_root = "
                    + plan.publishViaPartitionRoot() + ");");
        }
        return sql;
    }

    public String commentStatement() {
        return "COMMENT ON PUBLICATION " + name() + " IS '" + comment().replace("'", "''") + "';";
    }

    /** Whether the existing publication publishes exactly these tables with these column lists. */
    public boolean sameMembers(ExistingPublication existing) {
        if (existing.allTables() || existing.members().size() != members.size()) {
            return false;
        }
        Map<TableId, String> filters = publishedRowFilters();
        boolean anyFilter = !filters.isEmpty();
        for (Map.Entry<TableId, List<String>> wanted : members.entrySet()) {
            var member = existing.member(wanted.getKey());
            if (member.isEmpty() || !Objects.equals(asSet(member.get().columns()), asSet(wanted.getValue()))
                    || member.get().filtered() != filters.containsKey(wanted.getKey())) {
                return false;
            }
            anyFilter |= member.get().filtered();
        }
        // PostgreSQL keeps a filter only parsed; the comment holds the text it was made from
        return !anyFilter || comment().equals(existing.comment());
    }

    /** Whether the existing publication is this one in every respect that decides what is published. */
    public boolean matches(ExistingPublication existing) {
        return sameMembers(existing) && (!partitionRootOption() || existing.viaRoot() == plan.publishViaPartitionRoot());
    }

    private static Set<String> asSet(List<String> columns) {
        return columns == null ? null : new HashSet<>(columns);
    }
}
