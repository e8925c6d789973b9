package ficus.cli.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.sandbox.ChildJvm;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.samples.crm.CrmSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ficus acl run} in a JVM of its own, stopped with SIGTERM as a process manager stops it: the JVM stays up
 * until the layer is closed, so it commits, checkpoints its state and leaves the consumer group (a restarted
 * instance gets the partitions at once instead of waiting for the old member's session to expire, and finds its
 * state clean). Before, the shutdown hook only signalled the main thread and the JVM exited under it.
 */
@ExtendWith(SandboxExtension.class)
class AclRunSigtermIT {

    private static final String APPLICATION_ID = "sigtermit-acl";
    private static final String RAW = "sigtermit.crm.cust";
    private static final String DOMAIN = "sigtermit.customer.v1";

    @Test
    void shouldCommitAndLeaveTheGroupBeforeTheJvmExitsOnSigterm(Sandbox sandbox, @TempDir Path dir)
            throws Exception {
        Path spec = dir.resolve("customer.yaml");
        try (var shipped = CrmSample.class.getResourceAsStream("/ficus/samples/crm/translations/customer.yaml")) {
            Files.write(spec, Objects.requireNonNull(shipped).readAllBytes());
        }
        Path log = dir.resolve("acl.out");
        produce(sandbox, 81);
        try (ChildJvm acl = ChildJvm.start("acl", log, List.of("-Xmx256m",
                        "-Dficus.log.file=" + dir.resolve("acl.log")), Map.of(), "ficus.cli.Ficus",
                List.of("acl", "run", "--spec", spec.toString(), "--bootstrap-servers", sandbox.bootstrapServers(),
                        "--application-id", APPLICATION_ID, "--raw-topic", RAW, "--domain-topic", DOMAIN,
                        "--dlq-topic", "sigtermit.dlq.customer", "--state-dir", dir.resolve("state").toString(),
                        "--metrics-port", "0", "--report-every", "1s"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     sandbox.bootstrapServers()))) {
            await("the layer translated the change").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).until(() -> !sandbox.readCommitted(DOMAIN).isEmpty());
            assertThat(members(admin)).as("the running layer's members").isNotEmpty();

            acl.stop(Duration.ofSeconds(90));

            assertThat(acl.alive()).isFalse();
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("its output").contains("acl: stopped");
            assertThat(members(admin)).as("members left in %s after SIGTERM", APPLICATION_ID).isEmpty();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(List.of(RAW)).allTopicNames().get().get(RAW).partitions()
                    .forEach(p -> latest.put(new TopicPartition(RAW, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            Map<TopicPartition, Long> read = new java.util.HashMap<>();
            ends.keySet().forEach(tp -> read.put(tp, committed.containsKey(tp) ? committed.get(tp).offset() : 0L));
            assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
            assertThat(read).as("what it read was committed before it left").isEqualTo(ends);
        }
    }

    private static List<?> members(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID)).all().get()
                .get(APPLICATION_ID);
        return List.copyOf(group.members());
    }

    private static void produce(Sandbox sandbox, long id) throws Exception {
        byte[] value = ("""
                {"before":null,"after":{"cust_id":%d,"cst_nm":"Stopped","cst_eml":"s@example.org","cst_stat":"A",
                "cst_nts":"n","crt_ts":1700000000000000,"upd_ts":1700000000000000,"upd_by":"APP"},
                "source":{"version":"3.7.0.Final","connector":"postgresql","name":"sigtermit","ts_ms":1700000000123,
                "snapshot":"false","db":"legacy","sequence":"[\\"256\\",\\"512\\"]","schema":"crm","table":"cust",
                "txId":765,"lsn":512,"xmin":null},"transaction":null,"op":"c","ts_ms":1700000000200}
                """.formatted(id)).getBytes(StandardCharsets.UTF_8);
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(RAW, ("{\"cust_id\":" + id + "}").getBytes(StandardCharsets.UTF_8),
                    value)).get();
        }
    }
}
