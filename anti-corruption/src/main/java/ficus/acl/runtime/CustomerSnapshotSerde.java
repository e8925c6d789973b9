package ficus.acl.runtime;

import ficus.acl.customer.CustomerSnapshot;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde of the per-customer snapshot store (and its changelog topic). */
final class CustomerSnapshotSerde implements Serde<CustomerSnapshot> {

    @Override
    public Serializer<CustomerSnapshot> serializer() {
        return (topic, snapshot) -> snapshot == null ? null : CustomerJson.writeSnapshot(snapshot);
    }

    @Override
    public Deserializer<CustomerSnapshot> deserializer() {
        return (topic, data) -> data == null ? null : CustomerJson.readSnapshot(data);
    }
}
