package ficus.acl.runtime;

import static ficus.acl.runtime.RawChanges.create;
import static ficus.acl.runtime.RawChanges.cust;
import static ficus.acl.runtime.RawChanges.key;
import static ficus.acl.runtime.RawChanges.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.samples.crm.CrmSample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime against a real broker (exactly-once, topic creation, restart with the restored snapshot store). Raw
 * records are produced directly, so this does not need Debezium; the end-to-end IT with the connector is the lead's.
 */
@ExtendWith(SandboxExtension.class)
class AntiCorruptionLayerIT {

    private static final long ID = 42L;

    @TempDir
    Path stateDir;

    /** On either aggregate store: the in-memory one has to be restored from its changelog alone after the restart. */
    @ParameterizedTest
    @EnumSource(AggregateStoreKind.class)
    void shouldTranslateRawChangesExactlyOnceAndSkipReplaysAfterARestart(AggregateStoreKind store, Sandbox sandbox) {
        String prefix = "it" + store.ordinal();
        AclSettings settings = AclSettings.of(sandbox.bootstrapServers(), stateDir.resolve(store.name()),
                        CrmSample.CUSTOMER_SPEC, CrmSample.CAPTURE_SOURCE)
                .withApplicationId("acl-it-" + System.nanoTime())
                .withTopics(prefix + ".crm.cust", prefix + ".customer.v1", prefix + ".dlq.customer")
                .withProperty(AclSettings.AGGREGATE_STORE_CONFIG, store.configValue());
        byte[] insert = create(cust(ID, "P"), 0x100, 0x108);
        byte[] activate = update(cust(ID, "P"), cust(ID, "A"), 0x200, 0x208);
        byte[] unknown = update(cust(ID, "A"), cust(ID, "Z"), 0x300, 0x308);

        try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(settings)) {
            acl.awaitRunning(Duration.ofSeconds(60));
            produce(sandbox, settings.rawTopic(), insert, activate, unknown);
            // consumed counts at the re-keying step; the outcome comes after the repartition
            await().atMost(Duration.ofSeconds(60)).until(() -> acl.metrics().emitted()
                    + acl.metrics().deadLettered() == 3);
            assertThat(acl.metrics().emitted()).isEqualTo(2);
            assertThat(acl.metrics().deadLettered()).isEqualTo(1);
            assertThat(acl.metrics().consumed()).isEqualTo(3);
        }

        try (AntiCorruptionLayer again = AntiCorruptionLayer.start(settings)) {
            again.awaitRunning(Duration.ofSeconds(60));
            produce(sandbox, settings.rawTopic(), insert, activate);
            await().atMost(Duration.ofSeconds(60)).until(() -> again.metrics().duplicates() == 2);
            assertThat(again.metrics().consumed()).isEqualTo(2);
            assertThat(again.metrics().emitted()).isZero();
            // still running (never ERROR); a follow-up rebalance after the restart may be under way at this moment
            await().atMost(Duration.ofSeconds(30)).until(() -> again.state() == KafkaStreams.State.RUNNING);
        }

        List<ConsumerRecord<byte[], byte[]>> events = readCommitted(sandbox, settings.domainTopic(), 2);
        assertThat(events).extracting(r -> CloudEventHeaders.text(r.headers(), CloudEventHeaders.TYPE))
                .containsExactly("crm.CustomerRegistered.v1", "crm.CustomerStatusChanged.v1");
        assertThat(readCommitted(sandbox, settings.deadLetterTopic(), 1)).singleElement()
                .satisfies(r -> assertThat(CloudEventHeaders.text(r.headers(), DeadLetterHeaders.REASON))
                        .contains("cst_stat"));
    }

    private static void produce(Sandbox sandbox, String topic, byte[]... values) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, key(ID), value));
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(Sandbox sandbox, String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            // anything beyond the expected records would be a duplicate: give it one more poll to show up
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
