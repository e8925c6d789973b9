package ficus.connectors.plan;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * @param publicationName   the publication (created by Ficus, see {@link ficus.connectors.publication.PublicationPlan})
 * @param snapshotMode      what to do when there is no stored offset
 * @param heartbeatInterval how often Debezium emits a heartbeat (keeps the slot's confirmed LSN moving while the
 *                          captured tables are quiet); zero disables it
 * @param tuning            poll interval, batch and queue sizes
 * @param keyColumns        the Kafka key of tables without a primary key (Debezium {@code message.key.columns}),
 *                          per captured table, in key order; empty for tables that have a primary key
 * @param heartbeatActionQuery SQL Debezium runs on every heartbeat (Debezium {@code heartbeat.action.query}), e.g. an
 *                          update of a heartbeat table so the slot advances even when only other databases write
 * @param signalTable       the table Debezium reads signals from ({@code signal.data.collection}, channel
 *                          {@code source}): ad-hoc incremental snapshots; columns id, type, data
 * @param beforeImageTables captured tables whose update and delete events must carry the complete old row
 *                          ({@code before}); preflight requires REPLICA IDENTITY FULL for them
 * @param publishViaPartitionRoot the publication publishes a partitioned table's changes as the partitioned table
 *                          itself ({@code publish_via_partition_root}, PostgreSQL 13+), so every partition, also one
 *                          attached later, reaches the table's one raw topic; true unless the plan says otherwise
 * @param rowFilters        per captured table, the SQL condition its rows must meet to be captured (the initial
 *                          snapshot's {@code WHERE}, Debezium {@code snapshot.select.statement.overrides}, and on
 *                          PostgreSQL 15+ the publication's row filter, so other rows never leave the database); a row
 *                          updated into or out of the filter arrives as an insert or a delete
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
        Tuning tuning,
        Map<TableId, List<String>> keyColumns,
        Optional<String> heartbeatActionQuery,
        Optional<TableId> signalTable,
        List<TableId> beforeImageTables,
        boolean publishViaPartitionRoot,
        Map<TableId, String> rowFilters) {

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
        Objects.requireNonNull(heartbeatActionQuery, "heartbeatActionQuery");
        Objects.requireNonNull(signalTable, "signalTable");
        tables = List.copyOf(tables);
        sensitiveColumns = List.copyOf(sensitiveColumns);
        beforeImageTables = List.copyOf(beforeImageTables);
        Map<TableId, List<String>> keys = new LinkedHashMap<>();
        keyColumns.forEach((table, columns) -> keys.put(table, List.copyOf(columns)));
        keyColumns = Collections.unmodifiableMap(keys);
        rowFilters = Collections.unmodifiableMap(new LinkedHashMap<>(rowFilters));
        heartbeatActionQuery = heartbeatActionQuery.filter(q -> !q.isBlank()).map(String::strip);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a capture plan needs at least one table");
        }
        Set<TableId> captured = new HashSet<>(tables);
        for (ColumnId column : sensitiveColumns) {
            if (!captured.contains(column.table())) {
                throw new IllegalArgumentException("sensitive column " + column + " is not in a captured table");
            }
        }
        for (Map.Entry<TableId, List<String>> key : keyColumns.entrySet()) {
            if (!captured.contains(key.getKey())) {
                throw new IllegalArgumentException("key columns given for " + key.getKey() + ", not a captured table");
            }
            if (key.getValue().isEmpty()) {
                throw new IllegalArgumentException("no key columns given for " + key.getKey());
            }
            for (String column : key.getValue()) {
                if (!SqlIdentifier.valid(column)) {
                    throw new IllegalArgumentException("not a column name: " + column + " (key of " + key.getKey() + ")");
                }
            }
        }
        for (TableId table : beforeImageTables) {
            if (!captured.contains(table)) {
                throw new IllegalArgumentException("before images asked for " + table + ", not a captured table");
            }
        }
        for (Map.Entry<TableId, String> filter : rowFilters.entrySet()) {
            if (!captured.contains(filter.getKey())) {
                throw new IllegalArgumentException("row filter given for " + filter.getKey() + ", not a captured table");
            }
            if (filter.getValue().isBlank() || filter.getValue().contains(";")) {
                throw new IllegalArgumentException("row filter of " + filter.getKey() + " must be one SQL condition: "
                        + filter.getValue());
            }
        }
        if (heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("negative heartbeat interval: " + heartbeatInterval);
        }
    }

    /** A plan without row filters. */
    public CapturePlan(String name, String source, Connection connection, List<TableId> tables,
                       List<ColumnId> sensitiveColumns, String slotName, String publicationName,
                       SnapshotMode snapshotMode, Duration heartbeatInterval, Tuning tuning,
                       Map<TableId, List<String>> keyColumns, Optional<String> heartbeatActionQuery,
                       Optional<TableId> signalTable, List<TableId> beforeImageTables,
                       boolean publishViaPartitionRoot) {
        this(name, source, connection, tables, sensitiveColumns, slotName, publicationName, snapshotMode,
                heartbeatInterval, tuning, keyColumns, heartbeatActionQuery, signalTable, beforeImageTables,
                publishViaPartitionRoot, Map.of());
    }

    /** A plan publishing partitioned tables via their root (the default). */
    public CapturePlan(String name, String source, Connection connection, List<TableId> tables,
                       List<ColumnId> sensitiveColumns, String slotName, String publicationName,
                       SnapshotMode snapshotMode, Duration heartbeatInterval, Tuning tuning,
                       Map<TableId, List<String>> keyColumns, Optional<String> heartbeatActionQuery,
                       Optional<TableId> signalTable, List<TableId> beforeImageTables) {
        this(name, source, connection, tables, sensitiveColumns, slotName, publicationName, snapshotMode,
                heartbeatInterval, tuning, keyColumns, heartbeatActionQuery, signalTable, beforeImageTables, true);
    }

    /** A plan without key columns, heartbeat action query, signal table or before-image tables. */
    public CapturePlan(String name, String source, Connection connection, List<TableId> tables,
                       List<ColumnId> sensitiveColumns, String slotName, String publicationName,
                       SnapshotMode snapshotMode, Duration heartbeatInterval, Tuning tuning) {
        this(name, source, connection, tables, sensitiveColumns, slotName, publicationName, snapshotMode,
                heartbeatInterval, tuning, Map.of(), Optional.empty(), Optional.empty(), List.of());
    }

    /** The same plan pointed at another database server (e.g. the sandbox's, or production's). */
    public CapturePlan withConnection(Connection newConnection) {
        return new CapturePlan(name, source, newConnection, tables, sensitiveColumns, slotName, publicationName,
                snapshotMode, heartbeatInterval, tuning, keyColumns, heartbeatActionQuery, signalTable,
                beforeImageTables, publishViaPartitionRoot, rowFilters);
    }

    /** The same plan with another connector name, slot and publication (e.g. one per test). */
    public CapturePlan withNames(String newName, String newSlotName, String newPublicationName) {
        return new CapturePlan(newName, source, connection, tables, sensitiveColumns, newSlotName, newPublicationName,
                snapshotMode, heartbeatInterval, tuning, keyColumns, heartbeatActionQuery, signalTable,
                beforeImageTables, publishViaPartitionRoot, rowFilters);
    }

    /** {@code jdbc:postgresql://host:port/database} of the plan's connection (for preflight and slot checks). */
    public String jdbcUrl() {
        String host = connection.host().contains(":") && !connection.host().startsWith("[")
                ? "[" + connection.host() + "]" : connection.host();
        return "jdbc:postgresql://" + host + ":" + connection.port() + "/" + connection.database();
    }

    /** {@code host:port} of the plan's connection, for messages. */
    public String hostAndPort() {
        return connection.host() + ":" + connection.port();
    }

    /** The sensitive columns of one table, in plan order. */
    public List<String> sensitiveColumnsOf(TableId table) {
        return sensitiveColumns.stream().filter(c -> c.table().equals(table)).map(ColumnId::column).toList();
    }

    /** The row filter of a table, if the plan gives one. */
    public Optional<String> rowFilterOf(TableId table) {
        return Optional.ofNullable(rowFilters.get(table));
    }

    /** Whether the table is captured by this plan. */
    public boolean captures(TableId table) {
        return tables.contains(table);
    }

    /** The raw topics Debezium writes for this plan, in plan order. */
    public List<String> topics() {
        return tables.stream().map(t -> t.topic(source)).toList();
    }
}
