package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.customer.CustomerAddress;
import ficus.acl.customer.CustomerAggregate;
import ficus.acl.customer.CustomerSnapshot;
import ficus.acl.customer.CustomerState;
import ficus.acl.customer.CustomerStatus;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryCodecTest {

    private static final Instant REGISTERED = Instant.parse("2023-11-14T22:13:20.123456Z");

    private static CustomerAggregate aggregate() {
        CustomerState root = new CustomerState(1_000_001L, "Ada Lövelace", null, CustomerStatus.ACTIVE, REGISTERED);
        Map<String, String> address = new LinkedHashMap<>();
        address.put("line1", "1 Analytical Row");
        address.put("city", "London");
        address.put("zip", null);
        address.put("country", "GB");
        Map<String, Map<Long, CustomerAggregate.PartRow>> parts = new LinkedHashMap<>();
        parts.put("address", Map.of(7L, new CustomerAggregate.PartRow(address, SourcePosition.streamed(0x10, 0x20))));
        Map<Long, CustomerAggregate.PartRow> leads = new HashMap<>();
        leads.put(3L, new CustomerAggregate.PartRow(Map.of("ld_stat", "N"), SourcePosition.snapshot(0x5)));
        leads.put(4L, new CustomerAggregate.PartRow(null, new SourcePosition(1, 0x30, 0x40, 2)));
        parts.put("openLeads", leads);
        CustomerState published = root.withParts(new CustomerAddress("1 Analytical Row", "London", "N1", "GB"), 1);
        return new CustomerAggregate(1_000_001L, root, SourcePosition.streamed(0x30, 0x38), parts,
                new CustomerSnapshot(1_000_001L, published, new SourcePosition(1, 0x30, 0x40, 1), false,
                        "6f1c7a8e-6c8e-3f35-9d2b-0a4c2c1e9f00"));
    }

    @Test
    void shouldReadBackEveryPartOfAnAggregateFromItsBinaryForm() {
        CustomerAggregateSerde serde = new CustomerAggregateSerde();
        byte[] binary = serde.serializer().serialize("t", aggregate());
        assertThat(binary[0]).isEqualTo((byte) BinaryCodec.AGGREGATE_V1);
        assertThat(serde.deserializer().deserialize("t", binary)).isEqualTo(aggregate());
        CustomerAggregate removed = new CustomerAggregate(5L, null, SourcePosition.snapshot(1), Map.of(),
                new CustomerSnapshot(5L, null, SourcePosition.streamed(1, 2), true, "id"));
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", removed)))
                .isEqualTo(removed);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t",
                CustomerAggregate.empty(9L)))).isEqualTo(CustomerAggregate.empty(9L));
    }

    @Test
    void shouldStillReadAnAggregateAnEarlierVersionStoredAsJson() {
        byte[] json = CustomerJson.writeAggregate(aggregate());
        assertThat(json[0]).isEqualTo((byte) '{');
        assertThat(new CustomerAggregateSerde().deserializer().deserialize("t", json)).isEqualTo(aggregate());
    }

    @Test
    void shouldCarryAParsedChangeThroughTheRepartitionTopicUnchanged() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("addr_id", 7L);
        after.put("cust_id", 1_000_001L);
        after.put("ln1", "1 Analytical Row — Ünicode");
        after.put("zip", null);
        after.put("big", new BigInteger("123456789012345678901234567890"));
        after.put("amount", new BigDecimal("12.50"));
        after.put("flag", true);
        after.put("other", false);
        Change change = new Change(Operation.UPDATE, Row.of(Map.of("addr_id", 7L, "cust_id", 1_000_000L)),
                Row.of(after), new SourcePosition(1, 0x16E9058, 0x16E9090), Instant.ofEpochMilli(1_700_000_000_123L),
                new Origin("legacy", "crm", "cust_addr"));
        ChangeEnvelope envelope = new ChangeEnvelope("legacy.crm.cust_addr", 1, 42L, "{\"addr_id\":7}".getBytes(),
                "{}".getBytes()).routed(1_000_001L, change);
        ChangeEnvelope.EnvelopeSerde serde = new ChangeEnvelope.EnvelopeSerde();
        ChangeEnvelope read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", envelope));
        assertThat(read.change()).isEqualTo(change);
        assertThat(read.customerId()).isEqualTo(1_000_001L);
        assertThat(read.topic()).isEqualTo("legacy.crm.cust_addr");
        assertThat(read.partition()).isEqualTo(1);
        assertThat(read.offset()).isEqualTo(42L);
        assertThat(read.key()).isEqualTo(envelope.key());
        assertThat(read.value()).isEqualTo(envelope.value());
    }

    @Test
    void shouldCarryTheRestateFlagThroughTheRepartitionTopic() {
        Change change = new Change(Operation.READ, null, Row.of(Map.of("addr_id", 7L, "cust_id", 1_000_001L)),
                SourcePosition.snapshot(0x500), Instant.ofEpochMilli(1_700_000_000_123L),
                new Origin("legacy", "crm", "cust_addr"), true);
        ChangeEnvelope envelope = new ChangeEnvelope("ficus.dlq.customer.replay", 0, 3L,
                "{\"cust_id\":1000001}".getBytes(), "{}".getBytes())
                .routed(1_000_001L, change);
        ChangeEnvelope.EnvelopeSerde serde = new ChangeEnvelope.EnvelopeSerde();
        byte[] bytes = serde.serializer().serialize("t", envelope);
        assertThat(bytes[0]).isEqualTo((byte) ChangeEnvelope.EnvelopeSerde.FORMAT_V3);
        assertThat(serde.deserializer().deserialize("t", bytes).change()).isEqualTo(change);
    }

    @Test
    void shouldReadAnEnvelopeAnEarlierVersionWroteAsAnOrdinaryChange() {
        Change change = new Change(Operation.READ, null, Row.of(Map.of("cust_id", 1_000_001L)),
                SourcePosition.snapshot(0x500), Instant.ofEpochMilli(1_700_000_000_123L),
                new Origin("legacy", "crm", "cust"));
        ChangeEnvelope envelope = new ChangeEnvelope("legacy.crm.cust", 0, 3L,
                "{\"cust_id\":1000001}".getBytes(), "{}".getBytes())
                .routed(1_000_001L, change);
        ChangeEnvelope.EnvelopeSerde serde = new ChangeEnvelope.EnvelopeSerde();
        byte[] v3 = serde.serializer().serialize("t", envelope);
        // format 2 is format 3 without the trailing restate flag
        byte[] v2 = java.util.Arrays.copyOf(v3, v3.length - 1);
        v2[0] = (byte) ChangeEnvelope.EnvelopeSerde.FORMAT_V2;
        ChangeEnvelope read = serde.deserializer().deserialize("t", v2);
        assertThat(read.change()).isEqualTo(change);
        assertThat(read.change().restate()).isFalse();
    }
}
