package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class CustomerPartitionerTest {

    private final CustomerPartitioner partitioner = new CustomerPartitioner("cust_id");

    /** What Kafka Connect's JsonConverter (schemas disabled, as the capture plans configure it) writes as the key. */
    private static byte[] debeziumKey(long customerId) {
        Schema schema = SchemaBuilder.struct().name("legacy.crm.cust.Key").field("cust_id", Schema.INT64_SCHEMA)
                .build();
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), true);
            return converter.fromConnectData("legacy.crm.cust", schema, new Struct(schema).put("cust_id", customerId));
        }
    }

    @Test
    void shouldRebuildExactlyTheKeyBytesDebeziumWritesForACustomerRow() {
        for (long id : new long[] {1L, 1_000_001L, 987_654_321_012L}) {
            assertThat(partitioner.rawKey(id)).isEqualTo(debeziumKey(id));
        }
    }

    @Test
    void shouldPlaceACustomerWhereKafkasDefaultPartitionerPlacesItsRowsKey() {
        for (int partitions = 1; partitions <= 12; partitions++) {
            for (long id = 1_000_001L; id < 1_000_301L; id++) {
                assertThat(partitioner.partition(id, partitions))
                        .isEqualTo(BuiltInPartitioner.partitionForKey(debeziumKey(id), partitions));
            }
        }
    }

    @Test
    void shouldSendARoutedChangeToItsCustomersPartition() {
        ChangeEnvelope envelope = new ChangeEnvelope("legacy.crm.cust_addr", 0, 7L, null, new byte[0])
                .routed(1_000_001L, null);
        assertThat(partitioner.partitions("repartition", "1000001", envelope, 6))
                .contains(java.util.Set.of(partitioner.partition(1_000_001L, 6)));
    }
}
