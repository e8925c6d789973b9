package ficus.connectors.render;

import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.ColumnId;
import ficus.connectors.plan.SqlIdentifier;
import ficus.connectors.plan.TableId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders a {@link CapturePlan} as the Kafka Connect configuration of Debezium's PostgreSQL connector. The raw topics
 * the anti-corruption layer reads rely on these settings (JSON without schemas, no tombstones, decimals as strings,
 * sensitive columns excluded at the source); change them only together with the ACL.
 *
 * <p>Table and column names are the catalog's (mixed case, quoted in the plan, kept as they are), escaped for
 * Debezium's regex-valued lists ({@link TableId#regex()}): Debezium matches the whole fully-qualified name.
 *
 * <p>The publication is Ficus's, not Debezium's ({@code publication.autocreate.mode=disabled}): the deployer or
 * {@code ficus prepare} creates it with {@code publish_via_partition_root} and, on PostgreSQL 15+, a column list
 * without the sensitive columns ({@link ficus.connectors.publication.PublicationPlan}) — Debezium's own filtered mode
 * would create it without the column list and rewrite it without one whenever the table list changes. The sensitive
 * columns stay in {@code column.exclude.list} as the second fence. The password stays a config-provider reference.
 */
public final class DebeziumConfigRenderer {

    public static final String CONNECTOR_CLASS = "io.debezium.connector.postgresql.PostgresConnector";
    public static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    /**
     * The connector config, sorted by key, including {@code name} (as Connect echoes it back).
     *
     * @throws ficus.core.FicusException.BadInput a table has a row filter and sensitive columns: its snapshot query
     *                                            must name the columns it reads, which only the catalog knows (use
     *                                            {@link #render(CapturePlan, Map)})
     */
    public SortedMap<String, String> render(CapturePlan plan) {
        return render(plan, Map.of());
    }

    /**
     * As {@link #render(CapturePlan)}, with the columns of the tables that have a row filter, in catalog order (from
     * {@link ficus.connectors.publication.Catalog}): the snapshot query of such a table then reads every column but
     * its sensitive ones, by name, so their values stay in the database during the snapshot as well.
     */
    public SortedMap<String, String> render(CapturePlan plan, Map<TableId, List<String>> columns) {
        SortedMap<String, String> c = new TreeMap<>();
        c.put("name", plan.name());
        c.put("connector.class", CONNECTOR_CLASS);
        c.put("tasks.max", "1");
        c.put("plugin.name", "pgoutput");

        c.put("database.hostname", plan.connection().host());
        c.put("database.port", Integer.toString(plan.connection().port()));
        c.put("database.dbname", plan.connection().database());
        c.put("database.user", plan.connection().user());
        c.put("database.password", plan.connection().password().reference());

        c.put("topic.prefix", plan.source());
        c.put("table.include.list", plan.tables().stream().map(TableId::regex).collect(Collectors.joining(",")));
        if (!plan.sensitiveColumns().isEmpty()) {
            c.put("column.exclude.list",
                    plan.sensitiveColumns().stream().map(ColumnId::regex).collect(Collectors.joining(",")));
        }
        c.put("slot.name", plan.slotName());
        c.put("publication.name", plan.publicationName());
        c.put("publication.autocreate.mode", "disabled");
        c.put("publish.via.partition.root", Boolean.toString(plan.publishViaPartitionRoot()));
        c.put("snapshot.mode", plan.snapshotMode().code());

        c.put("key.converter", JSON_CONVERTER);
        c.put("key.converter.schemas.enable", "false");
        c.put("value.converter", JSON_CONVERTER);
        c.put("value.converter.schemas.enable", "false");
        c.put("tombstones.on.delete", "false");
        c.put("decimal.handling.mode", "string");

        c.put("poll.interval.ms", Integer.toString(plan.tuning().pollIntervalMs()));
        c.put("max.batch.size", Integer.toString(plan.tuning().maxBatchSize()));
        c.put("max.queue.size", Integer.toString(plan.tuning().maxQueueSize()));
        c.put("heartbeat.interval.ms", Long.toString(plan.heartbeatInterval().toMillis()));
        plan.heartbeatActionQuery().ifPresent(q -> c.put("heartbeat.action.query", q));
        if (!plan.keyColumns().isEmpty()) {
            c.put("message.key.columns", plan.keyColumns().entrySet().stream()
                    .map(e -> e.getKey().regex() + ":" + e.getValue().stream().map(SqlIdentifier::regex)
                            .collect(Collectors.joining(",")))
                    .collect(Collectors.joining(";")));
        }
        if (!plan.rowFilters().isEmpty()) {
            c.put("snapshot.select.statement.overrides", plan.rowFilters().keySet().stream().map(TableId::plain)
                    .collect(Collectors.joining(",")));
            plan.rowFilters().forEach((table, filter) -> c.put("snapshot.select.statement.overrides." + table.plain(),
                    snapshotSelect(plan, table, filter, columns.get(table))));
        }
        plan.signalTable().ifPresent(t -> {
            // PostgreSQL: schema.table. Debezium adds the signal table to the filtered publication itself.
            c.put("signal.data.collection", t.plain());
            c.put("signal.enabled.channels", "source");
        });
        return Collections.unmodifiableSortedMap(c);
    }

    /**
     * The initial snapshot's query of a filtered table. Debezium's own query reads only the columns the connector
     * keeps; an override is used as written, so with sensitive columns it must list the others.
     */
    static String snapshotSelect(CapturePlan plan, TableId table, String filter, List<String> columns) {
        List<String> sensitive = plan.sensitiveColumnsOf(table);
        String read;
        if (sensitive.isEmpty()) {
            read = "*";
        } else if (columns == null || columns.isEmpty()) {
            throw new ficus.core.FicusException.BadInput("rowFilters." + table + ": " + table + " also has sensitive"
                    + " columns, so the snapshot query of its filtered rows must name every other column, and that"
                    + " needs its column list from the database: render it with --database (deploy reads it itself)");
        } else {
            read = columns.stream().filter(col -> !sensitive.contains(col)).map(SqlIdentifier::quote)
                    .collect(Collectors.joining(", "));
        }
        return "SELECT " + read + " FROM " + table.sql() + " WHERE (" + filter + ")";
    }
}
