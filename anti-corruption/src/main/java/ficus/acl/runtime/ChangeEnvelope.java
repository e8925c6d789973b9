package ficus.acl.runtime;

import ficus.acl.translation.Change;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A raw change on its way from the routing step to the customer's aggregate: where it was read (so a dead letter
 * written by the translation step still names the raw topic, partition and offset), the original key and value bytes
 * (for that dead letter), the customer it belongs to and the change parsed once by the routing step. Headers travel as
 * record headers. Through the repartition topic it travels in a binary form ({@link EnvelopeSerde}); a change that
 * needs no repartition is handed over as this object, never serialized.
 */
record ChangeEnvelope(String topic, int partition, long offset, byte[] key, byte[] value, long customerId,
        Change change) {

    /** Where a record was read, before it is parsed and routed. */
    ChangeEnvelope(String topic, int partition, long offset, byte[] key, byte[] value) {
        this(topic, partition, offset, key, value, -1L, null);
    }

    ChangeEnvelope routed(long toCustomer, Change parsed) {
        return new ChangeEnvelope(topic, partition, offset, key, value, toCustomer, parsed);
    }

    /**
     * Binary: format byte, topic, partition, offset, key, value, customer id, the parsed change. Format 3 adds the
     * change's restate flag; format 2 (an earlier build's, still in the repartition topic during an upgrade) is read
     * as an ordinary change.
     */
    static final class EnvelopeSerde implements Serde<ChangeEnvelope> {

        static final int FORMAT_V2 = 0x02;
        static final int FORMAT_V3 = 0x03;

        @Override
        public Serializer<ChangeEnvelope> serializer() {
            return (t, e) -> {
                if (e == null) {
                    return null;
                }
                int size = 64 + (e.key() == null ? 0 : e.key().length) + (e.value() == null ? 0 : e.value().length);
                Binary.Writer out = new Binary.Writer(size + size / 2);
                out.writeByte(FORMAT_V3).writeString(e.topic()).writeInt(e.partition()).writeLong(e.offset())
                        .writeBytes(e.key()).writeBytes(e.value()).writeLong(e.customerId());
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
                    if (format != FORMAT_V2 && format != FORMAT_V3) {
                        throw new IllegalArgumentException("unknown envelope format " + format);
                    }
                    String topic = in.readString();
                    int partition = in.readInt();
                    long offset = in.readLong();
                    byte[] key = in.readBytes();
                    byte[] value = in.readBytes();
                    long customerId = in.readLong();
                    Change change = in.readBoolean() ? BinaryCodec.readChange(in, format == FORMAT_V3) : null;
                    return new ChangeEnvelope(topic, partition, offset, key, value, customerId, change);
                } catch (RuntimeException e) {
                    throw new SerializationException("unreadable change envelope in " + t + ": " + e.getMessage(), e);
                }
            };
        }
    }
}
