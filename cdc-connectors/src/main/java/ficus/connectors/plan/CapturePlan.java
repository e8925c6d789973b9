package ficus.connectors.plan;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What Debezium captures from one legacy PostgreSQL database, as kept in git (a YAML file read by
 * {@link CapturePlanLoader}). One plan is one Kafka Connect connector.
 *
 * @param name              the Kafka Connect connector name
 * @param source            the topic prefix: raw topics are {@code <source>.<schema>.<table>}
 * @param connection        how the Connect worker reaches the database
 * @param tables            captured tables, in plan order
 * @param sensitiveColumns  columns that never leave the database (Debezium {@code column.exclude.list}); each belongs
 *                          to a captured table
 * @param slotName          the logical replication slot
 * @param publicationName   the publication (created by Debezium for exactly the captured tables)
 * @param snapshotMode      what to do when there is no stored offset
 * @param heartbeatInterval how often Debezium emits a heartbeat (keeps the slot's confirmed LSN moving while the
 *                          captured tables are quiet); zero disables it
 * @param tuning            poll interval, batch and queue sizes
 */
public record CapturePlan(
        String name,
        String source,
        Connection connection,
        List<TableId> tables,
        List<ColumnId> sensitiveColumns,
        String slotName,
        String publicationName,
        SnapshotMode snapshotMode,
        Duration heartbeatInterval,
        Tuning tuning) {

    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

    public CapturePlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(slotName, "slotName");
        Objects.requireNonNull(publicationName, "publicationName");
        Objects.requireNonNull(snapshotMode, "snapshotMode");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(tuning, "tuning");
        tables = List.copyOf(tables);
        sensitiveColumns = List.copyOf(sensitiveColumns);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a capture plan needs at least one table");
        }
        Set<TableId> captured = new HashSet<>(tables);
        for (ColumnId column : sensitiveColumns) {
            if (!captured.contains(column.table())) {
                throw new IllegalArgumentException("sensitive column " + column + " is not in a captured table");
            }
        }
        if (heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("negative heartbeat interval: " + heartbeatInterval);
        }
    }

    /** The same plan pointed at another database server (e.g. the sandbox's, or production's). */
    public CapturePlan withConnection(Connection newConnection) {
        return new CapturePlan(name, source, newConnection, tables, sensitiveColumns, slotName, publicationName,
                snapshotMode, heartbeatInterval, tuning);
    }

    /** The raw topics Debezium writes for this plan, in plan order. */
    public List<String> topics() {
        return tables.stream().map(t -> t.topic(source)).toList();
    }
}
