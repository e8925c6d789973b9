package ficus.acl.runtime;

import ficus.acl.aggregate.Aggregate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The aggregate store's values: {@link BinaryCodec}'s self-describing binary form. */
final class AggregateSerde implements Serde<Aggregate> {

    @Override
    public Serializer<Aggregate> serializer() {
        return (topic, aggregate) -> aggregate == null ? null : BinaryCodec.writeAggregate(aggregate);
    }

    @Override
    public Deserializer<Aggregate> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return BinaryCodec.readAggregate(data);
            } catch (RuntimeException e) {
                throw new SerializationException("unreadable aggregate in " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
