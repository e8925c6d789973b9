package ficus.acl.runtime;

import ficus.acl.aggregate.AggregateKey;
import ficus.acl.translation.Change;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A raw change on its way from the routing step to its aggregate: where it was read (so a dead letter
 * written by the translation step still names the raw topic, partition and offset), the original key and value bytes
 * (for that dead letter), the aggregate it belongs to (with its placement) and the change parsed once by the routing step. Headers travel as
 * record headers. Through the repartition topic it travels in a binary form ({@link EnvelopeSerde}); a change that
 * needs no repartition is handed over as this object, never serialized.
 */
record ChangeEnvelope(String topic, int partition, long offset, byte[] key, byte[] value, AggregateKey aggregate,
        byte[] placement, Change change) {

    /** Where a record was read, before it is parsed and routed. */
    ChangeEnvelope(String topic, int partition, long offset, byte[] key, byte[] value) {
        this(topic, partition, offset, key, value, null, null, null);
    }

    /**
     * @param to        the aggregate the change belongs to
     * @param placement the raw key Debezium writes for the aggregate's root row ({@link AggregatePartitioner})
     */
    ChangeEnvelope routed(AggregateKey to, byte[] placement, Change parsed) {
        return new ChangeEnvelope(topic, partition, offset, key, value, to, placement, parsed);
    }

    /**
     * Binary: format byte, topic, partition, offset, key, value, aggregate key, placement, the parsed change (with
     * its restate flag). Format 4 is the generic engine's; earlier formats held a numeric aggregate id and are refused (the
     * state of a build before the generic engine is not reusable).
     */
    static final class EnvelopeSerde implements Serde<ChangeEnvelope> {

        static final int FORMAT_V4 = 0x04;

        @Override
        public Serializer<ChangeEnvelope> serializer() {
            return (t, e) -> {
                if (e == null) {
                    return null;
                }
                int size = 64 + (e.key() == null ? 0 : e.key().length) + (e.value() == null ? 0 : e.value().length);
                Binary.Writer out = new Binary.Writer(size + size / 2);
                out.writeByte(FORMAT_V4).writeString(e.topic()).writeInt(e.partition()).writeLong(e.offset())
                        .writeBytes(e.key()).writeBytes(e.value());
                out.writeBoolean(e.aggregate() != null);
                if (e.aggregate() != null) {
                    BinaryCodec.writeKey(out, e.aggregate());
                }
                out.writeBytes(e.placement());
                out.writeBoolean(e.change() != null);
                if (e.change() != null) {
                    BinaryCodec.writeChange(out, e.change());
                }
                return out.toByteArray();
            };
        }

        @Override
        public Deserializer<ChangeEnvelope> deserializer() {
            return (t, data) -> {
                if (data == null) {
                    return null;
                }
                try {
                    Binary.Reader in = new Binary.Reader(data, 0);
                    int format = in.readByte();
                    if (format != FORMAT_V4) {
                        throw new IllegalArgumentException("unknown envelope format " + format);
                    }
                    String topic = in.readString();
                    int partition = in.readInt();
                    long offset = in.readLong();
                    byte[] key = in.readBytes();
                    byte[] value = in.readBytes();
                    AggregateKey aggregate = in.readBoolean() ? BinaryCodec.readKey(in) : null;
                    byte[] placement = in.readBytes();
                    Change change = in.readBoolean() ? BinaryCodec.readChange(in, true) : null;
                    return new ChangeEnvelope(topic, partition, offset, key, value, aggregate, placement, change);
                } catch (RuntimeException e) {
                    throw new SerializationException("unreadable change envelope in " + t + ": " + e.getMessage(), e);
                }
            };
        }
    }
}
