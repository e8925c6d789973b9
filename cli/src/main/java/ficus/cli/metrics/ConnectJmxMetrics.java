package ficus.cli.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The Debezium connector's and the Kafka Connect task's JMX metrics, for a Connect worker running in this JVM (the
 * embedded sandbox's), read from the platform MBean server and served beside Ficus's own meters. A worker of its own
 * exposes the same MBeans over JMX as usual ({@code debezium.postgres:type=connector-metrics,context=streaming|snapshot,
 * server=<topic prefix>}, {@code kafka.connect:type=source-task-metrics|connector-task-metrics,connector=<name>,
 * task=<n>}); a JMX exporter scrapes them there. Meters read NaN while their MBean does not exist (yet).
 *
 * <table>
 *   <caption>bridged meters (Prometheus names)</caption>
 *   <tr><th>name</th><th>MBean attribute</th></tr>
 *   <tr><td>{@code debezium_streaming_milliseconds_behind_source{server}}</td><td>streaming
 *       {@code MilliSecondsBehindSource}</td></tr>
 *   <tr><td>{@code debezium_streaming_events_seen_total{server}}</td><td>streaming
 *       {@code TotalNumberOfEventsSeen}</td></tr>
 *   <tr><td>{@code debezium_streaming_connected{server}}</td><td>streaming {@code Connected} (1/0)</td></tr>
 *   <tr><td>{@code debezium_snapshot_completed{server}}</td><td>snapshot {@code SnapshotCompleted} (1/0)</td></tr>
 *   <tr><td>{@code debezium_snapshot_rows_scanned{server}}</td><td>snapshot {@code RowsScanned}, summed over the
 *       tables</td></tr>
 *   <tr><td>{@code debezium_snapshot_duration_seconds{server}}</td><td>snapshot
 *       {@code SnapshotDurationInSeconds}</td></tr>
 *   <tr><td>{@code kafka_connect_source_records_polled_total{connector}}</td><td>source task
 *       {@code source-record-poll-total}, summed over the tasks</td></tr>
 *   <tr><td>{@code kafka_connect_task_running_ratio{connector}}</td><td>connector task {@code running-ratio}
 *       (mean over the tasks)</td></tr>
 * </table>
 */
public final class ConnectJmxMetrics {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName streaming;
    private final ObjectName snapshot;
    private final ObjectName sourceTask;
    private final ObjectName connectorTask;
    private final String serverName;
    private final String connectorName;

    /**
     * @param connectorType Debezium's JMX domain suffix: {@code postgres} for {@code debezium.postgres}
     * @param server        the connector's {@code topic.prefix} (the capture plan's source)
     * @param connector     the connector's name on the Connect cluster
     */
    public ConnectJmxMetrics(String connectorType, String server, String connector) {
        this.serverName = server;
        this.connectorName = connector;
        String domain = "debezium." + connectorType;
        this.streaming = pattern(domain + ":type=connector-metrics,context=streaming,server=" + quoted(server) + ",*");
        this.snapshot = pattern(domain + ":type=connector-metrics,context=snapshot,server=" + quoted(server) + ",*");
        this.sourceTask = pattern("kafka.connect:type=source-task-metrics,connector=" + quoted(connector) + ",*");
        this.connectorTask = pattern("kafka.connect:type=connector-task-metrics,connector=" + quoted(connector)
                + ",*");
    }

    /** Registers the bridged meters (see the class comment). */
    public ConnectJmxMetrics bindTo(MeterRegistry registry) {
        Tags byServer = Tags.of("server", serverName);
        Tags byConnector = Tags.of("connector", connectorName);
        gauge(registry, "debezium.streaming.milliseconds.behind.source", "how far the connector's last streamed event"
                + " is behind the source database's commit", byServer, m -> m.sum(streaming,
                "MilliSecondsBehindSource"));
        FunctionCounter.builder("debezium.streaming.events.seen", this, m -> m.sum(streaming,
                        "TotalNumberOfEventsSeen")).tags(byServer)
                .description("events the connector has streamed since its start").register(registry);
        gauge(registry, "debezium.streaming.connected", "1 while the connector is connected to the database",
                byServer, m -> m.sum(streaming, "Connected"));
        gauge(registry, "debezium.snapshot.completed", "1 once the connector's snapshot has completed", byServer,
                m -> m.sum(snapshot, "SnapshotCompleted"));
        gauge(registry, "debezium.snapshot.rows.scanned", "rows the connector's snapshot has read, all tables",
                byServer, m -> m.sum(snapshot, "RowsScanned"));
        gauge(registry, "debezium.snapshot.duration.seconds", "how long the connector's snapshot took (or takes)",
                byServer, m -> m.sum(snapshot, "SnapshotDurationInSeconds"));
        FunctionCounter.builder("kafka.connect.source.records.polled", this, m -> m.sum(sourceTask,
                        "source-record-poll-total")).tags(byConnector)
                .description("records the connector's tasks have polled from the source").register(registry);
        gauge(registry, "kafka.connect.task.running.ratio", "fraction of time the connector's tasks spent running",
                byConnector, m -> m.mean(connectorTask, "running-ratio"));
        return this;
    }

    private void gauge(MeterRegistry registry, String name, String description, Tags tags,
                       java.util.function.ToDoubleFunction<ConnectJmxMetrics> value) {
        Gauge.builder(name, this, value).tags(tags).description(description).strongReference(true)
                .register(registry);
    }

    /** Whether the snapshot MBean says the snapshot completed; empty while there is no such MBean. */
    public java.util.Optional<Boolean> snapshotCompleted() {
        double completed = sum(snapshot, "SnapshotCompleted");
        return Double.isNaN(completed) ? java.util.Optional.empty() : java.util.Optional.of(completed > 0);
    }

    /** Rows the snapshot read, all tables; empty while there is no snapshot MBean. */
    public OptionalDouble snapshotRowsScanned() {
        double rows = sum(snapshot, "RowsScanned");
        return Double.isNaN(rows) ? OptionalDouble.empty() : OptionalDouble.of(rows);
    }

    /** The attribute summed over the MBeans the pattern matches; NaN when none does or none has a number. */
    double sum(ObjectName pattern, String attribute) {
        double total = 0;
        boolean any = false;
        for (ObjectName name : names(pattern)) {
            double value = number(name, attribute);
            if (!Double.isNaN(value)) {
                total += value;
                any = true;
            }
        }
        return any ? total : Double.NaN;
    }

    double mean(ObjectName pattern, String attribute) {
        double total = 0;
        int count = 0;
        for (ObjectName name : names(pattern)) {
            double value = number(name, attribute);
            if (!Double.isNaN(value)) {
                total += value;
                count++;
            }
        }
        return count == 0 ? Double.NaN : total / count;
    }

    private Set<ObjectName> names(ObjectName pattern) {
        return server.queryNames(pattern, null);
    }

    private double number(ObjectName name, String attribute) {
        Object value;
        try {
            value = server.getAttribute(name, attribute);
        } catch (JMException | RuntimeException e) {
            return Double.NaN; // gone meanwhile, or an attribute this version does not have
        }
        return switch (value) {
            case Number n -> n.doubleValue();
            case Boolean b -> b ? 1 : 0;
            // an MXBean's Map<String, Long> (Debezium's RowsScanned) arrives as rows of (key, value); TabularDataSupport
            // is a Map too, so this case comes first
            case TabularData perTable -> perTable.values().stream().filter(CompositeData.class::isInstance)
                    .map(row -> ((CompositeData) row).get("value")).filter(Number.class::isInstance)
                    .mapToDouble(v -> ((Number) v).doubleValue()).sum();
            case Map<?, ?> perTable -> perTable.values().stream().filter(Number.class::isInstance)
                    .mapToDouble(v -> ((Number) v).doubleValue()).sum();
            case null, default -> Double.NaN;
        };
    }

    private static ObjectName pattern(String text) {
        try {
            return new ObjectName(text);
        } catch (JMException e) {
            throw new IllegalArgumentException("not a JMX name pattern: " + text, e);
        }
    }

    /** A property value as JMX writes it: quoted only when it has to be (Kafka's and Debezium's reporters do so). */
    private static String quoted(String value) {
        return value.matches("[A-Za-z0-9_.\\-]+") ? value : ObjectName.quote(value);
    }
}
