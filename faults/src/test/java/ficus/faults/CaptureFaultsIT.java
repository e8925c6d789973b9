package ficus.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.connectors.connect.ConnectorState;
import ficus.connectors.status.ConnectorHealth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What reaches the raw topics, and what the capture does when it stops reading: poison records in a raw topic, a
 * legacy transaction rolled back, and the slot's WAL while the connector is stopped — kept and reported (and nothing
 * lost when it resumes), or lost beyond {@code max_slot_wal_keep_size}, which {@code ficus connectors status} says in
 * so many words, with what to do.
 */
class CaptureFaultsIT {

    private static final String MARKER = "ROLLED-BACK-" + Long.toString(System.nanoTime(), 36);

    @Test
    void shouldDeadLetterPoisonAndPublishNothingOfARolledBackTransaction() throws Exception {
        try (OrdersMigration m = OrdersMigration.start("poison", 300, 1)) {
            m.startWorkload(25, 300);
            m.awaitApplied(300, Duration.ofSeconds(120));

            String raw = m.plan.source() + ".erp.SalesOrder";
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(java.util.Map.of("bootstrap.servers",
                    m.broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(raw, "{\"Tenant\":1,\"OrderNo\":1}", "not json at all"));
                producer.send(new ProducerRecord<>(raw, "{\"Tenant\":1,\"OrderNo\":2}",
                        "{\"op\":\"u\",\"after\":{\"Tenant\":\"one\"},\"source\":{\"lsn\":1}}"));
                producer.send(new ProducerRecord<>(m.plan.source() + ".erp.OrderLine", "{}", "[1, 2, 3]"));
            }
            OrdersMigration.execute(m.legacy, "begin; update erp.\"SalesOrder\" set notes = '" + MARKER + "'"
                    + " where \"OrderNo\" = (select min(\"OrderNo\") from erp.\"SalesOrder\"); rollback");
            m.awaitWorkloadProgress(50);
            m.stopWorkload();

            OrdersMigration.Outcome outcome = m.awaitConverged(Duration.ofSeconds(180));
            System.out.println("faults: poison and rollbacks: " + outcome + "; " + m.workload().rolledBack()
                    + " transactions of the workload rolled back");
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
            assertThat(outcome.deadLetters()).as("each poison record dead-lettered, nothing else").isEqualTo(3);
            assertThat(m.workload().rolledBack()).as("the workload's own rolled-back orders").isPositive();
            for (String topic : List.of(raw, OrdersMigration.DOMAIN_TOPIC)) {
                for (ConsumerRecord<byte[], byte[]> record : m.records(topic)) {
                    assertThat(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8))
                            .as("%s-%d@%d", topic, record.partition(), record.offset()).doesNotContain(MARKER);
                }
            }
        }
    }

    @Test
    void shouldReportTheWalTheSlotKeepsWhileTheConnectorIsStoppedAndLoseNothingWhenItResumes() throws Exception {
        try (OrdersMigration m = OrdersMigration.start("slot-kept", 300, 1)) {
            m.startWorkload(25, 300);
            m.awaitApplied(300, Duration.ofSeconds(120));

            m.connect().stop(m.plan.name());
            await("connector STOPPED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> m.connectorStatus().state() == ConnectorState.STOPPED);
            m.awaitWorkloadProgress(100);
            ConnectorHealth stopped = ConnectorHealth.of(m.connect(), m.plan, m.legacy);
            Status status = status(m);

            assertThat(stopped.healthy()).isFalse();
            assertThat(stopped.slot().orElseThrow().retainedBytes()).isPositive();
            assertThat(status.exit()).isEqualTo(1);
            assertThat(status.out()).containsPattern(m.plan.name() + " STOPPED .*\\| slot " + m.plan.slotName()
                    + " inactive, lag \\d+ B, retained [1-9]\\d* B \\(\\d+ B more before max_slot_wal_keep_size\\)");

            m.connect().resume(m.plan.name());
            m.awaitCaptureRunning(Duration.ofSeconds(120));
            m.stopWorkload();
            OrdersMigration.Outcome outcome = m.awaitConverged(Duration.ofSeconds(180));
            System.out.println("faults: connector stopped, slot kept its WAL: " + outcome);
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
        }
    }

    @Test
    void shouldSayPlainlyWhenTheSlotLostItsWalAndWhatToDo() throws Exception {
        try (OrdersMigration m = OrdersMigration.start("slot-lost", 300, 1)) {
            m.awaitApplied(300, Duration.ofSeconds(120));
            m.connect().stop(m.plan.name());
            await("connector STOPPED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> m.connectorStatus().state() == ConnectorState.STOPPED);

            OrdersMigration.execute(m.postgres.dataSource("postgres"), "alter system set max_slot_wal_keep_size = '1MB'",
                    "select pg_reload_conf()");
            OrdersMigration.execute(m.legacy, "create table public.faults_filler (id int, pad text)");
            await("the slot's WAL removed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        OrdersMigration.execute(m.legacy, "insert into public.faults_filler select g, repeat('x',"
                                + " 500) from generate_series(1, 20000) g", "select pg_switch_wal()", "checkpoint");
                        return ConnectorHealth.of(m.connect(), m.plan, m.legacy).slot().orElseThrow().lost();
                    });

            ConnectorHealth lost = ConnectorHealth.of(m.connect(), m.plan, m.legacy);
            String expected = "slot " + m.plan.slotName() + " has LOST the WAL it needs (retained beyond"
                    + " max_slot_wal_keep_size while " + m.plan.name() + " was not reading): the changes committed"
                    + " since it last read are gone and will never be captured. Recover: ficus connectors delete PLAN"
                    + " --drop-slot, deploy again (a new snapshot), then ficus backfill and ficus reconcile --redrive";
            assertThat(lost.healthy()).isFalse();
            assertThat(lost.failureSummary()).contains(expected);
            Status status = status(m);
            assertThat(status.exit()).isEqualTo(1);
            assertThat(status.out()).contains("WAL LOST").contains(expected);
        }
    }

    private record Status(int exit, String out) {
    }

    private static Status status(OrdersMigration m) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ficus.cli.Ficus.run(new String[] {"connectors", "status", m.planFile().toString(),
                "--connect-url", m.workers.getFirst().url()}, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Status(exit, out + err.toString());
    }
}
