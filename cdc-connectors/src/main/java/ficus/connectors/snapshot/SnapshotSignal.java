package ficus.connectors.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.TableId;
import ficus.core.FicusException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Asks a running connector for an ad-hoc incremental snapshot of one captured table by inserting an
 * {@code execute-snapshot} signal into the plan's signal table (Debezium's {@code source} signal channel). The rows are
 * re-emitted as {@code op=r} records with {@code source.snapshot=incremental}, interleaved with live changes (Debezium's
 * watermarking keeps them consistent).
 */
public final class SnapshotSignal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotSignal() {}

    /**
     * Inserts the signal.
     *
     * @param whereOrNull an SQL condition limiting the rows (Debezium {@code additional-conditions}), e.g.
     *                    {@code cust_id < 1000100}; null for the whole table
     * @return the signal's id
     * @throws FicusException.BadInput the plan has no signal table, or does not capture the table
     */
    public static String send(DataSource ds, CapturePlan plan, TableId table, String whereOrNull) {
        TableId signalTable = plan.signalTable().orElseThrow(() -> new FicusException.BadInput("plan " + plan.name()
                + " has no signalTable; add signalTable: schema.table to the plan (and create it, see preflight)"
                + " to snapshot on demand"));
        if (!plan.captures(table)) {
            throw new FicusException.BadInput("plan " + plan.name() + " does not capture " + table
                    + "; captured: " + plan.tables());
        }
        String id = UUID.randomUUID().toString();
        String data = data(table, whereOrNull);
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(
                "insert into " + signalTable + " (id, type, data) values (?, 'execute-snapshot', ?)")) {
            st.setString(1, id);
            st.setString(2, data);
            st.executeUpdate();
            return id;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("08")) {
                throw new FicusException.Unavailable("PostgreSQL at " + plan.hostAndPort()
                        + " is unreachable: " + e.getMessage(), e);
            }
            throw new FicusException.OperationFailed("could not insert the snapshot signal into " + signalTable + " at "
                    + plan.hostAndPort() + ": " + e.getMessage() + "; run ficus connectors preflight", e);
        }
    }

    /** The signal's {@code data} JSON. */
    static String data(TableId table, String whereOrNull) {
        ObjectNode data = JSON.createObjectNode();
        // Debezium matches both names as regular expressions against schema.table as the catalog has it
        data.putArray("data-collections").add(table.regex());
        data.put("type", "incremental");
        if (whereOrNull != null && !whereOrNull.isBlank()) {
            ArrayNode conditions = data.putArray("additional-conditions");
            conditions.addObject().put("data-collection", table.regex()).put("filter", whereOrNull.strip());
        }
        return data.toString();
    }
}
