package ficus.acl.runtime;

import ficus.acl.customer.CustomerAggregate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the per-customer aggregate store (and its changelog topic): the compact binary form of
 * {@link BinaryCodec}. Reads the JSON an earlier version wrote too (a value starting with {@code '{'}), so a store
 * restored from an older changelog still works; the next write of that customer stores the binary form.
 */
final class CustomerAggregateSerde implements Serde<CustomerAggregate> {

    @Override
    public Serializer<CustomerAggregate> serializer() {
        return (topic, aggregate) -> aggregate == null ? null : BinaryCodec.writeAggregate(aggregate);
    }

    @Override
    public Deserializer<CustomerAggregate> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length > 0 && data[0] == BinaryCodec.AGGREGATE_V1) {
                try {
                    return BinaryCodec.readAggregate(data);
                } catch (RuntimeException e) {
                    throw new SerializationException("unreadable customer aggregate in " + topic + ": "
                            + e.getMessage(), e);
                }
            }
            return CustomerJson.readAggregate(data);
        };
    }
}
