package ficus.connectors.publication;

import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.SqlIdentifier;
import ficus.connectors.plan.TableId;
import ficus.core.FicusException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the plan's publication what {@link PublicationPlan} says, before the connector starts (the connector itself
 * never creates or alters it: {@code publication.autocreate.mode=disabled}). Runs as whoever the data source connects
 * as — the plan's user by default, which is who Debezium's own filtered mode would have used.
 */
public final class Publications {

    private static final Logger LOG = LoggerFactory.getLogger(Publications.class);

    /** What {@link #ensure} did. */
    public enum Outcome { CREATED, ALTERED, UNCHANGED }

    private Publications() {
    }

    /** The facts of every captured table that exists. */
    public static Map<TableId, TableFacts> facts(Catalog catalog, CapturePlan plan) throws SQLException {
        Map<TableId, TableFacts> facts = new LinkedHashMap<>();
        for (TableId table : plan.tables()) {
            catalog.table(table).ifPresent(f -> facts.put(table, f));
        }
        return facts;
    }

    /**
     * What one row filter of the plan reads, on this server.
     *
     * @param read            the table's columns it reads
     * @param invalid         PostgreSQL's reason when it is not a valid condition on the table; null when it is
     * @param outsideIdentity the columns it reads that are not in the table's replica identity as it is now: with such
     *                        a filter in the publication, PostgreSQL refuses every UPDATE and DELETE on the table
     */
    public record RowFilter(TableId table, String filter, List<String> read, String invalid,
                            List<String> outsideIdentity) {

        public boolean safe() {
            return invalid == null && outsideIdentity.isEmpty();
        }

        /** One line for an error: what is wrong with this filter and what to do. */
        public String problem() {
            if (invalid != null) {
                return "rowFilters." + table + ": \"" + filter + "\" is not a condition on " + table + ": " + invalid
                        + "; fix it in the plan";
            }
            return "rowFilters." + table + " reads " + String.join(", ", outsideIdentity.stream()
                    .map(SqlIdentifier::quote).toList()) + ", outside the replica identity of " + table + ": with that"
                    + " filter in the publication PostgreSQL refuses every UPDATE and DELETE on the table, the legacy"
                    + " application's too. Filter on key columns only, or add the table to beforeImages (REPLICA"
                    + " IDENTITY FULL)";
        }
    }

    /** Each row filter of the plan whose table exists, checked against the catalog (nothing is executed). */
    public static List<RowFilter> rowFilters(Connection c, CapturePlan plan, Map<TableId, TableFacts> facts)
            throws SQLException {
        Catalog catalog = new Catalog(c);
        List<RowFilter> checked = new java.util.ArrayList<>();
        for (Map.Entry<TableId, String> filter : plan.rowFilters().entrySet()) {
            TableFacts f = facts.get(filter.getKey());
            if (f == null) {
                continue;
            }
            List<String> read;
            try {
                read = catalog.rowFilterColumns(f.table(), filter.getValue(), f.columnNames());
            } catch (SQLException e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                checked.add(new RowFilter(f.table(), filter.getValue(), List.of(), reason.replaceFirst("^ERROR: ",
                        ""), List.of()));
                continue;
            }
            List<String> outside = f.replicaIdentity() == 'f' ? List.of()
                    : read.stream().filter(col -> !f.identityColumns().contains(col)).toList();
            checked.add(new RowFilter(f.table(), filter.getValue(), read, null, outside));
        }
        return checked;
    }

    /**
     * The columns of these tables in catalog order (e.g. for a filtered table's snapshot query).
     *
     * @throws FicusException.BadInput a table does not exist
     */
    public static Map<TableId, List<String>> columns(CapturePlan plan, DataSource ds, List<TableId> tables) {
        try (Connection c = LegacyDatabase.connect(ds, plan)) {
            Catalog catalog = new Catalog(c);
            Map<TableId, List<String>> columns = new LinkedHashMap<>();
            for (TableId table : tables) {
                columns.put(table, catalog.table(table).orElseThrow(() -> new FicusException.BadInput("no such table"
                        + " in " + plan.connection().database() + ": " + table + "; run ficus connectors preflight"))
                        .columnNames());
            }
            return columns;
        } catch (SQLException e) {
            throw LegacyDatabase.queryError(e, plan, "reading the columns of " + tables);
        }
    }

    /** The publication the plan needs on the server behind {@code c}. */
    public static PublicationPlan plan(Connection c, CapturePlan plan) throws SQLException {
        Catalog catalog = new Catalog(c);
        return new PublicationPlan(plan, facts(catalog, plan), catalog.serverVersion());
    }

    /**
     * Creates the publication, or aligns an existing one (tables, column lists, partition mode).
     *
     * @throws FicusException.BadInput the publication is FOR ALL TABLES (Ficus will not narrow a publication someone
     *                                 else may rely on), or a captured table is missing
     */
    public static Outcome ensure(CapturePlan plan, DataSource ds) {
        try (Connection c = LegacyDatabase.connect(ds, plan)) {
            Catalog catalog = new Catalog(c);
            Map<TableId, TableFacts> facts = facts(catalog, plan);
            List<TableId> missing = plan.tables().stream().filter(t -> !facts.containsKey(t)).toList();
            if (!missing.isEmpty()) {
                throw new FicusException.BadInput("publication " + plan.publicationName() + ": no such table in "
                        + plan.connection().database() + ": " + missing + "; run ficus connectors preflight");
            }
            PublicationPlan wanted = new PublicationPlan(plan, facts, catalog.serverVersion());
            if (wanted.rowFilters()) {
                List<String> unsafe = rowFilters(c, plan, facts).stream().filter(f -> !f.safe())
                        .map(RowFilter::problem).toList();
                if (!unsafe.isEmpty()) {
                    throw new FicusException.BadInput("publication " + plan.publicationName() + " left as it is: "
                            + String.join("; ", unsafe));
                }
            }
            Optional<ExistingPublication> existing = catalog.publication(plan.publicationName());
            if (existing.isPresent() && existing.get().allTables()) {
                throw new FicusException.BadInput("publication " + plan.publicationName() + " is FOR ALL TABLES;"
                        + " Ficus does not narrow it: drop it or give the plan another publication name");
            }
            List<String> statements = existing.map(wanted::alignStatements).orElseGet(wanted::createStatements);
            if (statements.isEmpty()) {
                return Outcome.UNCHANGED;
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : statements) {
                    st.execute(sql);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            LOG.info("publication {} on {}: {}", plan.publicationName(), plan.hostAndPort(), String.join(" ", statements));
            wanted.crossing().forEach((table, columns) -> LOG.warn("publication {}: sensitive column(s) {} of {} cross"
                    + " the replication connection (see preflight); the connector drops them", plan.publicationName(),
                    columns, table));
            return existing.isPresent() ? Outcome.ALTERED : Outcome.CREATED;
        } catch (SQLException e) {
            throw LegacyDatabase.queryError(e, plan, "creating publication " + plan.publicationName());
        }
    }
}
