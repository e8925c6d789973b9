package ficus.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.sandbox.ChildJvm;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The servers under the pipeline going away while the legacy workload runs: PostgreSQL restarted under the connector
 * (a fast shutdown, and an immediate stop — a crash, WAL replayed at start), and the broker restarted under Connect,
 * the layer and the component. Each ends with reconcile drift 0 and every published event applied exactly once.
 */
class ServerFaultsIT {

    /** Each sample with each way PostgreSQL stops. */
    static Stream<Arguments> samplesAndStops() {
        return Arrays.stream(FaultSample.values()).flatMap(sample -> Arrays.stream(PostgresNode.Stop.values())
                .map(stop -> Arguments.of(sample, stop)));
    }

    @ParameterizedTest
    @MethodSource("samplesAndStops")
    void shouldLoseNothingWhenPostgresRestartsUnderTheConnector(FaultSample sample, PostgresNode.Stop stop)
            throws Exception {
        try (Migration m = Migration.start(sample, "pg-" + stop.mode, 300, 1)) {
            m.startWorkload(25, 300);
            m.awaitApplied(300, Duration.ofSeconds(120));

            m.postgres.restart(stop);
            m.awaitWorkloadProgress(100);
            m.awaitCaptureRunning(Duration.ofSeconds(120));
            m.stopWorkload();

            Migration.Outcome outcome = m.awaitConverged(Duration.ofSeconds(180));
            System.out.println("faults: " + sample + " postgres " + stop.mode + " restart: " + outcome);
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
            assertThat(m.workload().reconnectCount()).as("the restart cut the legacy application's connections too")
                    .isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(FaultSample.class)
    void shouldLoseNothingWhenTheBrokerRestartsUnderConnectTheLayerAndTheComponent(FaultSample sample)
            throws Exception {
        try (Migration m = Migration.start(sample, "broker-restart", 300, 1)) {
            m.startWorkload(25, 300);
            m.awaitApplied(300, Duration.ofSeconds(120));

            m.broker.restart();
            m.awaitWorkloadProgress(100);
            m.awaitCaptureRunning(Duration.ofSeconds(120));
            m.stopWorkload();

            Migration.Outcome outcome = m.awaitConverged(Duration.ofSeconds(240));
            System.out.println("faults: " + m.sample + " broker restart: " + outcome);
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
            assertThat(m.layers()).allMatch(ChildJvm::alive);
            assertThat(m.component().alive()).isTrue();
        }
    }
}
