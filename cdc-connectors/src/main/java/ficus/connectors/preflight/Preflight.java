package ficus.connectors.preflight;

import static ficus.connectors.preflight.CheckResult.fail;
import static ficus.connectors.preflight.CheckResult.pass;
import static ficus.connectors.preflight.CheckResult.warn;

import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.ColumnId;
import ficus.connectors.plan.SqlIdentifier;
import ficus.connectors.plan.TableId;
import ficus.connectors.publication.Catalog;
import ficus.connectors.publication.ExistingPublication;
import ficus.connectors.publication.PublicationPlan;
import ficus.connectors.publication.TableFacts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Checks that a legacy PostgreSQL database is ready for a capture plan, before anything is deployed. Each check is a
 * {@link CheckResult} (PASS / WARN / FAIL) with the SQL that fixes it:
 *
 * <ul>
 *   <li>{@code wal_level} is {@code logical};</li>
 *   <li>{@code replication slots} and {@code wal senders}: one free (not needed when the plan's slot exists);</li>
 *   <li>{@code replication privilege}: the plan's user can log in and has REPLICATION (or is superuser);</li>
 *   <li>{@code tables exist}: every captured table (a typo fails with a "did you mean");</li>
 *   <li>{@code select privilege}: USAGE on the schemas and SELECT on every captured table;</li>
 *   <li>{@code replica identity <table>}, one per table. Once a table is in the publication, PostgreSQL rejects the
 *       legacy application's UPDATE and DELETE on it unless it has a replica identity, so this is about not breaking
 *       the legacy system as much as about capture. The rule: a table listed in the plan's {@code beforeImages}
 *       needs REPLICA IDENTITY FULL (complete old rows in update events); any other table needs a primary key, or
 *       declared {@code keyColumns} (the Kafka key) together with REPLICA IDENTITY FULL or USING INDEX;</li>
 *   <li>{@code sensitive columns}: every declared column exists (a typo would let personal data leave);</li>
 *   <li>{@code row filter <table>}, one per filter: a valid condition on the table (planned, never run) that reads only
 *       replica-identity columns (else PostgreSQL refuses UPDATE and DELETE on the table); WARN before PostgreSQL 15,
 *       where only the snapshot can be filtered;</li>
 *   <li>{@code partitions} and {@code toast <table>}: rows a partitioned table would lose; TOASTable columns (with
 *       {@link MappedColumns}, only those a translation reads are a risk);</li>
 *   <li>{@code publication}: present with exactly the captured tables (plus the signal table), or creatable by the
 *       user (superuser or owner of every table); a different table list is a WARN when Debezium can alter it;</li>
 *   <li>{@code slot}: unused, or an inactive logical pgoutput slot of this database (the connector resumes from it),
 *       or active and held by this plan's deployed connector; active for another consumer fails;</li>
 *   <li>{@code max_slot_wal_keep_size}: WARN when unlimited (-1): a stopped connector lets WAL fill the disk;</li>
 *   <li>{@code heartbeat}: WARN when off; the action query is planned (EXPLAIN, never run) to prove its table exists;</li>
 *   <li>{@code signal table}: exists with columns id, type, data, and the user may SELECT and INSERT.</li>
 * </ul>
 *
 * Privileges are checked for the plan's user, whoever the data source connects as. The heartbeat query is planned
 * as the data source's user.
 */
public final class Preflight {

    private static final Pattern WRITTEN_TABLE = Pattern.compile(
            "(?i)\\b(?:insert\\s+into|update)\\s+([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)");

    /** The {@code application_name} of Debezium's replication connection. */
    private static final String DEBEZIUM_STREAMING = "Debezium Streaming";

    private final CapturePlan plan;
    private final Connection db;
    private final boolean slotHeldByDeployedConnector;
    private final MappedColumns mapped;
    private final List<CheckResult> results = new ArrayList<>();
    private final String user;
    private Role role;
    /** Existing captured tables: oid by table. */
    private final Map<TableId, Long> existing = new LinkedHashMap<>();
    private final Map<TableId, TableFacts> facts = new LinkedHashMap<>();
    private final Catalog catalog;
    private int serverVersion;

    private Preflight(CapturePlan plan, Connection db, boolean slotHeldByDeployedConnector, MappedColumns mapped) {
        this.plan = plan;
        this.db = db;
        this.slotHeldByDeployedConnector = slotHeldByDeployedConnector;
        this.mapped = mapped;
        this.user = plan.connection().user();
        this.catalog = new Catalog(db);
    }

    /** Connects with the plan's own connection (password resolved locally) and runs every check. */
    public static PreflightReport run(CapturePlan plan) {
        return run(plan, false);
    }

    /** As {@link #run(CapturePlan)}; {@code slotHeldByDeployedConnector}: an active slot is this plan's own connector. */
    public static PreflightReport run(CapturePlan plan, boolean slotHeldByDeployedConnector) {
        return run(plan, LegacyDatabase.dataSource(plan), slotHeldByDeployedConnector);
    }

    /**
     * As {@link #run(CapturePlan, boolean)}, told which columns the translations downstream read: the TOAST check then
     * warns only where a TOASTable column is read by one of them.
     */
    public static PreflightReport run(CapturePlan plan, boolean slotHeldByDeployedConnector, MappedColumns mapped) {
        return run(plan, LegacyDatabase.dataSource(plan), slotHeldByDeployedConnector, mapped);
    }

    /** Runs every check through the given data source (for the plan's database). */
    public static PreflightReport run(CapturePlan plan, DataSource ds) {
        return run(plan, ds, false);
    }

    /**
     * Runs every check through the given data source.
     *
     * @param slotHeldByDeployedConnector the plan's connector is deployed already, so an active slot of the plan's
     *                                    name is its own (a redeploy), not another consumer's
     * @throws ficus.core.FicusException.Unavailable the database cannot be reached (message names host:port)
     */
    public static PreflightReport run(CapturePlan plan, DataSource ds, boolean slotHeldByDeployedConnector) {
        return run(plan, ds, slotHeldByDeployedConnector, MappedColumns.unknown());
    }

    /** As {@link #run(CapturePlan, boolean, MappedColumns)}, through the given data source. */
    public static PreflightReport run(CapturePlan plan, DataSource ds, boolean slotHeldByDeployedConnector,
            MappedColumns mapped) {
        try (Connection c = LegacyDatabase.connect(ds, plan)) {
            Preflight preflight = new Preflight(plan, c, slotHeldByDeployedConnector, mapped);
            preflight.runAll();
            return new PreflightReport(preflight.results);
        } catch (SQLException e) {
            throw LegacyDatabase.queryError(e, plan, "running preflight checks");
        }
    }

    private void runAll() throws SQLException {
        role = role();
        serverVersion = catalog.serverVersion();
        walLevel();
        boolean slotExists = slot(false) != null;
        replicationSlots(slotExists);
        walSenders();
        replicationPrivilege();
        tablesExist();
        selectPrivilege();
        for (TableId table : plan.tables()) {
            if (existing.containsKey(table)) {
                replicaIdentity(table);
            }
        }
        sensitiveColumns();
        rowFilters();
        partitions();
        for (TableId table : plan.tables()) {
            if (facts.containsKey(table)) {
                toast(facts.get(table));
            }
        }
        heartbeat();
        signalTable(); // before the publication: its fix creates the table the publication's fix names
        publication();
        slot(true);
        walKeepSize();
    }

    // --- server settings -----------------------------------------------------------------------------------------

    private void walLevel() throws SQLException {
        String level = setting("wal_level");
        results.add("logical".equals(level)
                ? pass("wal_level", "logical")
                : fail("wal_level", "is " + level + "; logical decoding needs logical (a restart is needed)",
                        "ALTER SYSTEM SET wal_level = logical; -- then restart PostgreSQL"));
    }

    private void replicationSlots(boolean slotExists) throws SQLException {
        int max = Integer.parseInt(setting("max_replication_slots"));
        int used = intQuery("select count(*) from pg_replication_slots");
        if (slotExists) {
            results.add(pass("replication slots", "slot " + plan.slotName() + " exists; no new slot needed ("
                    + used + " of " + max + " used)"));
        } else if (used < max) {
            results.add(pass("replication slots", (max - used) + " of " + max + " free"));
        } else {
            results.add(fail("replication slots", "all " + max + " in use (max_replication_slots); the connector"
                            + " cannot create slot " + plan.slotName(),
                    "ALTER SYSTEM SET max_replication_slots = " + (max + 2) + "; -- then restart PostgreSQL\n"
                            + "-- or drop a slot nobody uses: SELECT pg_drop_replication_slot(slot_name)"
                            + " FROM pg_replication_slots WHERE NOT active AND slot_name = '...';"));
        }
    }

    private void walSenders() throws SQLException {
        int max = Integer.parseInt(setting("max_wal_senders"));
        int used = intQuery("select count(*) from pg_stat_activity where backend_type = 'walsender'");
        boolean ownActive = slotHeldByDeployedConnector
                && intQuery("select count(*) from pg_replication_slots where slot_name = ? and active",
                plan.slotName()) > 0;
        if (ownActive || used < max) {
            results.add(pass("wal senders", ownActive ? "the deployed connector holds one (" + used + " of " + max
                    + " in use)" : (max - used) + " of " + max + " free"));
        } else {
            results.add(fail("wal senders", "all " + max + " in use (max_wal_senders); the connector cannot stream",
                    "ALTER SYSTEM SET max_wal_senders = " + (max + 2) + "; -- then restart PostgreSQL"));
        }
    }

    private void walKeepSize() throws SQLException {
        String size = setting("max_slot_wal_keep_size");
        if ("-1".equals(size.strip())) {
            results.add(warn("max_slot_wal_keep_size", "unlimited (-1): a stopped or paused connector's slot keeps"
                            + " WAL until the disk is full",
                    "ALTER SYSTEM SET max_slot_wal_keep_size = '10GB'; SELECT pg_reload_conf();"));
        } else {
            results.add(pass("max_slot_wal_keep_size", prettySize(size)));
        }
    }

    // --- the plan's user --------------------------------------------------------------------------------------------

    private record Role(boolean superuser, boolean replication, boolean login) {}

    private Role role() throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "select rolsuper, rolreplication, rolcanlogin from pg_roles where rolname = ?")) {
            st.setString(1, user);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new Role(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)) : null;
            }
        }
    }

    private void replicationPrivilege() {
        String name = "replication privilege";
        if (role == null) {
            results.add(fail(name, "role " + user + " does not exist",
                    "CREATE ROLE " + ident(user) + " LOGIN REPLICATION; -- then give it a password: \\password " + ident(user)));
        } else if (!role.login()) {
            results.add(fail(name, "role " + user + " cannot log in", "ALTER ROLE " + ident(user) + " LOGIN;"));
        } else if (role.superuser()) {
            results.add(pass(name, user + " is superuser"));
        } else if (role.replication()) {
            results.add(pass(name, user + " has REPLICATION"));
        } else {
            results.add(fail(name, user + " has neither REPLICATION nor superuser; it cannot open a replication"
                    + " connection", "ALTER ROLE " + ident(user) + " REPLICATION;"));
        }
    }

    private void tablesExist() throws SQLException {
        Map<String, Long> all = new LinkedHashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                select n.nspname, c.relname, c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
                  and n.nspname not like 'pg\\_toast%'""")) {
            while (rs.next()) {
                all.put(new TableId(rs.getString(1), rs.getString(2)).toString(), rs.getLong(3));
            }
        }
        List<String> missing = new ArrayList<>();
        for (TableId table : plan.tables()) {
            Long oid = all.get(table.toString());
            if (oid == null) {
                String suggestion = CapturePlanLoader.closest(table.toString(), all.keySet());
                missing.add(table + (suggestion == null ? "" : " (did you mean " + suggestion + "?)"));
            } else {
                existing.put(table, oid);
                catalog.table(table).ifPresent(f -> facts.put(table, f));
            }
        }
        results.add(missing.isEmpty()
                ? pass("tables exist", "all " + plan.tables().size() + " captured tables exist")
                : fail("tables exist", "no such table in " + plan.connection().database() + ": "
                + String.join(", ", missing) + "; fix the table name in the plan", null));
    }

    private void selectPrivilege() throws SQLException {
        String name = "select privilege";
        if (role == null) {
            results.add(fail(name, "role " + user + " does not exist", null));
            return;
        }
        Set<String> schemasWithoutUsage = new TreeSet<>();
        List<String> tablesWithoutSelect = new ArrayList<>();
        for (TableId table : existing.keySet()) {
            if (!bool("select has_schema_privilege(?, ?, 'USAGE')", user, table.schema())) {
                schemasWithoutUsage.add(table.schema());
            }
            if (!bool("select has_table_privilege(?, ?::regclass, 'SELECT')", user, quoted(table))) {
                tablesWithoutSelect.add(table.toString());
            }
        }
        if (schemasWithoutUsage.isEmpty() && tablesWithoutSelect.isEmpty()) {
            results.add(pass(name, user + " may read all " + existing.size() + " existing captured tables"));
            return;
        }
        List<String> fixes = new ArrayList<>();
        schemasWithoutUsage.forEach(s -> fixes.add("GRANT USAGE ON SCHEMA " + ident(s) + " TO " + ident(user) + ";"));
        if (!tablesWithoutSelect.isEmpty()) {
            fixes.add("GRANT SELECT ON " + String.join(", ", tablesWithoutSelect) + " TO " + ident(user) + ";");
        }
        List<String> what = new ArrayList<>();
        if (!schemasWithoutUsage.isEmpty()) {
            what.add("no USAGE on schema " + String.join(", ", schemasWithoutUsage));
        }
        if (!tablesWithoutSelect.isEmpty()) {
            what.add("no SELECT on " + String.join(", ", tablesWithoutSelect));
        }
        results.add(fail(name, user + " has " + String.join("; ", what), String.join("\n", fixes)));
    }

    // --- tables ----------------------------------------------------------------------------------------------------

    private void replicaIdentity(TableId table) throws SQLException {
        String name = "replica identity " + table;
        long oid = existing.get(table);
        char identity;
        try (PreparedStatement st = db.prepareStatement("select relreplident from pg_class where oid = ?")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                identity = rs.getString(1).charAt(0);
            }
        }
        List<String> pk = primaryKey(oid);
        String full = "ALTER TABLE " + table + " REPLICA IDENTITY FULL;";
        if (plan.beforeImageTables().contains(table)) {
            results.add(identity == 'f'
                    ? pass(name, "FULL (the plan wants complete before-images)")
                    : fail(name, describe(identity) + ", but the plan lists it under beforeImages: updates would carry"
                    + " no complete old row", full));
            return;
        }
        if (!pk.isEmpty()) {
            results.add(identity == 'n'
                    ? fail(name, "NOTHING: once published, the legacy application's UPDATE and DELETE on it fail",
                    "ALTER TABLE " + table + " REPLICA IDENTITY DEFAULT;")
                    : pass(name, "primary key (" + String.join(", ", pk) + "), replica identity "
                    + describe(identity)));
            return;
        }
        List<String> declared = plan.keyColumns().getOrDefault(table, List.of());
        if (declared.isEmpty()) {
            results.add(fail(name, "no primary key and no keyColumns in the plan: events would have no Kafka key"
                            + (identity == 'f' || identity == 'i' ? "" : ", and once published the legacy"
                            + " application's UPDATE and DELETE on it fail"),
                    "-- declare keyColumns: {" + table + ": [...]} in the plan, or add a primary key\n"
                            + (identity == 'f' || identity == 'i' ? "" : full)));
            return;
        }
        List<String> columns = columns(oid);
        List<String> missing = declared.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            results.add(fail(name, "keyColumns " + String.join(", ", missing) + " not in " + table
                    + suggestions(missing, columns) + "; fix keyColumns in the plan", null));
        } else if (identity == 'f' || identity == 'i') {
            results.add(pass(name, "no primary key; keyColumns (" + String.join(", ", declared) + ") with replica"
                    + " identity " + describe(identity)));
        } else {
            results.add(fail(name, "no primary key and replica identity " + describe(identity) + ": once published,"
                    + " the legacy application's UPDATE and DELETE on it fail", full));
        }
    }

    private void sensitiveColumns() throws SQLException {
        String name = "sensitive columns";
        if (plan.sensitiveColumns().isEmpty()) {
            results.add(pass(name, "none declared"));
            return;
        }
        List<String> missing = new ArrayList<>();
        for (ColumnId column : plan.sensitiveColumns()) {
            Long oid = existing.get(column.table());
            if (oid == null) {
                continue; // reported by "tables exist"
            }
            List<String> columns = columns(oid);
            if (!columns.contains(column.column())) {
                missing.add(column + suggestions(List.of(column.column()), columns));
            }
        }
        if (!missing.isEmpty()) {
            results.add(fail(name, "no such column: " + String.join(", ", missing)
                    + "; fix sensitiveColumns in the plan (as it is, the real column would leave the database)", null));
            return;
        }
        PublicationPlan publication = new PublicationPlan(plan, facts, serverVersion);
        if (publication.crossing().isEmpty()) {
            results.add(pass(name, "all " + plan.sensitiveColumns().size() + " exist and stay in the database: the"
                    + " publication's column lists leave them out, and the connector excludes them as well"));
            return;
        }
        List<String> crossing = new ArrayList<>();
        publication.crossing().forEach((table, columns) -> columns.forEach(c -> crossing.add(table + "."
                + SqlIdentifier.quote(c))));
        String why = !publication.columnLists()
                ? "PostgreSQL " + serverVersion / 10000 + " has no publication column lists (15+)"
                : "a column list must keep the replica identity, and they are part of it (REPLICA IDENTITY FULL, the"
                + " primary key or the identity index); drop the table from beforeImages or use another identity"
                + " to keep them in the database";
        results.add(warn(name, String.join(", ", crossing) + " cross the replication connection and are dropped only"
                + " in the Connect worker (column.exclude.list): " + why, null));
    }

    // --- publication and slot -------------------------------------------------------------------------------------

    private void publication() throws SQLException {
        String name = "publication";
        String pub = plan.publicationName();
        PublicationPlan wanted = new PublicationPlan(plan, facts, serverVersion);
        Set<TableId> tables = new java.util.LinkedHashSet<>(plan.tables());
        plan.signalTable().ifPresent(tables::add);
        boolean mayCreate = role != null && (role.superuser() || ownsAll(tables));
        Optional<ExistingPublication> found = catalog.publication(pub);
        String create = String.join("\n", wanted.createStatements());
        if (found.isEmpty()) {
            results.add(mayCreate
                    ? pass(name, pub + " does not exist; ficus deploy creates it (" + describe(wanted) + ")")
                    : fail(name, pub + " does not exist and " + user + " cannot create it (it must own every"
                    + " captured table, or be superuser)", create + " -- run as the tables' owner"));
            return;
        }
        ExistingPublication existing = found.get();
        if (existing.allTables()) {
            results.add(fail(name, pub + " is FOR ALL TABLES; Ficus does not narrow a publication others may use",
                    "DROP PUBLICATION " + ident(pub) + ";\n" + create));
            return;
        }
        String by = existing.madeByFicusFor(plan.name()) ? ", made by Ficus for plan " + plan.name() : "";
        if (wanted.matches(existing)) {
            results.add(pass(name, pub + " publishes exactly the " + wanted.members().size() + " tables ("
                    + describe(wanted) + ")" + by));
            return;
        }
        List<String> differences = new ArrayList<>();
        for (var member : existing.members()) {
            if (!wanted.members().containsKey(member.table())) {
                differences.add("extra " + member.table());
            }
        }
        wanted.members().forEach((table, columns) -> {
            var member = existing.member(table);
            if (member.isEmpty()) {
                differences.add("missing " + table);
            } else if (!java.util.Objects.equals(member.get().columns() == null ? null
                    : new java.util.HashSet<>(member.get().columns()), columns == null ? null
                    : new java.util.HashSet<>(columns))) {
                differences.add(table + " with column list " + (member.get().columns() == null ? "(all)"
                        : member.get().columns()) + " instead of " + (columns == null ? "(all)" : columns));
            }
        });
        if (differences.isEmpty() && !wanted.sameMembers(existing)) {
            differences.add("row filters other than the plan's " + (wanted.publishedRowFilters().isEmpty() ? "(none)"
                    : wanted.publishedRowFilters().values().stream().map(f -> "(" + f + ")").toList()));
        }
        boolean dropsRows = false;
        if (wanted.partitionRootOption() && existing.viaRoot() != plan.publishViaPartitionRoot()) {
            differences.add("publish_via_partition_root is " + existing.viaRoot());
            dropsRows = facts.values().stream().anyMatch(TableFacts::partitioned);
        }
        boolean leaks = wanted.members().entrySet().stream().anyMatch(e -> e.getValue() != null
                && existing.member(e.getKey()).map(m -> m.columns() == null
                || !e.getValue().containsAll(m.columns())).orElse(false));
        String alter = String.join("\n", wanted.alignStatements(existing));
        String differs = pub + " differs from the plan (" + String.join("; ", differences) + ")" + by;
        boolean mayAlter = role != null && (role.superuser() || (user.equals(existing.owner()) && ownsAll(tables)));
        if (dropsRows) {
            results.add(fail(name, differs + ": the rows of a partitioned table would be published as its partitions,"
                    + " which the connector does not capture, and be dropped", alter));
        } else if (leaks) {
            results.add(fail(name, differs + ": a sensitive column would cross the replication connection", alter));
        } else {
            results.add(mayAlter
                    ? warn(name, differs + "; ficus deploy aligns it to the plan", alter)
                    : fail(name, differs + " and " + user + " cannot alter it (owner " + existing.owner() + ")", alter));
        }
    }

    private static String describe(PublicationPlan wanted) {
        long lists = wanted.members().values().stream().filter(java.util.Objects::nonNull).count();
        return (wanted.partitionRootOption() ? "publish_via_partition_root" : "no partition root option")
                + (lists == 0 ? "" : ", " + lists + " column list(s) without sensitive columns");
    }

    /**
     * Row filters: each a valid condition on its table, reading only replica-identity columns (else PostgreSQL refuses
     * every UPDATE and DELETE on the table once the publication carries it), published on PostgreSQL 15+.
     */
    private void rowFilters() throws SQLException {
        for (ficus.connectors.publication.Publications.RowFilter filter
                : ficus.connectors.publication.Publications.rowFilters(db, plan, facts)) {
            String name = "row filter " + filter.table();
            if (filter.invalid() != null) {
                results.add(fail(name, filter.problem(), null));
            } else if (serverVersion < 150000) {
                results.add(warn(name, "only the snapshot is filtered: PostgreSQL " + serverVersion / 10000 + " has no"
                        + " publication row filters (15+), so every streamed change of " + filter.table() + ", of rows"
                        + " outside (" + filter.filter() + ") too, crosses the replication connection and reaches its"
                        + " raw topic", null));
            } else if (!filter.outsideIdentity().isEmpty()) {
                results.add(fail(name, filter.problem(), "ALTER TABLE " + filter.table().sql() + " REPLICA IDENTITY"
                        + " FULL; -- and list it under beforeImages in the plan"));
            } else {
                results.add(pass(name, "the snapshot and the publication capture only rows where (" + filter.filter()
                        + "), reading " + (filter.read().isEmpty() ? "no column" : String.join(", ", filter.read()
                        .stream().map(SqlIdentifier::quote).toList())) + " (in the replica identity); a row updated"
                        + " into or out of it arrives as an insert or a delete"));
            }
        }
    }

    /** Partitioned tables: captured as themselves, via their root, never a partition next to its root. */
    private void partitions() {
        String name = "partitions";
        List<String> problems = new ArrayList<>();
        List<String> partitioned = new ArrayList<>();
        for (TableFacts f : facts.values()) {
            if (f.partitioned()) {
                partitioned.add(f.table().toString());
                if (!plan.publishViaPartitionRoot()) {
                    problems.add(f.table() + " is partitioned, and the plan has publishViaPartitionRoot: false: its"
                            + " rows are published as its partitions, which are not captured, and are dropped; remove"
                            + " publishViaPartitionRoot: false from the plan");
                } else if (serverVersion < 130000) {
                    problems.add(f.table() + " is partitioned, and PostgreSQL " + serverVersion / 10000
                            + " cannot publish via the partition root (13+): capture its partitions instead");
                }
            }
            if (f.partitionOf() != null && plan.captures(f.partitionOf()) && plan.publishViaPartitionRoot()) {
                problems.add(f.table() + " is a partition of " + f.partitionOf() + ", which the plan captures too: its"
                        + " rows reach " + f.partitionOf().topic(plan.source()) + ", never its own topic; remove "
                        + f.table() + " from tables");
            }
        }
        if (!problems.isEmpty()) {
            results.add(fail(name, String.join("; ", problems), null));
        } else {
            results.add(pass(name, partitioned.isEmpty() ? "no partitioned table captured"
                    : String.join(", ", partitioned) + " captured via the partition root: rows of every partition,"
                    + " also one attached later, reach its raw topic"));
        }
    }

    /**
     * TOAST: columns whose large values live out of line. An UPDATE that does not touch such a value writes no value
     * for it to the WAL unless the replica identity is FULL, and Debezium then sends its placeholder.
     */
    private void toast(TableFacts f) {
        String name = "toast " + f.table();
        List<String> sensitive = plan.sensitiveColumnsOf(f.table());
        List<TableFacts.Column> toastable = f.columns().stream().filter(TableFacts.Column::toastable)
                .filter(c -> !sensitive.contains(c.name())).toList();
        String listed = describe(toastable);
        if (toastable.isEmpty()) {
            results.add(pass(name, "no column can be TOASTed"));
            return;
        }
        if (f.replicaIdentity() == 'f') {
            results.add(pass(name, "can be TOASTed: " + listed + "; REPLICA IDENTITY FULL: every update carries"
                    + " their values"));
            return;
        }
        String fix = "ALTER TABLE " + f.table().sql() + " REPLICA IDENTITY FULL; -- and list it under beforeImages in"
                + " the plan";
        String remedy = " Add " + f.table() + " to beforeImages (REPLICA IDENTITY FULL: every update and delete then"
                + " writes the whole old row to the WAL, roughly doubling its WAL volume for wide rows)";
        if (!mapped.isKnown()) {
            results.add(warn(name, "can be TOASTed: " + listed + "; an update that does not change such a value (over"
                    + " ~2 kB) carries __debezium_unavailable_value instead of it." + remedy + ", or make sure the"
                    + " translation keeps the last known value (name the translations with --spec to narrow this to"
                    + " the columns they read)", fix));
            return;
        }
        List<TableFacts.Column> read = toastable.stream()
                .filter(c -> mapped.readersOf(f.table(), c.name()).isPresent()).toList();
        if (read.isEmpty()) {
            results.add(pass(name, "can be TOASTed: " + listed + "; no translation reads them, so the placeholder an"
                    + " update that leaves them alone carries (__debezium_unavailable_value) stays in the raw topic"));
            return;
        }
        List<String> readers = read.stream().flatMap(c -> mapped.readersOf(f.table(), c.name()).orElseThrow()
                .stream()).distinct().toList();
        results.add(warn(name, "can be TOASTed and read by " + String.join(", ", readers) + ": " + describe(read)
                + "; an update that does not change such a value (over ~2 kB) carries __debezium_unavailable_value"
                + " instead of it: the layer then keeps the last value it holds for the row, and dead-letters the"
                + " change when it holds none (a row it first sees through such an update, e.g. one changed while a"
                + " backfill ran)." + remedy + " to have every update carry the value", fix));
    }

    private static String describe(List<TableFacts.Column> columns) {
        return String.join(", ", columns.stream().map(c -> SqlIdentifier.quote(c.name()) + " " + c.type()).toList());
    }

    /** The slot row (checking it when {@code report}), or null when there is none. */
    private String slot(boolean report) throws SQLException {
        String name = "slot";
        try (PreparedStatement st = db.prepareStatement("""
                select s.slot_type, s.plugin, s.database, s.active, s.active_pid, s.wal_status,
                       pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)::bigint, a.application_name, a.usename
                from pg_replication_slots s left join pg_stat_activity a on a.pid = s.active_pid
                where s.slot_name = ?""")) {
            st.setString(1, plan.slotName());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    if (report) {
                        results.add(pass(name, plan.slotName() + " is unused; the connector creates it"));
                    }
                    return null;
                }
                if (!report) {
                    return plan.slotName();
                }
                String slot = plan.slotName();
                String type = rs.getString(1);
                String plugin = rs.getString(2);
                String database = rs.getString(3);
                boolean active = rs.getBoolean(4);
                long pid = rs.getLong(5);
                String walStatus = rs.getString(6);
                long retained = rs.getLong(7);
                String holder = "pid " + pid + (rs.getString(8) == null ? "" : ", " + rs.getString(8) + " as "
                        + rs.getString(9));
                String drop = "SELECT pg_drop_replication_slot('" + slot + "'); -- only if nothing needs it";
                if (!"logical".equals(type) || !"pgoutput".equals(plugin)) {
                    results.add(fail(name, slot + " exists as a " + type + " slot" + (plugin == null ? ""
                            : " of plugin " + plugin) + "; the connector needs a logical pgoutput slot", drop));
                } else if (!plan.connection().database().equals(database)) {
                    results.add(fail(name, slot + " belongs to database " + database + ", not "
                            + plan.connection().database() + "; choose another slot name in the plan", null));
                } else if ("lost".equals(walStatus)) {
                    results.add(fail(name, slot + " has lost WAL it needs (wal_status lost); drop it and snapshot"
                            + " again", drop));
                } else if (active && slotHeldByDeployedConnector) {
                    results.add(pass(name, slot + " is in use by the plan's connector " + plan.name() + " ("
                            + holder + ")"));
                } else if (active && DEBEZIUM_STREAMING.equals(rs.getString(8))) {
                    results.add(fail(name, slot + " is active, held by a Debezium connector Ficus could not match to"
                            + " this plan (" + holder + "); if it is " + plan.name() + ", run preflight with the"
                            + " --connect-url of its Connect cluster; two connectors cannot share a slot", "-- stop"
                            + " the other connector (ficus connectors stop), or choose another slot name in the plan"));
                } else if (active) {
                    results.add(fail(name, slot + " is active, held by another consumer (" + holder + "); two"
                            + " consumers cannot share a slot", "SELECT pg_terminate_backend(" + pid
                            + "); -- only if that consumer is obsolete; or choose another slot name"));
                } else {
                    results.add(pass(name, slot + " exists and is inactive: the connector resumes from it ("
                            + retained + " bytes of WAL retained)"));
                }
                return slot;
            }
        }
    }

    // --- heartbeat and signals ------------------------------------------------------------------------------------

    private void heartbeat() throws SQLException {
        String name = "heartbeat";
        if (plan.heartbeatInterval().isZero()) {
            results.add(warn(name, "off (heartbeatInterval 0): while the captured tables are quiet the slot does not"
                    + " advance and keeps WAL", null));
            return;
        }
        Optional<String> query = plan.heartbeatActionQuery();
        if (query.isEmpty()) {
            results.add(pass(name, "every " + plan.heartbeatInterval().toSeconds() + " s, no action query"));
            return;
        }
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement st = db.createStatement()) {
            st.execute("explain " + query.get()); // planned only: EXPLAIN without ANALYZE runs nothing
            results.add(pass(name, "every " + plan.heartbeatInterval().toSeconds() + " s; the action query plans"));
        } catch (SQLException e) {
            Matcher m = WRITTEN_TABLE.matcher(query.get());
            String table = m.find() ? m.group(1) : "ficus.heartbeat";
            String schema = table.contains(".") ? table.substring(0, table.indexOf('.')) : null;
            String fix = "42P01".equals(e.getSQLState())
                    ? (schema == null ? "" : "CREATE SCHEMA IF NOT EXISTS " + schema + ";\n")
                    + "CREATE TABLE IF NOT EXISTS " + table + " (id int PRIMARY KEY, ts timestamptz NOT NULL);\nINSERT INTO " + table
                    + " VALUES (1, now()) ON CONFLICT DO NOTHING;\nGRANT SELECT, INSERT, UPDATE ON " + table + " TO " + ident(user) + ";"
                    : null;
            results.add(fail(name, "the heartbeat action query does not plan: " + oneLine(e.getMessage()), fix));
        } finally {
            db.rollback();
            db.setAutoCommit(autoCommit);
        }
    }

    private void signalTable() throws SQLException {
        String name = "signal table";
        if (plan.signalTable().isEmpty()) {
            results.add(pass(name, "none configured (ad-hoc incremental snapshots are off)"));
            return;
        }
        TableId table = plan.signalTable().get();
        String create = "CREATE SCHEMA IF NOT EXISTS " + ident(table.schema()) + ";\nCREATE TABLE " + table
                + " (id varchar(64) PRIMARY KEY, type varchar(32) NOT NULL,"
                + " data varchar(2048));\nGRANT SELECT, INSERT ON " + table + " TO " + ident(user) + ";";
        Long oid = oidOf(table);
        if (oid == null) {
            results.add(fail(name, table + " does not exist", create));
            return;
        }
        List<String> columns = columns(oid);
        List<String> missing = List.of("id", "type", "data").stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            results.add(fail(name, table + " lacks column(s) " + String.join(", ", missing)
                    + "; Debezium needs id, type, data", "DROP TABLE " + table + ";\n" + create));
            return;
        }
        if (role != null && !(bool("select has_table_privilege(?, ?::regclass, 'SELECT')", user, quoted(table))
                && bool("select has_table_privilege(?, ?::regclass, 'INSERT')", user, quoted(table)))) {
            results.add(fail(name, user + " may not SELECT and INSERT " + table + " (incremental snapshots write"
                    + " watermarks into it)", "GRANT SELECT, INSERT ON " + table + " TO " + ident(user) + ";"));
            return;
        }
        results.add(pass(name, table + " is ready"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private boolean ownsAll(Set<TableId> tables) throws SQLException {
        for (TableId id : tables) {
            Long oid = oidOf(id);
            if (oid == null) {
                continue; // reported elsewhere
            }
            if (!bool("select pg_has_role(?, (select relowner from pg_class where oid = ?::oid), 'USAGE')",
                    user, Long.toString(oid))) {
                return false;
            }
        }
        return true;
    }

    private Long oidOf(TableId table) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("select to_regclass(?)::oid")) {
            st.setString(1, quoted(table));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? null : oid;
            }
        }
    }

    private List<String> primaryKey(long oid) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("""
                select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                where i.indrelid = ? and i.indisprimary order by array_position(i.indkey, a.attnum)""")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private List<String> columns(long oid) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(
                "select attname from pg_attribute where attrelid = ? and attnum > 0 and not attisdropped order by attnum")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static String suggestions(List<String> missing, List<String> columns) {
        Set<String> found = new LinkedHashSet<>();
        for (String column : missing) {
            String s = CapturePlanLoader.closest(column, columns);
            if (s != null) {
                found.add(s);
            }
        }
        return found.isEmpty() ? "" : " (did you mean " + String.join(", ", found) + "?)";
    }

    private String setting(String name) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("select setting from pg_settings where name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private String prettySize(String megabytes) {
        try {
            long mb = Long.parseLong(megabytes.strip());
            return mb % 1024 == 0 ? (mb / 1024) + "GB" : mb + "MB";
        } catch (NumberFormatException e) {
            return megabytes;
        }
    }

    private int intQuery(String sql, String... args) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private boolean bool(String sql, String... args) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String describe(char identity) {
        return switch (identity) {
            case 'f' -> "FULL";
            case 'i' -> "USING INDEX";
            case 'n' -> "NOTHING";
            default -> "DEFAULT";
        };
    }

    private static String quoted(TableId table) {
        return table.sql();
    }

    static String ident(String name) {
        return SqlIdentifier.quote(name);
    }

    private static String oneLine(String message) {
        return message == null ? "no message" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
