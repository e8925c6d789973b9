package ficus.migration.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.migration.MigrationPipeline;
import ficus.migration.reconcile.Reconciliation;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.sandbox.crm.LegacyWorkload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill/live race on the real stack: the capture streams only new changes (snapshot mode no_data), so the
 * seeded history reaches the component through the backfill alone, while the legacy workload keeps changing the very
 * same customers (status, details, addresses, leads, deletes, registrations). The result must converge: drift 0.
 */
@ExtendWith(SandboxExtension.class)
class BackfillDuringWorkloadIT {

    private static final int CUSTOMERS = 3_000;

    @TempDir
    Path work;

    @Test
    void shouldConvergeWhenBackfillingWhileTheWorkloadChangesTheSameAggregates(Sandbox sandbox) throws Exception {
        try (MigrationPipeline pipeline = MigrationPipeline.start(sandbox, work, "race", CUSTOMERS);
             LegacyWorkload workload = new LegacyWorkload(pipeline.legacy, 150, CUSTOMERS, 11)) {
            workload.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> workload.operations() >= 50);
            long opsBefore = workload.operations();
            List<Progress> progress = new ArrayList<>();

            BackfillResult result = Backfill.run(pipeline.backfillSettings().withChunkSize(100).withPartitions(3)
                    .withMaxRowsPerSecond(2_500), progress::add);

            long opsDuring = workload.operations() - opsBefore;
            workload.stop();
            assertThat(opsDuring).as("legacy changes while the backfill ran").isGreaterThan(100);
            assertThat(result.aggregates()).isGreaterThanOrEqualTo(CUSTOMERS - workload.count(
                    LegacyWorkload.Operation.DELETE));
            assertThat(result.resumed()).isFalse();
            assertThat(progress).isNotEmpty();
            assertThat(progress.getLast().aggregatesDone()).isEqualTo(result.aggregates());
            assertThat(progress.getLast().rowsPerSecond()).isPositive();

            pipeline.awaitNoDrift(Duration.ofSeconds(120));
            var report = Reconciliation.run(pipeline.reconcileSettings().withReportFile(work.resolve("report.json")));
            assertThat(report.drift()).isZero();
            assertThat(report.matching()).isGreaterThanOrEqualTo(CUSTOMERS - workload.count(
                    LegacyWorkload.Operation.DELETE));
            assertThat(work.resolve("report.json")).content().contains("\"success\" : true");
        }
    }
}
