package ficus.kit.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads a Kafka record in CloudEvents binary mode into an {@link EventEnvelope}. A record that cannot be read is not
 * an exception but a {@link Read.Poison} value naming why and where, so the consumer loop can count it and move on.
 */
public final class EnvelopeReader {

    private final ObjectMapper mapper;

    public EnvelopeReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The outcome of reading one record. */
    public sealed interface Read permits Read.Event, Read.Poison {

        record Event(EventEnvelope envelope) implements Read {
        }

        /** A record that can never be applied: reason says what is wrong, the rest where it is. */
        record Poison(String topic, int partition, long offset, String reason) implements Read {

            public String coordinates() {
                return topic + "/" + partition + "@" + offset;
            }
        }
    }

    public Read read(ConsumerRecord<?, byte[]> record) {
        for (String name : CloudEventHeaders.REQUIRED) {
            String value = header(record, name);
            if (value == null || value.isBlank()) {
                return poison(record, "missing header " + name);
            }
        }
        String specVersion = header(record, CloudEventHeaders.SPECVERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            return poison(record, CloudEventHeaders.SPECVERSION + " '" + specVersion + "' is not 1.0");
        }
        Instant time;
        String timeText = header(record, CloudEventHeaders.TIME);
        try {
            time = OffsetDateTime.parse(timeText).toInstant();
        } catch (DateTimeParseException e) {
            return poison(record, CloudEventHeaders.TIME + " '" + timeText + "' is not an RFC 3339 timestamp");
        }
        String position = header(record, CloudEventHeaders.POSITION);
        try {
            Position.parse(position);
        } catch (IllegalArgumentException e) {
            return poison(record, CloudEventHeaders.POSITION + ": " + e.getMessage());
        }
        if (record.value() == null) {
            return poison(record, "value is null (tombstone); domain events always carry data");
        }
        JsonNode data;
        try {
            data = mapper.readTree(record.value());
        } catch (IOException e) {
            return poison(record, "value is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (data == null || data.isMissingNode() || data.isNull()) {
            return poison(record, "value is empty or JSON null");
        }
        return new Read.Event(new EventEnvelope(header(record, CloudEventHeaders.ID),
                header(record, CloudEventHeaders.TYPE), header(record, CloudEventHeaders.SOURCE),
                header(record, CloudEventHeaders.SUBJECT), time, position, data, record.topic(), record.partition(),
                record.offset()));
    }

    private static Read.Poison poison(ConsumerRecord<?, ?> record, String reason) {
        return new Read.Poison(record.topic(), record.partition(), record.offset(), reason);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
