package ficus.migration.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.migration.MigrationPipeline;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill killed halfway (its JVM destroyed forcibly) and run again resumes from each partition's last committed
 * chunk and completes with no duplicated effects: every customer registered exactly once, drift 0.
 */
@ExtendWith(SandboxExtension.class)
class BackfillRestartIT {

    private static final int CUSTOMERS = 2_000;

    @TempDir
    Path work;

    @Test
    void shouldResumeAKilledBackfillFromItsLastCommittedChunkWithoutDuplicatedEffects(Sandbox sandbox)
            throws Exception {
        try (MigrationPipeline pipeline = MigrationPipeline.start(sandbox, work, "restart", CUSTOMERS)) {
            String[] args = {sandbox.postgres().jdbcUrl(pipeline.legacyDatabase),
                sandbox.postgres().jdbcUrl("mig_ficus_" + pipeline.run), pipeline.legacyDatabase,
                pipeline.plan.source(), pipeline.plan.slotName(), sandbox.bootstrapServers(),
                pipeline.aclSettings.replayTopic(), sandbox.postgres().user(), sandbox.postgres().password()};
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    BackfillMain.class.getName()));
            command.addAll(List.of(args));
            Process child = new ProcessBuilder(command).inheritIO().start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> committedChunks(pipeline) >= 6);
            } finally {
                child.destroyForcibly().waitFor();
            }
            long committedBeforeKill = committedChunks(pipeline);
            assertThat(committedBeforeKill).as("killed halfway").isLessThan(CUSTOMERS / 50);

            BackfillResult resumed = Backfill.run(BackfillMain.settings(args), ProgressListener.NONE);

            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.run()).isEqualTo(1);
            assertThat(resumed.aggregates()).as("only what was not committed before the kill")
                    .isLessThanOrEqualTo(CUSTOMERS - (committedBeforeKill - 2) * 50)
                    .isGreaterThan(0);
            pipeline.awaitNoDrift(Duration.ofSeconds(120));
            Map<String, Integer> registrations = registrations(sandbox, pipeline.aclSettings.domainTopic(),
                    CUSTOMERS);
            assertThat(registrations).hasSize(CUSTOMERS);
            assertThat(registrations.values()).as("registrations per customer").containsOnly(1);
        }
    }

    private static long committedChunks(MigrationPipeline pipeline) throws Exception {
        try (Connection c = pipeline.ficus.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(sum(commit_count), 0) from ficus_batch.batch_step_execution"
                     + " where step_name like 'backfill-worker%'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0; // the repository schema is not there yet
        }
    }

    /** CustomerRegistered events per customer id (ce_type), reading the whole domain topic committed. */
    private static Map<String, Integer> registrations(Sandbox sandbox, String topic, int expected) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : sandbox.readCommitted(topic)) {
            Header type = record.headers().lastHeader("ce_type");
            if (type != null && new String(type.value(), StandardCharsets.UTF_8).equals("crm.CustomerRegistered.v1")) {
                counts.merge(record.key(), 1, Integer::sum);
            }
        }
        assertThat(expected).isPositive();
        return counts;
    }
}
