package ficus.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge over MBeans shaped like Debezium's and Connect's, registered in this JVM: an MXBean's map arrives as
 * tabular data, booleans as 1/0, a missing MBean as NaN.
 */
class ConnectJmxMetricsTest {

    /** The attributes of Debezium's snapshot metrics the bridge reads (an MXBean, as Debezium registers it). */
    public interface SnapshotMXBean {
        boolean getSnapshotCompleted();

        Map<String, Long> getRowsScanned();

        long getSnapshotDurationInSeconds();
    }

    public interface StreamingMXBean {
        long getMilliSecondsBehindSource();

        long getTotalNumberOfEventsSeen();

        boolean getConnected();
    }

    record Snapshot(boolean snapshotCompleted, Map<String, Long> rowsScanned, long snapshotDurationInSeconds)
            implements SnapshotMXBean {
        public boolean getSnapshotCompleted() {
            return snapshotCompleted;
        }

        public Map<String, Long> getRowsScanned() {
            return rowsScanned;
        }

        public long getSnapshotDurationInSeconds() {
            return snapshotDurationInSeconds;
        }
    }

    record Streaming(long milliSecondsBehindSource, long totalNumberOfEventsSeen, boolean connected)
            implements StreamingMXBean {
        public long getMilliSecondsBehindSource() {
            return milliSecondsBehindSource;
        }

        public long getTotalNumberOfEventsSeen() {
            return totalNumberOfEventsSeen;
        }

        public boolean getConnected() {
            return connected;
        }
    }

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final String SNAPSHOT = "debezium.postgres:type=connector-metrics,context=snapshot,server=jmxtest";
    private static final String STREAMING = "debezium.postgres:type=connector-metrics,context=streaming,server=jmxtest";

    @AfterEach
    void unregister() throws Exception {
        for (String name : new String[] {SNAPSHOT, STREAMING}) {
            if (SERVER.isRegistered(new ObjectName(name))) {
                SERVER.unregisterMBean(new ObjectName(name));
            }
        }
    }

    @Test
    void shouldReadDebeziumsSnapshotAndStreamingMetricsIntoGauges() throws Exception {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("crm.cust", 1000L);
        rows.put("crm.lead", 234L);
        SERVER.registerMBean(new Snapshot(true, rows, 7), new ObjectName(SNAPSHOT));
        SERVER.registerMBean(new Streaming(120, 4321, true), new ObjectName(STREAMING));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        ConnectJmxMetrics bridge = new ConnectJmxMetrics("postgres", "jmxtest", "jmxtest-connector").bindTo(registry);

        assertThat(bridge.snapshotCompleted()).contains(true);
        assertThat(bridge.snapshotRowsScanned()).hasValue(1234);
        assertThat(registry.get("debezium.snapshot.rows.scanned").tag("server", "jmxtest").gauge().value())
                .as("a map attribute of an MXBean arrives as tabular data").isEqualTo(1234);
        assertThat(registry.get("debezium.snapshot.completed").gauge().value()).isEqualTo(1);
        assertThat(registry.get("debezium.snapshot.duration.seconds").gauge().value()).isEqualTo(7);
        assertThat(registry.get("debezium.streaming.milliseconds.behind.source").gauge().value()).isEqualTo(120);
        assertThat(registry.get("debezium.streaming.events.seen").functionCounter().count()).isEqualTo(4321);
        assertThat(registry.get("debezium.streaming.connected").gauge().value()).isEqualTo(1);
    }

    @Test
    void shouldReadNaNAndNothingWhileTheMBeansDoNotExist() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        ConnectJmxMetrics bridge = new ConnectJmxMetrics("postgres", "jmxtest", "jmxtest-connector").bindTo(registry);

        assertThat(bridge.snapshotCompleted()).isEmpty();
        assertThat(bridge.snapshotRowsScanned()).isEmpty();
        assertThat(registry.get("debezium.streaming.milliseconds.behind.source").gauge().value()).isNaN();
        assertThat(registry.get("kafka.connect.task.running.ratio").tag("connector", "jmxtest-connector").gauge()
                .value()).isNaN();
    }
}
