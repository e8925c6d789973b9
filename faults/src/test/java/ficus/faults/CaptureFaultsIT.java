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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What reaches the raw topics, and what the capture does when it stops reading: poison records in a raw topic and a
 * legacy transaction rolled back (on both samples), and the slot's WAL while the connector is stopped (on the orders
 * sample: the slot and its WAL do not depend on the schema) — kept and reported (and nothing
 * lost when it resumes), or lost beyond {@code max_slot_wal_keep_size}, which {@code ficus connectors status} says in
 * so many words, with what to do.
 */
class CaptureFaultsIT {

    private static final String MARKER = "ROLLED-BACK-" + Long.toString(System.nanoTime(), 36);

    @ParameterizedTest
    @EnumSource(FaultSample.class)
    void shouldDeadLetterPoisonAndPublishNothingOfARolledBackTransaction(FaultSample sample) throws Exception {
        try (Migration m = Migration.start(sample, "poison", 300, 1)) {
            m.startWorkload(25, 300);
            m.awaitApplied(300, Duration.ofSeconds(120));

            Poison poison = Poison.of(sample, m.plan.source());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(java.util.Map.of("bootstrap.servers",
                    m.broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(poison.root(), poison.rootKey(), "not json at all"));
                producer.send(new ProducerRecord<>(poison.root(), poison.rootKey(),
                        "{\"op\":\"u\",\"after\":" + poison.badAfter() + ",\"source\":{\"lsn\":1}}"));
                producer.send(new ProducerRecord<>(poison.part(), "{}", "[1, 2, 3]"));
            }
            Migration.execute(m.legacy, "begin; " + poison.rolledBackUpdate() + "; rollback");
            String raw = poison.root();
            m.awaitWorkloadProgress(50);
            m.stopWorkload();

            Migration.Outcome outcome = m.awaitConverged(Duration.ofSeconds(180));
            System.out.println("faults: " + m.sample + " poison and rollbacks: " + outcome + "; "
                    + m.workload().rolledBackCount()
                    + " transactions of the workload rolled back");
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
            assertThat(outcome.deadLetters()).as("each poison record dead-lettered, nothing else").isEqualTo(3);
            if (sample == FaultSample.ORDERS) {
                assertThat(m.workload().rolledBackCount()).as("the workload's own rolled-back orders").isPositive();
            }
            for (String topic : List.of(raw, m.sample.domainTopic)) {
                for (ConsumerRecord<byte[], byte[]> record : m.records(topic)) {
                    assertThat(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8))
                            .as("%s-%d@%d", topic, record.partition(), record.offset()).doesNotContain(MARKER);
                }
            }
        }
    }

    @Test
    void shouldReportTheWalTheSlotKeepsWhileTheConnectorIsStoppedAndLoseNothingWhenItResumes() throws Exception {
        try (Migration m = Migration.start(FaultSample.ORDERS, "slot-kept", 300, 1)) {
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
            Migration.Outcome outcome = m.awaitConverged(Duration.ofSeconds(180));
            System.out.println("faults: " + m.sample + " connector stopped, slot kept its WAL: " + outcome);
            assertThat(outcome.report().drift()).as("%s", outcome).isZero();
            assertThat(outcome.eachEventAppliedOnce()).as("%s", outcome).isTrue();
        }
    }

    @Test
    void shouldSayPlainlyWhenTheSlotLostItsWalAndWhatToDo() throws Exception {
        try (Migration m = Migration.start(FaultSample.ORDERS, "slot-lost", 300, 1)) {
            m.awaitApplied(300, Duration.ofSeconds(120));
            m.connect().stop(m.plan.name());
            await("connector STOPPED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> m.connectorStatus().state() == ConnectorState.STOPPED);

            Migration.execute(m.postgres.dataSource("postgres"), "alter system set max_slot_wal_keep_size = '1MB'",
                    "select pg_reload_conf()");
            Migration.execute(m.legacy, "create table public.faults_filler (id int, pad text)");
            await("the slot's WAL removed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        Migration.execute(m.legacy, "insert into public.faults_filler select g, repeat('x',"
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

    /** Where and what a sample's poison is: its root and a part raw topic, a value of the wrong type, a rollback. */
    private record Poison(String root, String rootKey, String badAfter, String part, String rolledBackUpdate) {

        static Poison of(FaultSample sample, String source) {
            return switch (sample) {
                case ORDERS -> new Poison(source + ".erp.SalesOrder", "{\"Tenant\":1,\"OrderNo\":2}",
                        "{\"Tenant\":\"one\"}", source + ".erp.OrderLine", "update erp.\"SalesOrder\" set notes = '"
                        + MARKER + "' where \"OrderNo\" = (select min(\"OrderNo\") from erp.\"SalesOrder\")");
                case CRM -> new Poison(source + ".crm.cust", "{\"cust_id\":2}", "{\"cust_id\":\"two\"}",
                        source + ".crm.lead", "update crm.cust set cst_nts = '" + MARKER
                        + "' where cust_id = (select min(cust_id) from crm.cust)");
            };
        }
    }

    private record Status(int exit, String out) {
    }

    private static Status status(Migration m) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ficus.cli.Ficus.run(new String[] {"connectors", "status", m.planFile().toString(),
                "--connect-url", m.workers.getFirst().url()}, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Status(exit, out + err.toString());
    }
}
