package ficus.connectors.publication;

import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
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
