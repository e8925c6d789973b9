package ficus.acl.dlq;

import ficus.acl.aggregate.AggregateKey;
import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.CloudEventHeaders;
import ficus.acl.runtime.DeadLetterHeaders;
import ficus.acl.runtime.DebeziumChangeParser;
import ficus.acl.runtime.JsonSupport;
import ficus.acl.spec.PartSpec;
import ficus.acl.spec.RowProjector;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.core.FicusException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead letter topic of a translation, for tooling ({@code ficus dlq list|show|replay}).
 *
 * <p><b>Replay.</b> {@link #replay} reads every dead letter after the offsets committed by the consumer group
 * {@code <applicationId>-dlq-replay}, strips the dead-letter headers, adds the original coordinates
 * ({@code ficus_replay_source_*}) and re-publishes key, value and headers to the replay topic
 * ({@code <deadLetterTopic>.replay}) that the running layer reads beside the raw topics, then commits the group's
 * offsets. Idempotent: a dead letter is replayed once (a crash between publishing and committing replays it again,
 * which the layer drops as a duplicate of the same source position). What the current spec still rejects is dead
 * lettered again by the layer — after the committed offsets, so the next replay after the next fix takes it again.
 *
 * <p><b>Why the order is safe.</b> A replayed change keeps its source position. The layer compares it with the last
 * position of the same legacy row: if that row changed since (a newer change carries the whole newer row), the replay
 * is skipped as a duplicate and the newer state stands; otherwise it is applied, and its event is stamped above
 * everything already published for the aggregate (next revision of the last published position). Components apply
 * if newer, so a late replay can neither be lost nor overwrite newer state.
 */
public final class DeadLetters {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final long TIMEOUT_SECONDS = 30;

    private DeadLetters() {
    }

    /** The consumer group that remembers what was replayed. */
    public static String replayGroup(AclSettings settings) {
        return settings.applicationId() + "-dlq-replay";
    }

    /**
     * Counts per reason kind, total, and how many are not yet replayed by the replay group of the translation the
     * topic belongs to ({@code ficus.dlq.<translation>} → {@code ficus-acl-<translation>-dlq-replay}).
     */
    public static DeadLetterSummary list(String bootstrap, String dlqTopic) {
        String translation = dlqTopic.startsWith(ficus.acl.spec.TranslationSpec.DEAD_LETTER_PREFIX)
                ? dlqTopic.substring(ficus.acl.spec.TranslationSpec.DEAD_LETTER_PREFIX.length()) : dlqTopic;
        return list(bootstrap, dlqTopic, AclSettings.APPLICATION_ID_PREFIX + translation + "-dlq-replay");
    }

    public static DeadLetterSummary list(String bootstrap, String dlqTopic, String replayGroup) {
        Map<String, Long> byKind = new TreeMap<>();
        long[] total = {0};
        Map<TopicPartition, Long> committed = committed(bootstrap, dlqTopic, replayGroup);
        long[] pending = {0};
        readAll(bootstrap, dlqTopic, record -> {
            String kind = Optional.ofNullable(CloudEventHeaders.text(record.headers(), DeadLetterHeaders.REASON_KIND))
                    .orElse("REJECTED");
            byKind.merge(kind, 1L, Long::sum);
            total[0]++;
            if (record.offset() >= committed.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
                pending[0]++;
            }
            return true;
        });
        return new DeadLetterSummary(byKind, total[0], pending[0]);
    }

    /** The first {@code limit} dead letters (oldest first, partition by partition). */
    public static List<DeadLetter> show(String bootstrap, String dlqTopic, int limit) {
        if (limit < 0) {
            throw new FicusException.BadInput("limit: must not be negative, was " + limit);
        }
        List<DeadLetter> letters = new ArrayList<>();
        if (limit == 0) {
            return letters;
        }
        readAll(bootstrap, dlqTopic, record -> {
            letters.add(letter(record));
            return letters.size() < limit;
        });
        return letters;
    }

    /**
     * Re-publishes every dead letter not yet replayed to the replay topic the layer reads, classifying each with the
     * current spec (the settings' {@code translationSpec}).
     */
    public static ReplayResult replay(String bootstrap, AclSettings settings) {
        TranslationSpec spec = settings.spec();
        AggregateTranslation translation = new AggregateTranslation(spec, JsonSupport.DOCUMENTS);
        DebeziumChangeParser parser = new DebeziumChangeParser();
        String dlq = settings.deadLetterTopic();
        Properties consumerProps = consumerProps(bootstrap, settings.extraProperties());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, replayGroup(settings));
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Properties producerProps = new Properties();
        settings.extraProperties().forEach((k, v) -> {
            if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                producerProps.put(k, v);
            }
        });
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        long replayed = 0;
        long translated = 0;
        long rejected = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            List<TopicPartition> partitions = partitions(consumer, dlq);
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            while (!caughtUp(consumer, partitions, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    producer.send(replayRecord(settings.replayTopic(), record));
                    replayed++;
                    if (translatable(translation, parser, record.value())) {
                        translated++;
                    } else {
                        rejected++;
                    }
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
            }
            producer.flush();
            if (!done.isEmpty()) {
                consumer.commitSync(done);
            }
        } catch (KafkaException e) {
            throw new FicusException.Unavailable("cannot replay " + dlq + " on " + bootstrap + ": " + e.getMessage(),
                    e);
        }
        return new ReplayResult(replayed, translated, rejected);
    }

    private static ProducerRecord<byte[], byte[]> replayRecord(String topic, ConsumerRecord<byte[], byte[]> letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!DeadLetterHeaders.ALL.contains(header.key())) {
                headers.add(header);
            }
        }
        add(headers, DeadLetterHeaders.REPLAY_SOURCE_TOPIC, text(letter, DeadLetterHeaders.SOURCE_TOPIC));
        add(headers, DeadLetterHeaders.REPLAY_SOURCE_PARTITION, text(letter, DeadLetterHeaders.SOURCE_PARTITION));
        add(headers, DeadLetterHeaders.REPLAY_SOURCE_OFFSET, text(letter, DeadLetterHeaders.SOURCE_OFFSET));
        add(headers, DeadLetterHeaders.REPLAY_OF, letter.topic() + "-" + letter.partition() + "@" + letter.offset());
        // partitioned by the original key bytes, like the raw record (the replay topic has the raw topic's count)
        return new ProducerRecord<>(topic, null, letter.key(), letter.value(), headers);
    }

    /** Whether the current spec would translate the record, judged on the record alone (no aggregate state). */
    static boolean translatable(AggregateTranslation translation, DebeziumChangeParser parser, byte[] value) {
        try {
            Change change = parser.parse(value);
            if (translation.isRoot(change.origin())) {
                AggregateKey key = translation.rootKey(change.current());
                if (change.operation() != Operation.DELETE) {
                    return !(translation.apply(change, key, null).result()
                            instanceof ficus.acl.translation.TranslationResult.Reject);
                }
                return true;
            }
            List<PartSpec> parts = translation.partsOf(change.origin());
            if (parts.isEmpty()) {
                return false;
            }
            PartSpec part = parts.get(0);
            translation.partRowKey(change.current(), part);
            if (change.after() == null) {
                return true;
            }
            if (part.isReference()) {
                translation.projectPart(part, change.after());
                return true;
            }
            AggregateKey owner = translation.linkedKey(change.after(), part);
            return owner != null && !(translation.apply(change, owner, null).result()
                    instanceof ficus.acl.translation.TranslationResult.Reject);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private interface Visitor {
        /** @return whether to go on */
        boolean visit(ConsumerRecord<byte[], byte[]> record);
    }

    private static void readAll(String bootstrap, String topic, Visitor visitor) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap, Map.of()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!caughtUp(consumer, partitions, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))
                            && !visitor.visit(record)) {
                        return;
                    }
                }
            }
        } catch (KafkaException e) {
            throw new FicusException.Unavailable("cannot read " + topic + " on " + bootstrap + ": " + e.getMessage(),
                    e);
        }
    }

    private static Map<TopicPartition, Long> committed(String bootstrap, String topic, String group) {
        Properties props = consumerProps(bootstrap, Map.of());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            consumer.committed(new java.util.HashSet<>(partitions(consumer, topic))).forEach((tp, offset) -> {
                if (offset != null) {
                    offsets.put(tp, offset.offset());
                }
            });
            return offsets;
        } catch (KafkaException e) {
            throw new FicusException.Unavailable("cannot read the offsets of " + group + " on " + bootstrap + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(TIMEOUT_SECONDS));
        if (infos == null || infos.isEmpty()) {
            throw new FicusException.BadInput("dead letter topic " + topic + " does not exist");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private static Properties consumerProps(String bootstrap, Map<String, String> extra) {
        Properties props = new Properties();
        extra.forEach((k, v) -> {
            if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                props.put(k, v);
            }
        });
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ficus-dlq-" + UUID.randomUUID());
        return props;
    }

    private static DeadLetter letter(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                text(record, DeadLetterHeaders.REASON), text(record, DeadLetterHeaders.REASON_KIND),
                text(record, DeadLetterHeaders.SOURCE_TOPIC), parseInt(text(record, DeadLetterHeaders.SOURCE_PARTITION)),
                parseLong(text(record, DeadLetterHeaders.SOURCE_OFFSET)), text(record, DeadLetterHeaders.TRANSLATION),
                text(record, DeadLetterHeaders.TRANSLATION_VERSION),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
                record.partition(), record.offset());
    }

    private static String text(ConsumerRecord<byte[], byte[]> record, String header) {
        return CloudEventHeaders.text(record.headers(), header);
    }

    private static void add(RecordHeaders headers, String key, String value) {
        if (value != null) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static int parseInt(String text) {
        try {
            return text == null ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLong(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
