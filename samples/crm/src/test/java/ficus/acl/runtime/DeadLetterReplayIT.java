package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.acl.dlq.DeadLetter;
import ficus.acl.dlq.DeadLetterSummary;
import ficus.acl.dlq.DeadLetters;
import ficus.acl.dlq.ReplayResult;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.sandbox.crm.LegacyWorkload;
import ficus.sandbox.crm.SampleCrm;
import ficus.samples.crm.CrmSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real stack: a Debezium connector on the sandbox's Connect worker captures its own copy of the sample CRM while
 * the legacy workload writes; bad rows are injected (an unknown status code, then a mapped column dropped); good events
 * keep flowing, the bad ones land in the dead letter topic with their reasons; after the spec is fixed,
 * {@link DeadLetters#replay} delivers them.
 */
@ExtendWith(SandboxExtension.class)
class DeadLetterReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMERS = 60;
    /** The workload touches customers 1..50 (and the ones it registers); 51..60 are the test's own. */
    private static final int WORKLOAD_CUSTOMERS = 50;

    @TempDir
    Path work;

    @Test
    void shouldDeadLetterBadRowsWhileGoodEventsFlowAndDeliverThemAfterTheSpecIsFixed(Sandbox sandbox)
            throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String database = "acl_dlq_" + run;
        String prefix = "acldlq" + run;
        sandbox.postgres().createDatabase(database);
        DataSource legacy = sandbox.postgres().dataSource(database);
        SampleCrm.install(legacy, CUSTOMERS);
        CapturePlan plan = ownPlan(sandbox, database, prefix, "acl_dlq_" + run);
        ConnectorDeployer.deploy(plan, sandbox.connectUrl());

        AclSettings settings = AclSettings.of(sandbox.bootstrapServers(), work.resolve("acl"), CrmSample.CUSTOMER_SPEC,
                        CrmSample.CAPTURE_SOURCE)
                .withApplicationId("acl-dlq-" + run)
                .withTopics(prefix + ".crm.cust", prefix + ".customer.v1", prefix + ".dlq.customer");
        AclSettings fixed = settings.withTranslationSpec(fixedSpec().toString());
        try (LegacyWorkload workload = new LegacyWorkload(legacy, 40, WORKLOAD_CUSTOMERS, 7)) {
            try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(settings)) {
                acl.awaitRunning(Duration.ofSeconds(90));
                // the snapshot of all customers flows through
                await().atMost(Duration.ofSeconds(120)).until(() -> acl.metrics().emitted() >= CUSTOMERS);
                workload.start();

                execute(legacy, "update crm.cust set cst_stat = 'Z', upd_ts = localtimestamp where cust_id = 55");
                await().atMost(Duration.ofSeconds(60)).until(() -> acl.metrics().deadLettered() >= 1);
                long emittedBeforeDrop = acl.metrics().emitted();
                await().atMost(Duration.ofSeconds(60)).until(() -> acl.metrics().emitted() > emittedBeforeDrop + 5);

                execute(legacy, "alter table crm.cust drop column cst_eml");
                execute(legacy, "update crm.cust set cst_nm = 'Renamed 56', upd_ts = localtimestamp where cust_id = 56");
                await().atMost(Duration.ofSeconds(60)).until(() -> DeadLetters.show(sandbox.bootstrapServers(),
                        settings.deadLetterTopic(), 1000).stream().anyMatch(l -> l.reason().contains("cst_eml")));
                long emittedAfterDrop = acl.metrics().emitted();
                // address and lead changes of the workload still translate
                await().atMost(Duration.ofSeconds(60)).until(() -> acl.metrics().emitted() > emittedAfterDrop);
                workload.stop();
                await().atMost(Duration.ofSeconds(60)).until(() -> lag(acl, sandbox) == 0);
            }

            DeadLetterSummary summary = DeadLetters.list(sandbox.bootstrapServers(), settings.deadLetterTopic(),
                    DeadLetters.replayGroup(settings));
            assertThat(summary.byKind()).containsKeys("UNKNOWN_CODE", "SCHEMA_DRIFT");
            assertThat(summary.total()).isEqualTo(summary.pending()).isGreaterThanOrEqualTo(2);
            List<DeadLetter> letters = DeadLetters.show(sandbox.bootstrapServers(), settings.deadLetterTopic(), 1000);
            assertThat(letters).anySatisfy(l -> {
                assertThat(l.kind()).isEqualTo("UNKNOWN_CODE");
                assertThat(l.reason()).contains("'Z'").contains("cst_stat");
                assertThat(l.sourceTopic()).isEqualTo(settings.rawTopic());
                assertThat(l.translationVersion()).isEqualTo("1");
                assertThat(l.value()).contains("\"cust_id\":55");
            });
            assertThat(letters).anySatisfy(l -> assertThat(l.reason()).contains("schema drift")
                    .contains("cst_eml"));
            assertThat(letters).noneSatisfy(l -> assertThat(l.value()).contains("natl_id"));

            try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(fixed)) {
                acl.awaitRunning(Duration.ofSeconds(90));
                ReplayResult replay = DeadLetters.replay(sandbox.bootstrapServers(), fixed);
                assertThat(replay.replayed()).isEqualTo(summary.total());
                assertThat(replay.stillRejected()).isZero();
                assertThat(replay.nowTranslated()).isEqualTo(replay.replayed());

                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    List<JsonNode> events = domainEvents(sandbox, settings.domainTopic());
                    assertThat(events).anySatisfy(e -> {
                        assertThat(e.path("customerId").asLong()).isEqualTo(55);
                        assertThat(e.path("state").path("status").asText()).isEqualTo("SUSPENDED");
                    });
                    assertThat(events).anySatisfy(e -> {
                        assertThat(e.path("customerId").asLong()).isEqualTo(56);
                        assertThat(e.path("state").path("name").asText()).isEqualTo("Renamed 56");
                        assertThat(e.path("state").path("email").isNull()).isTrue();
                    });
                });
                // a second replay has nothing left to do
                assertThat(DeadLetters.replay(sandbox.bootstrapServers(), fixed).replayed()).isZero();
                assertThat(DeadLetters.list(sandbox.bootstrapServers(), settings.deadLetterTopic(),
                        DeadLetters.replayGroup(settings)).total()).isEqualTo(summary.total());
            }
        } finally {
            ConnectClient.of(sandbox.connectUrl()).delete(plan.name());
        }
    }

    private static CapturePlan ownPlan(Sandbox sandbox, String database, String prefix, String slot) {
        CapturePlan base = CapturePlanLoader.legacyCrm().withConnection(new Connection(sandbox.postgres().host(),
                sandbox.postgres().port(), database, "postgres",
                new SecretRef.File(sandbox.secretsFile().toString(), "legacy.password")));
        return new CapturePlan("acl-dlq-" + slot.replace('_', '-'), prefix, base.connection(), base.tables(),
                base.sensitiveColumns(), slot, slot, base.snapshotMode(), base.heartbeatInterval(), base.tuning(),
                base.keyColumns(), base.heartbeatActionQuery(), base.signalTable(), base.beforeImageTables());
    }

    /** The shipped spec, fixed: 'Z' means suspended, and the dropped e-mail column is tolerated (null). */
    private Path fixedSpec() throws IOException {
        String shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(
                CrmSample.CUSTOMER_SPEC.substring("classpath:".length()))) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String text = shipped.replace("X: CLOSED }", "X: CLOSED, Z: SUSPENDED }")
                .replace("email:        { column: cst_eml, type: string }",
                        "email:        { column: cst_eml, type: string, whenMissing: \"null\" }");
        assertThat(text).contains("Z: SUSPENDED").contains("whenMissing");
        Path file = work.resolve("customer-fixed.yaml");
        Files.writeString(file, text);
        TranslationSpecLoader.load(file); // valid
        return file;
    }

    private static void execute(DataSource legacy, String sql) throws SQLException {
        try (java.sql.Connection c = legacy.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long lag(AntiCorruptionLayer acl, Sandbox sandbox) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                "bootstrap.servers", sandbox.bootstrapServers()))) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(acl.settings().applicationId()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            committed.keySet().stream().filter(tp -> !tp.topic().endsWith("-repartition"))
                    .forEach(tp -> latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                lag += end.getValue().offset() - committed.get(end.getKey()).offset();
            }
            return committed.isEmpty() ? Long.MAX_VALUE : Math.max(0, lag);
        }
    }

    private static List<JsonNode> domainEvents(Sandbox sandbox, String topic) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : sandbox.readCommitted(topic)) {
            events.add(JSON.readTree(record.value()));
        }
        return events;
    }
}
