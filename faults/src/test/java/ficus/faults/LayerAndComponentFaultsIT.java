package ficus.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The layer and the component going away while the legacy workload runs: the only layer instance killed (SIGKILL)
 * and started again, one of two instances killed while the other runs, the component killed in the middle of the
 * snapshot's events, and the component down for minutes, then back (its catch-up time reported). Each ends with
 * reconcile drift 0 and every published event applied exactly once.
 */
class LayerAndComponentFaultsIT {

    /** How long the component stays down; {@code -Dficus.faults.component-down=PT5M} for longer. */
    private static final Duration COMPONENT_DOWN = Duration.parse(System.getProperty("ficus.faults.component-down",
            "PT2M"));

    @ParameterizedTest
    @EnumSource(FaultSample.class)
    void shouldLoseNothingWhenTheOnlyLayerInstanceIsKilledAndRestarted(FaultSample sample) throws Exception {
        try (Migration m = Migration.start(sample, "acl-kill", 300, 1)) {
            m.startWorkload(25, 300);
            m.awaitApplied(300, Duration.ofSeconds(120));

            m.layers().getFirst().kill();
            m.awaitWorkloadProgress(100);
            m.startLayer();
            m.awaitWorkloadProgress(50);
            m.stopWorkload();

            Migration.Outcome outcome = m.awaitConverged(Duration.ofSeconds(180));
            System.out.println("faults: " + m.sample + " the only layer instance killed and restarted: " + outcome);
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(FaultSample.class)
    void shouldLoseNothingWhenOneOfTwoLayerInstancesIsKilledHard(FaultSample sample) throws Exception {
        try (Migration m = Migration.start(sample, "acl-failover", 300, 1)) {
            m.startLayer();
            m.startWorkload(25, 300);
            m.awaitApplied(300, Duration.ofSeconds(120));

            m.layers().getFirst().kill();
            m.awaitWorkloadProgress(100);
            m.stopWorkload();

            Migration.Outcome outcome = m.awaitConverged(Duration.ofSeconds(180));
            System.out.println("faults: " + m.sample + " one of two layer instances killed: " + outcome);
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
            assertThat(m.layers().get(1).alive()).as("the instance left did the work").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(FaultSample.class)
    void shouldApplyEveryEventOnceWhenTheComponentIsKilledMidBatch(FaultSample sample) throws Exception {
        // enough rows that the snapshot's events take several polls (2,000 records each, one transaction each)
        try (Migration m = Migration.start(sample, "component-kill", 10_000, 1)) {
            m.startWorkload(25, 10_000);
            m.awaitApplied(200, Duration.ofSeconds(120));
            long before = m.applied();

            m.component().kill();
            assertThat(before).as("killed while the snapshot's events were still being applied")
                    .isLessThan(m.eventIds(m.sample.domainTopic).size());
            m.awaitWorkloadProgress(50);
            m.startComponent();
            m.awaitWorkloadProgress(50);
            m.stopWorkload();

            Migration.Outcome outcome = m.awaitConverged(Duration.ofSeconds(240));
            System.out.println("faults: " + m.sample + " component killed mid-batch at " + before + " applied: "
                    + outcome);
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(FaultSample.class)
    void shouldCatchUpAndLoseNothingWhenTheComponentIsDownForMinutes(FaultSample sample) throws Exception {
        try (Migration m = Migration.start(sample, "component-down", 300, 1)) {
            m.startWorkload(25, 300);
            m.awaitApplied(300, Duration.ofSeconds(120));

            m.component().stop(Duration.ofSeconds(30));
            Instant down = Instant.now();
            long operations = m.workload().operationCount();
            org.awaitility.Awaitility.await("the component down for " + COMPONENT_DOWN)
                    .atMost(COMPONENT_DOWN.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Duration.between(down, Instant.now()).compareTo(COMPONENT_DOWN) >= 0);
            m.stopWorkload();
            long backlog = m.eventIds(m.sample.domainTopic).size() - m.applied();
            Instant back = Instant.now();
            m.startComponent();

            Migration.Outcome outcome = m.awaitConverged(Duration.ofMinutes(5));
            Duration catchUp = Duration.between(back, Instant.now());
            System.out.printf("faults: %s component down %d s while legacy did %d operations; %d events waiting;"
                    + " caught up in %d ms (%.0f events/s): %s%n", m.sample, COMPONENT_DOWN.toSeconds(),
                    m.workload().operationCount() - operations, backlog, catchUp.toMillis(),
                    backlog * 1000.0 / Math.max(1, catchUp.toMillis()), outcome);
            assertThat(backlog).as("events published while it was down").isPositive();
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
        }
    }
}
