package ficus.kit.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records a component cannot apply to its dead-letter topic ({@code <component>.dlq} by default): the original
 * key, value and headers plus the {@link DeadLetterHeaders}. {@link #send} waits for the broker's acknowledgement, so
 * the consumer commits past a record only once its dead letter is stored: nothing is lost between the two.
 */
public final class DeadLetters implements AutoCloseable {

    /** What kind of dead letter. */
    public enum Kind {
        POISON("poison"), UNUSABLE("unusable"), FAILED("failed");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** One dead letter to write. */
    public record Letter(ConsumerRecord<byte[], byte[]> record, Kind kind, String reason, int attempts,
                         Throwable failure) {
    }

    private final String component;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Clock clock;

    public DeadLetters(String component, String topic, String bootstrapServers, Map<String, Object> overrides,
                       Clock clock) {
        this.component = component;
        this.topic = topic;
        this.clock = clock;
        Properties p = new Properties();
        p.putAll(overrides);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, component + "-dlq");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    public String topic() {
        return topic;
    }

    /** The dead-letter record for {@code letter}: same key, value and partition-independent headers, plus reasons. */
    public ProducerRecord<byte[], byte[]> toRecord(Letter letter) {
        return toRecord(component, topic, letter, clock);
    }

    static ProducerRecord<byte[], byte[]> toRecord(String component, String topic, Letter letter, Clock clock) {
        ConsumerRecord<byte[], byte[]> r = letter.record();
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            headers.add(h.key(), h.value());
        }
        put(headers, DeadLetterHeaders.REASON, oneLine(letter.reason()));
        put(headers, DeadLetterHeaders.KIND, letter.kind().code());
        put(headers, DeadLetterHeaders.SOURCE_TOPIC, r.topic());
        put(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(r.partition()));
        put(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(r.offset()));
        put(headers, DeadLetterHeaders.COMPONENT, component);
        put(headers, DeadLetterHeaders.ATTEMPTS, String.valueOf(letter.attempts()));
        put(headers, DeadLetterHeaders.DEAD_LETTERED_AT, clock.instant().toString());
        if (letter.failure() != null) {
            put(headers, DeadLetterHeaders.EXCEPTION, letter.failure().getClass().getName());
        }
        return new ProducerRecord<>(topic, null, r.key(), r.value(), headers);
    }

    /**
     * Writes the dead letter and waits for the acknowledgement.
     *
     * @throws IllegalStateException when the broker did not take it (the caller retries the record later)
     */
    public void send(Letter letter) {
        try {
            producer.send(toRecord(letter)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the dead letter to " + topic + ": " + e.getMessage(), e);
        }
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 1000 ? line.substring(0, 1000) + "…" : line;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
