package ficus.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.connectors.connect.ConnectorStatus;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kafka Connect going away under the capture of the orders sample while its legacy workload runs: the only worker
 * killed with SIGKILL and started again, and one of two workers of a Connect group killed so the connector's task
 * moves to the other. Each ends with legacy and the component reconciled (drift 0) and every published event applied
 * exactly once.
 */
class ConnectFaultsIT {

    @ParameterizedTest
    @EnumSource(FaultSample.class)
    void shouldLoseNothingAndApplyNothingTwiceWhenTheOnlyConnectWorkerIsKilledAndRestarted(FaultSample sample)
            throws Exception {
        try (Migration m = Migration.start(sample, "connect-kill", 300, 1)) {
            m.startWorkload(25, 300);
            m.awaitApplied(300, Duration.ofSeconds(120));

            m.workers.getFirst().kill();
            m.awaitWorkloadProgress(100); // the legacy application goes on while nothing captures
            m.workers.getFirst().start();
            m.awaitCaptureRunning(Duration.ofSeconds(90));
            m.awaitWorkloadProgress(50);
            m.stopWorkload();

            Migration.Outcome outcome = m.awaitConverged(Duration.ofSeconds(180));
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
            assertThat(outcome.report().legacyCount()).isGreaterThan(300);
        }
    }

    @ParameterizedTest
    @EnumSource(FaultSample.class)
    void shouldMoveTheTaskToTheOtherWorkerWhenOneOfTwoIsKilledAndLoseNothing(FaultSample sample) throws Exception {
        try (Migration m = Migration.start(sample, "connect-failover", 300, 2)) {
            m.startWorkload(25, 300);
            m.awaitApplied(300, Duration.ofSeconds(120));
            ConnectorStatus before = m.awaitCaptureRunning(Duration.ofSeconds(30));
            String holder = before.tasks().getFirst().workerId();
            ConnectWorkerNode victim = m.workers.stream().filter(w -> w.workerId().equals(holder)).findFirst()
                    .orElseThrow(() -> new AssertionError("task on an unknown worker " + holder));

            victim.kill();
            ConnectorStatus after = m.awaitCaptureRunning(Duration.ofSeconds(120), worker -> !worker.equals(holder));
            assertThat(m.workers).filteredOn(ConnectWorkerNode::alive).extracting(ConnectWorkerNode::workerId)
                    .as("the task moved to the worker left").containsExactly(after.tasks().getFirst().workerId());
            m.awaitWorkloadProgress(50);
            m.stopWorkload();

            Migration.Outcome outcome = m.awaitConverged(Duration.ofSeconds(180));
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
        }
    }
}
