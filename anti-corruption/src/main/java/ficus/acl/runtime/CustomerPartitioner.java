package ficus.acl.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Puts every change of one customer on the partition that Debezium's own records of the customer's row land on, so
 * that the root table's raw topic and the repartition topic of the parts are co-partitioned and the root's changes need
 * no repartition at all.
 *
 * <p>Debezium's key of a {@code crm.cust} change is the row's primary key written by Kafka Connect's
 * {@code JsonConverter} with schemas disabled — compact JSON, {@code {"cust_id":1000001}} — and Kafka Connect's producer
 * places it with Kafka's default partitioner: {@code toPositive(murmur2(keyBytes)) % partitions}. This partitioner
 * computes exactly that from the customer id. The routing step sends a root change directly to its translation only
 * when it was read from the root topic on the very partition this function names (see
 * {@link ChangeRouter}); anything else (another key format, a custom partitioner, a replayed dead letter) takes the
 * repartition topic, which has the root topic's partition count. So correctness never depends on how the capture
 * partitions; only how much is repartitioned does.
 */
final class CustomerPartitioner implements StreamPartitioner<String, ChangeEnvelope> {

    private final byte[] prefix;

    /** @param rootKeyColumn the root table's key column ({@code cust_id}) */
    CustomerPartitioner(String rootKeyColumn) {
        this.prefix = ("{\"" + rootKeyColumn + "\":").getBytes(StandardCharsets.UTF_8);
    }

    /** Debezium's raw key of the customer's row: {@code {"cust_id":<id>}}. */
    byte[] rawKey(long customerId) {
        byte[] id = Long.toString(customerId).getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[prefix.length + id.length + 1];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(id, 0, key, prefix.length, id.length);
        key[key.length - 1] = '}';
        return key;
    }

    /** The partition Kafka's default partitioner gives the customer's raw key among {@code partitions}. */
    int partition(long customerId, int partitions) {
        return Utils.toPositive(Utils.murmur2(rawKey(customerId))) % partitions;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, ChangeEnvelope envelope, int numPartitions) {
        return Optional.of(Set.of(partition(envelope.customerId(), numPartitions)));
    }
}
