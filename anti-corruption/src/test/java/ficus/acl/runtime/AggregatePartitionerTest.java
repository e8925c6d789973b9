package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.aggregate.AggregateKey;
import ficus.acl.translation.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class AggregatePartitionerTest {

    /** What Kafka Connect's JsonConverter (schemas disabled, as the capture plans configure it) writes as the key. */
    private static byte[] debeziumKey(Schema schema, Struct key) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), true);
            return converter.fromConnectData("raw", schema, key);
        }
    }

    private static Row row(Map<String, Object> values) {
        return Row.of(values);
    }

    @Test
    void shouldRebuildExactlyTheKeyBytesDebeziumWritesForAOneColumnKey() {
        Schema schema = SchemaBuilder.struct().field("voyage_id", Schema.INT64_SCHEMA).build();
        for (long id : new long[] {1L, 1_000_001L, 987_654_321_012L}) {
            assertThat(AggregatePartitioner.placement(List.of("voyage_id"), row(Map.of("voyage_id", id, "x", "y")),
                    List.of("voyage_id"))).isEqualTo(debeziumKey(schema, new Struct(schema).put("voyage_id", id)));
        }
    }

    @Test
    void shouldRebuildExactlyTheKeyBytesDebeziumWritesForACompositeMixedCaseKey() {
        Schema schema = SchemaBuilder.struct().field("Tenant", Schema.INT16_SCHEMA).field("OrderNo",
                Schema.INT64_SCHEMA).field("code", Schema.STRING_SCHEMA).build();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("code", "A\"1");
        values.put("OrderNo", 42L);
        values.put("Tenant", 7L); // the parser reads every whole number as a Long
        byte[] placement = AggregatePartitioner.placement(List.of("Tenant", "OrderNo", "code"), row(values),
                List.of("Tenant", "OrderNo", "code"));
        assertThat(placement).isEqualTo(debeziumKey(schema, new Struct(schema).put("Tenant", (short) 7)
                .put("OrderNo", 42L).put("code", "A\"1")));
    }

    @Test
    void shouldPlaceAPartRowUnderTheRootsKeyNamesFromItsLinkColumns() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("order_tenant", 7L);
        line.put("order_no", 42L);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("Tenant", 7L);
        order.put("OrderNo", 42L);
        assertThat(AggregatePartitioner.placement(List.of("Tenant", "OrderNo"), row(line),
                List.of("order_tenant", "order_no"))).isEqualTo(AggregatePartitioner.placement(
                        List.of("Tenant", "OrderNo"), row(order), List.of("Tenant", "OrderNo")));
    }

    @Test
    void shouldPlaceAnAggregateWhereKafkasDefaultPartitionerPlacesItsRootRowsKey() {
        Schema schema = SchemaBuilder.struct().field("voyage_id", Schema.INT64_SCHEMA).build();
        for (int partitions = 1; partitions <= 12; partitions++) {
            for (long id = 1_000_001L; id < 1_000_301L; id++) {
                byte[] placement = AggregatePartitioner.placement(List.of("voyage_id"), row(Map.of("voyage_id", id)),
                        List.of("voyage_id"));
                assertThat(AggregatePartitioner.partition(placement, partitions)).isEqualTo(BuiltInPartitioner
                        .partitionForKey(debeziumKey(schema, new Struct(schema).put("voyage_id", id)), partitions));
            }
        }
    }

    @Test
    void shouldSendARoutedChangeToItsAggregatesPartition() {
        byte[] placement = "{\"voyage_id\":1000001}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ChangeEnvelope envelope = new ChangeEnvelope("src.fleet.leg", 0, 7L, null, new byte[0])
                .routed(AggregateKey.of(1_000_001L), placement, null);
        assertThat(new AggregatePartitioner().partitions("repartition", "1000001", envelope, 6))
                .contains(java.util.Set.of(AggregatePartitioner.partition(placement, 6)));
    }
}
