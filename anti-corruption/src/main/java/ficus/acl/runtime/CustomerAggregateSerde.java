package ficus.acl.runtime;

import ficus.acl.customer.CustomerAggregate;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde of the per-customer aggregate store (and its changelog topic). */
final class CustomerAggregateSerde implements Serde<CustomerAggregate> {

    @Override
    public Serializer<CustomerAggregate> serializer() {
        return (topic, aggregate) -> aggregate == null ? null : CustomerJson.writeAggregate(aggregate);
    }

    @Override
    public Deserializer<CustomerAggregate> deserializer() {
        return (topic, data) -> data == null ? null : CustomerJson.readAggregate(data);
    }
}
