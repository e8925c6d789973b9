package ficus.migration.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.migration.MigrationPipeline;
import ficus.migration.backfill.Backfill;
import ficus.migration.backfill.ProgressListener;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Component rows deliberately corrupted or deleted are found by reconcile — exactly those keys — and {@code --redrive}
 * repairs them through the anti-corruption layer.
 */
@ExtendWith(SandboxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedriveIT {

    private static final int CUSTOMERS = 500;

    @TempDir
    static Path work;
    private static MigrationPipeline pipeline;

    @BeforeAll
    static void backfillIntoTheComponent(Sandbox sandbox) {
        pipeline = MigrationPipeline.start(sandbox, work, "redrive", CUSTOMERS);
        Backfill.run(pipeline.backfillSettings(), ProgressListener.NONE);
        pipeline.awaitNoDrift(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static void component(String sql) throws Exception {
        try (Connection c = pipeline.component.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    @Order(1)
    void shouldFindExactlyTheKeysCorruptedOrDeletedInTheComponent() throws Exception {
        component("update customer_status set status = 'WRONG' where customer_id in (10, 20)");
        component("delete from customer_status where customer_id = 30");
        component("update customer_status set removed = true where customer_id = 40");

        var report = Reconciliation.run(pipeline.reconcileSettings().withReportFile(work.resolve("drift.json")));

        assertThat(report.drift()).isEqualTo(4);
        assertThat(report.different()).isEqualTo(2);
        assertThat(report.missing()).isEqualTo(2);
        assertThat(report.differentByField()).containsEntry("status", 2L);
        assertThat(report.driftKeys()).extracting(k -> k.text()).containsExactly("10", "20", "30", "40");
        assertThat(report.samples()).extracting(KeyDrift::key).containsExactly("10", "20", "30", "40");
        assertThat(work.resolve("drift.json")).content().contains("\"success\" : false").contains("\"drift\" : 4");
    }

    @Test
    @Order(2)
    void shouldRepairExactlyTheDriftingKeysWithRedrive() throws Exception {
        component("update customer_status set status = 'WRONG' where customer_id = 50");

        var report = Reconciliation.run(pipeline.reconcileSettings()
                .withRedrive(pipeline.backfillSettings(), Duration.ofSeconds(90)));

        assertThat(report.drift()).isZero();
    }
}
