package ficus.acl.runtime;

import ficus.acl.customer.CustomerEvent;
import ficus.acl.translation.SourcePosition;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Value serde of {@code crm.customer.v1}. Serializes the contract JSON; deserializing needs the record's CloudEvents
 * headers (id, position and time are attributes, not part of the JSON), so it only works through the
 * {@code deserialize(topic, headers, data)} path that Kafka clients and Kafka Streams use.
 */
public final class CustomerEventSerde implements Serde<CustomerEvent> {

    @Override
    public Serializer<CustomerEvent> serializer() {
        return (topic, event) -> event == null ? null : CustomerJson.writeEvent(event);
    }

    @Override
    public Deserializer<CustomerEvent> deserializer() {
        return new Deserializer<>() {
            @Override
            public CustomerEvent deserialize(String topic, byte[] data) {
                throw new SerializationException("a " + topic + " event needs its CloudEvents headers to be read");
            }

            @Override
            public CustomerEvent deserialize(String topic, Headers headers, byte[] data) {
                if (data == null) {
                    return null;
                }
                String id = CloudEventHeaders.text(headers, CloudEventHeaders.ID);
                String position = CloudEventHeaders.text(headers, CloudEventHeaders.POSITION);
                String time = CloudEventHeaders.text(headers, CloudEventHeaders.TIME);
                if (id == null || position == null || time == null) {
                    throw new SerializationException("record of " + topic + " lacks " + CloudEventHeaders.ID + ", "
                            + CloudEventHeaders.POSITION + " or " + CloudEventHeaders.TIME + " header");
                }
                try {
                    return CustomerJson.readEvent(data, UUID.fromString(id), SourcePosition.parse(position),
                            Instant.parse(time));
                } catch (RuntimeException e) {
                    throw new SerializationException("unreadable " + topic + " event: " + e.getMessage(), e);
                }
            }
        };
    }
}
