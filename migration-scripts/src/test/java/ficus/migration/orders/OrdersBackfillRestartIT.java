package ficus.migration.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.migration.backfill.Backfill;
import ficus.migration.backfill.BackfillMain;
import ficus.migration.backfill.BackfillResult;
import ficus.migration.backfill.ProgressListener;
import ficus.samples.orders.OrdersSample;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill of composite, quoted keys killed halfway (its JVM destroyed forcibly) and run again resumes from each
 * partition's last committed key — ("Tenant", "OrderNo") as text in the job repository — and completes with no
 * duplicated effects: every order placed exactly once, drift 0.
 */
@ExtendWith(SandboxExtension.class)
class OrdersBackfillRestartIT {

    private static final int ORDERS = 1_200;

    @TempDir
    Path work;

    @Test
    void shouldResumeAKilledCompositeKeyBackfillFromItsLastCommittedKeyWithoutDuplicatedEffects(Sandbox sandbox)
            throws Exception {
        try (OrdersPipeline pipeline = OrdersPipeline.start(sandbox, work, ORDERS)) {
            String[] args = {sandbox.postgres().jdbcUrl(OrdersSample.DATABASE),
                sandbox.postgres().jdbcUrl("ord_ficus_" + pipeline.run), OrdersSample.DATABASE,
                pipeline.plan.source(), pipeline.plan.slotName(), sandbox.bootstrapServers(),
                pipeline.acl.replayTopic(), sandbox.postgres().user(), sandbox.postgres().password(),
                OrdersPipeline.SPEC};
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    BackfillMain.class.getName()));
            command.addAll(List.of(args));
            Process child = new ProcessBuilder(command).inheritIO().start();
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> committedChunks(pipeline) >= 4);
            } finally {
                child.destroyForcibly().waitFor();
            }
            long committedBeforeKill = committedChunks(pipeline);
            assertThat(committedBeforeKill).as("killed halfway").isLessThan(ORDERS / 50);

            BackfillResult resumed = Backfill.run(BackfillMain.settings(args), ProgressListener.NONE);

            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.aggregates()).as("only what was not committed before the kill")
                    .isLessThanOrEqualTo(ORDERS - (committedBeforeKill - 2) * 50)
                    .isGreaterThan(0);
            pipeline.awaitNoDrift(Duration.ofSeconds(120));
            Map<String, Integer> placed = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : sandbox.readCommitted(pipeline.acl.domainTopic())) {
                Header type = record.headers().lastHeader("ce_type");
                if (type != null && new String(type.value(), StandardCharsets.UTF_8).equals("sales.OrderPlaced.v1")) {
                    placed.merge(record.key(), 1, Integer::sum);
                }
            }
            assertThat(placed).hasSize(ORDERS).containsKey("3:400");
            assertThat(placed.values()).as("OrderPlaced per order").containsOnly(1);
        }
    }

    private static long committedChunks(OrdersPipeline pipeline) {
        try (Connection c = pipeline.ficus.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(sum(commit_count), 0) from ficus_batch.batch_step_execution"
                     + " where step_name like 'backfill-worker%'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0; // the repository schema is not there yet
        }
    }
}
