package ficus.acl.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A raw change on its way from the re-keying step to the customer's aggregate (through the repartition topic keyed
 * by customer id): the original record's key and value bytes and where it was read (so a dead letter written after
 * the repartition still names the raw topic, partition and offset). Headers travel as record headers.
 */
record ChangeEnvelope(String topic, int partition, long offset, byte[] key, byte[] value) {

    static final class EnvelopeSerde implements Serde<ChangeEnvelope> {
        @Override
        public Serializer<ChangeEnvelope> serializer() {
            return (t, e) -> {
                if (e == null) {
                    return null;
                }
                byte[] topic = e.topic().getBytes(StandardCharsets.UTF_8);
                int keyLength = e.key() == null ? -1 : e.key().length;
                int valueLength = e.value() == null ? -1 : e.value().length;
                ByteBuffer buffer = ByteBuffer.allocate(4 + topic.length + 4 + 8 + 4 + Math.max(0, keyLength) + 4
                        + Math.max(0, valueLength));
                buffer.putInt(topic.length).put(topic).putInt(e.partition()).putLong(e.offset());
                buffer.putInt(keyLength);
                if (keyLength > 0) {
                    buffer.put(e.key());
                }
                buffer.putInt(valueLength);
                if (valueLength > 0) {
                    buffer.put(e.value());
                }
                return buffer.array();
            };
        }

        @Override
        public Deserializer<ChangeEnvelope> deserializer() {
            return (t, data) -> {
                if (data == null) {
                    return null;
                }
                ByteBuffer buffer = ByteBuffer.wrap(data);
                byte[] topic = new byte[buffer.getInt()];
                buffer.get(topic);
                int partition = buffer.getInt();
                long offset = buffer.getLong();
                return new ChangeEnvelope(new String(topic, StandardCharsets.UTF_8), partition, offset,
                        bytes(buffer), bytes(buffer));
            };
        }

        private static byte[] bytes(ByteBuffer buffer) {
            int length = buffer.getInt();
            if (length < 0) {
                return null;
            }
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return bytes;
        }
    }
}
