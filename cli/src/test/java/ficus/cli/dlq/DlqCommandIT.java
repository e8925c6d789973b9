package ficus.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.AntiCorruptionLayer;
import ficus.cli.FicusCliTest;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.samples.crm.CrmSample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ficus dlq list|show|replay} against the sandbox broker and a running anti-corruption layer: an untranslatable
 * change (an unknown status code) is listed and shown with its reason, and after the spec is fixed and the layer
 * restarted with it, {@code ficus dlq replay} delivers it as a domain event.
 */
@ExtendWith(SandboxExtension.class)
class DlqCommandIT {

    private static final String RAW = "dlqit.crm.cust";
    private static final String DOMAIN = "dlqit.customer.v1";
    private static final String DLQ = "dlqit.dlq.customer";
    private static final String APP = "dlqit-acl";

    @Test
    void shouldListShowAndReplayADeadLetterAfterTheSpecIsFixed(Sandbox sandbox, @TempDir Path dir) throws Exception {
        AclSettings settings = AclSettings.of(sandbox.bootstrapServers(), dir.resolve("state"), CrmSample.CUSTOMER_SPEC,
                CrmSample.CAPTURE_SOURCE)
                .withApplicationId(APP).withTopics(RAW, DOMAIN, DLQ);
        String[] where = {"--bootstrap-servers", sandbox.bootstrapServers(), "--application-id", APP,
            "--raw-topic", RAW, "--domain-topic", DOMAIN, "--dlq-topic", DLQ};

        try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(settings)) {
            acl.awaitRunning(Duration.ofSeconds(60));
            produce(sandbox, insert(7, "Z"));
            await().atMost(Duration.ofSeconds(60)).until(() -> acl.metrics().deadLettered() == 1);
        }

        var list = FicusCliTest.ficus(concat(new String[] {"dlq", "list"}, where));
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("UNKNOWN_CODE").contains("dlq: 1 dead letters in " + DLQ + ", 1 not replayed yet");

        var show = FicusCliTest.ficus(concat(new String[] {"dlq", "show"}, where));
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("key={\"cust_id\":7}").contains("'Z'").contains("from " + RAW);

        Path fixed = dir.resolve("customer-fixed.yaml");
        String shipped = new String(CrmSample.class.getResourceAsStream("/ficus/samples/crm/translations/customer.yaml")
                .readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(fixed, shipped.replace("X: CLOSED }", "X: CLOSED, Z: SUSPENDED }"));
        try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(settings.withTranslationSpec(fixed.toString()))) {
            acl.awaitRunning(Duration.ofSeconds(60));
            var replay = FicusCliTest.ficus(concat(new String[] {"dlq", "replay", "--spec", fixed.toString()}, where));
            assertThat(replay.exitCode()).as(replay.err()).isZero();
            assertThat(replay.out()).contains("replayed 1 dead letters").contains("1 translate with the spec");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(domainValues(sandbox)).anySatisfy(v -> assertThat(v)
                            .contains("\"customerId\":7").contains("SUSPENDED")));

            var again = FicusCliTest.ficus(concat(new String[] {"dlq", "replay", "--spec", fixed.toString()}, where));
            assertThat(again.out()).contains("replayed 0 dead letters");
        }
    }

    private static byte[] insert(long id, String status) {
        return ("""
                {"before":null,"after":{"cust_id":%d,"cst_nm":"Dead Letter","cst_eml":"dl@example.org","cst_stat":"%s",
                "cst_nts":"n","crt_ts":1700000000000000,"upd_ts":1700000000000000,"upd_by":"APP"},
                "source":{"version":"3.7.0.Final","connector":"postgresql","name":"dlqit","ts_ms":1700000000123,
                "snapshot":"false","db":"legacy","sequence":"[\\"100\\",\\"200\\"]","schema":"crm","table":"cust",
                "txId":765,"lsn":200,"xmin":null},"transaction":null,"op":"c","ts_ms":1700000000200}
                """.formatted(id, status)).getBytes(StandardCharsets.UTF_8);
    }

    private static void produce(Sandbox sandbox, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(RAW, "{\"cust_id\":7}".getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }

    private static List<String> domainValues(Sandbox sandbox) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlqit-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(DOMAIN));
            for (int i = 0; i < 6; i++) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
