package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.aggregate.Aggregate;
import ficus.acl.aggregate.AggregateKey;
import ficus.acl.aggregate.AggregateState;
import ficus.acl.aggregate.FieldValues;
import ficus.acl.spec.FieldType;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class BinaryCodecTest {

    private static FieldValues row(Object... namesAndValues) {
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            names.add((String) namesAndValues[i]);
            values.add(namesAndValues[i + 1]);
        }
        return FieldValues.restore(names, values);
    }

    /** An order with a value of every type the engine holds, a list part, a count, an exists and a reference. */
    private static Aggregate aggregate() {
        FieldValues root = row("tenant", 7L, "orderNo", 42L, "total", new BigDecimal("-12.50"),
                "weight", 1.25d, "gift", true, "shipBy", LocalDate.of(2026, 12, 24),
                "pickup", LocalTime.of(9, 30, 0, 500_000_000), "touched", LocalDateTime.of(2026, 1, 2, 3, 4, 5),
                "placedAt", Instant.parse("2026-11-30T09:15:00.123456Z"), "handling", "P1DT2H3M4.5S",
                "publicId", UUID.fromString("6f1c7a8e-6c8e-3f35-9d2b-0a4c2c1e9f00"),
                "attributes", new FieldType.JsonText("{\"a\":[1,2]}"),
                "signature", new FieldType.Bytes(new byte[] {0, (byte) 0xff, 0x10}),
                "tags", Arrays.asList("b", null, "a"), "notes", "Ünïcode — ok", "email", null,
                "big", new BigInteger("123456789012345678901234567890"));
        FieldValues line = row("lineNo", 1L, "sku", "A-1");
        Map<String, Map<String, Aggregate.PartRow>> parts = new LinkedHashMap<>();
        parts.put("lines", Map.of("7:42:1", new Aggregate.PartRow(line, SourcePosition.streamed(0x10, 0x20)),
                "7:42:2", new Aggregate.PartRow(null, new SourcePosition(1, 0x30, 0x40, 2))));
        parts.put("vessel", Map.of("1001", new Aggregate.PartRow(row("name", "Ada"), SourcePosition.snapshot(5))));
        Map<String, Object> stateParts = new LinkedHashMap<>();
        stateParts.put("lines", List.of(line));
        stateParts.put("shipments", 2L);
        stateParts.put("paid", false);
        stateParts.put("vessel", row("name", "Ada"));
        stateParts.put("missing", null);
        return new Aggregate(AggregateKey.of(List.of(7L, 42L), ":"), root, SourcePosition.streamed(0x30, 0x38),
                parts, Map.of("vessel", "1001"), new Aggregate.Published(new AggregateState(root, stateParts),
                        new SourcePosition(1, 0x30, 0x40, 1), "6f1c7a8e-6c8e-3f35-9d2b-0a4c2c1e9f00"));
    }

    @Test
    void shouldReadBackEveryPartOfAnAggregateWithEveryValueTypeFromItsBinaryForm() {
        AggregateSerde serde = new AggregateSerde();
        byte[] binary = serde.serializer().serialize("t", aggregate());
        assertThat(binary[0]).isEqualTo((byte) BinaryCodec.AGGREGATE_V2);
        Aggregate read = serde.deserializer().deserialize("t", binary);
        assertThat(read).isEqualTo(aggregate());
        assertThat(read.root().get("total")).isEqualTo(new BigDecimal("-12.50")); // scale kept
        assertThat(read.published().state().parts().get("shipments")).isEqualTo(2L);
        Aggregate removed = new Aggregate(AggregateKey.of(5L), null, SourcePosition.snapshot(1), Map.of(), Map.of(),
                new Aggregate.Published(null, SourcePosition.streamed(1, 2), "id"));
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", removed)))
                .isEqualTo(removed);
        Aggregate empty = Aggregate.empty(AggregateKey.of("K-1"));
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", empty))).isEqualTo(empty);
    }

    @Test
    void shouldRefuseTheStateOfABuildBeforeTheGenericEngineNamingWhatToDo() {
        byte[] formatOne = {0x01, 0, 0, 0, 0, 0, 0, 0, 1};
        assertThatThrownBy(() -> new AggregateSerde().deserializer().deserialize("t", formatOne))
                .isInstanceOf(SerializationException.class).hasMessageContaining("reset the layer's application");
    }

    @Test
    void shouldCarryAParsedChangeThroughTheRepartitionTopicUnchanged() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("leg_id", 7L);
        after.put("voyage_id", 1_000_001L);
        after.put("ln1", "1 Analytical Row — Ünicode");
        after.put("zip", null);
        after.put("big", new BigInteger("123456789012345678901234567890"));
        after.put("amount", new BigDecimal("12.50"));
        after.put("flag", true);
        after.put("other", false);
        after.put("tags", Arrays.asList("a", null, List.of(1L, 2L)));
        Change change = new Change(Operation.UPDATE, Row.of(Map.of("leg_id", 7L, "voyage_id", 1_000_000L)),
                Row.of(after), new SourcePosition(1, 0x16E9058, 0x16E9090), Instant.ofEpochMilli(1_700_000_000_123L),
                new Origin("src", "fleet", "leg"));
        byte[] placement = "{\"voyage_id\":1000001}".getBytes();
        ChangeEnvelope envelope = new ChangeEnvelope("src.fleet.leg", 1, 42L, "{\"leg_id\":7}".getBytes(),
                "{}".getBytes()).routed(AggregateKey.of(1_000_001L), placement, change);
        ChangeEnvelope.EnvelopeSerde serde = new ChangeEnvelope.EnvelopeSerde();
        byte[] bytes = serde.serializer().serialize("t", envelope);
        assertThat(bytes[0]).isEqualTo((byte) ChangeEnvelope.EnvelopeSerde.FORMAT_V4);
        ChangeEnvelope read = serde.deserializer().deserialize("t", bytes);
        assertThat(read.change()).isEqualTo(change);
        assertThat(read.aggregate()).isEqualTo(AggregateKey.of(1_000_001L));
        assertThat(read.placement()).isEqualTo(placement);
        assertThat(read.topic()).isEqualTo("src.fleet.leg");
        assertThat(read.partition()).isEqualTo(1);
        assertThat(read.offset()).isEqualTo(42L);
        assertThat(read.key()).isEqualTo(envelope.key());
        assertThat(read.value()).isEqualTo(envelope.value());
    }

    @Test
    void shouldCarryTheRestateFlagThroughTheRepartitionTopic() {
        Change change = new Change(Operation.READ, null, Row.of(Map.of("leg_id", 7L, "voyage_id", 1_000_001L)),
                SourcePosition.snapshot(0x500), Instant.ofEpochMilli(1_700_000_000_123L),
                new Origin("src", "fleet", "leg"), true);
        ChangeEnvelope envelope = new ChangeEnvelope("ficus.dlq.voyage.replay", 0, 3L,
                "{\"voyage_id\":1000001}".getBytes(), "{}".getBytes())
                .routed(AggregateKey.of(1_000_001L), "{\"voyage_id\":1000001}".getBytes(), change);
        ChangeEnvelope.EnvelopeSerde serde = new ChangeEnvelope.EnvelopeSerde();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", envelope)).change()
                .restate()).isTrue();
    }

    @Test
    void shouldCarryReferenceMessagesThroughTheReferenceIndexTopic() {
        ReferenceMessage.MessageSerde serde = new ReferenceMessage.MessageSerde();
        ReferenceMessage.Follow follow = new ReferenceMessage.Follow("vessel", "1001",
                AggregateKey.of(List.of(7L, 42L), ":"), "{\"Tenant\":7,\"OrderNo\":42}".getBytes(), true);
        ReferenceMessage read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", follow));
        assertThat(read).isInstanceOfSatisfying(ReferenceMessage.Follow.class, f -> {
            assertThat(f.aggregate()).isEqualTo(follow.aggregate());
            assertThat(f.placement()).isEqualTo(follow.placement());
            assertThat(f.follow()).isTrue();
            assertThat(f.indexKey()).isEqualTo("vessel\u00001001");
        });
        Change change = new Change(Operation.CREATE, null, Row.of(Map.of("VesselId", 1001L)),
                SourcePosition.streamed(1, 2), Instant.ofEpochMilli(1), new Origin("ships", "fleet", "Vessel"));
        ReferenceMessage.RowChange row = new ReferenceMessage.RowChange("vessel", "1001",
                new ChangeEnvelope("ships.fleet.Vessel", 0, 9L, null, "{}".getBytes()).routed(null, null, change));
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", row)))
                .isInstanceOfSatisfying(ReferenceMessage.RowChange.class, r -> {
                    assertThat(r.change().change()).isEqualTo(change);
                    assertThat(r.change().aggregate()).isNull();
                });
    }
}
