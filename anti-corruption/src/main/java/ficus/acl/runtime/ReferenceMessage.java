package ficus.acl.runtime;

import ficus.acl.aggregate.AggregateKey;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the reference index of a translation receives, keyed by {@link #indexKey} (part and referenced row), so that
 * every message about one referenced row meets in one task: a change of the row, or an aggregate starting or stopping
 * to follow it.
 */
sealed interface ReferenceMessage {

    String part();

    /** The referenced row's key text. */
    String referencedKey();

    /** {@code <part> NUL <referenced key>}: the index's record key and the prefix of its follower entries. */
    default String indexKey() {
        return indexKey(part(), referencedKey());
    }

    static String indexKey(String part, String referencedKey) {
        return part + '\u0000' + referencedKey;
    }

    /** A change of the referenced row (parsed once; its envelope names the raw record). */
    record RowChange(String part, String referencedKey, ChangeEnvelope change) implements ReferenceMessage {
        public RowChange {
            Objects.requireNonNull(change, "change");
        }
    }

    /** An aggregate starts ({@code follow}) or stops following the referenced row. */
    record Follow(String part, String referencedKey, AggregateKey aggregate, byte[] placement, boolean follow)
            implements ReferenceMessage {
        public Follow {
            Objects.requireNonNull(aggregate, "aggregate");
            Objects.requireNonNull(placement, "placement");
        }
    }

    /** Binary: format byte, kind, part, referenced key, then the envelope or the follower. */
    final class MessageSerde implements Serde<ReferenceMessage> {

        private static final int FORMAT_V1 = 0x01;
        private static final int ROW_CHANGE = 1;
        private static final int FOLLOW = 2;
        private static final int UNFOLLOW = 3;
        private final ChangeEnvelope.EnvelopeSerde envelopes = new ChangeEnvelope.EnvelopeSerde();

        @Override
        public Serializer<ReferenceMessage> serializer() {
            return (topic, message) -> {
                if (message == null) {
                    return null;
                }
                Binary.Writer out = new Binary.Writer(256);
                out.writeByte(FORMAT_V1);
                switch (message) {
                    case RowChange change -> {
                        out.writeByte(ROW_CHANGE).writeString(change.part()).writeString(change.referencedKey());
                        out.writeBytes(envelopes.serializer().serialize(topic, change.change()));
                    }
                    case Follow follow -> {
                        out.writeByte(follow.follow() ? FOLLOW : UNFOLLOW).writeString(follow.part())
                                .writeString(follow.referencedKey());
                        BinaryCodec.writeKey(out, follow.aggregate());
                        out.writeBytes(follow.placement());
                    }
                }
                return out.toByteArray();
            };
        }

        @Override
        public Deserializer<ReferenceMessage> deserializer() {
            return (topic, data) -> {
                if (data == null) {
                    return null;
                }
                try {
                    Binary.Reader in = new Binary.Reader(data, 0);
                    int format = in.readByte();
                    if (format != FORMAT_V1) {
                        throw new IllegalArgumentException("unknown reference message format " + format);
                    }
                    int kind = in.readByte();
                    String part = in.readString();
                    String referencedKey = in.readString();
                    return switch (kind) {
                        case ROW_CHANGE -> new RowChange(part, referencedKey,
                                envelopes.deserializer().deserialize(topic, in.readBytes()));
                        case FOLLOW, UNFOLLOW -> new Follow(part, referencedKey, BinaryCodec.readKey(in),
                                in.readBytes(), kind == FOLLOW);
                        default -> throw new IllegalArgumentException("unknown reference message kind " + kind);
                    };
                } catch (RuntimeException e) {
                    throw new SerializationException("unreadable reference message in " + topic + ": "
                            + e.getMessage(), e);
                }
            };
        }
    }
}
