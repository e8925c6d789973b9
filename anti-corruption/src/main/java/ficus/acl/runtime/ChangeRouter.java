package ficus.acl.runtime;

import ficus.acl.aggregate.AggregateKey;
import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.spec.PartSpec;
import ficus.acl.translation.Change;
import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.Row;
import ficus.acl.translation.UntranslatableException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step: reads a raw change of any of the aggregate's tables (or a replayed dead letter), parses it (the only
 * time: the parsed change travels on), finds the aggregate it belongs to and forwards it keyed by the aggregate's key,
 * so that every part of one aggregate meets in one task and store. A change of the root table read on the partition
 * its aggregate lives on ({@link AggregatePartitioner}: with Debezium's keys and Kafka's default partitioner, every
 * one) goes straight to the translation ({@link Outcome.Local}); anything else — part rows, replayed dead letters, a
 * root change on another partition — through the repartition topic ({@link Outcome.Routed}). A change of a row that
 * aggregates reference goes to the reference index ({@link Outcome.Referenced}), which hands it to each aggregate that
 * points at it. A part row's owner is remembered ({@code <table>:<row key>} → aggregate), because a delete of a table
 * without REPLICA IDENTITY FULL only carries the row's own key, and a row that moves to another aggregate must also
 * leave the old one (both get the change).
 */
final class ChangeRouter implements Processor<byte[], byte[], String, Outcome> {

    static final String OWNER_STORE = "part-owners";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeRouter.class);

    private final AggregateTranslation translation;
    private final AclMetrics metrics;
    private final String rootTopic;
    private final int rootPartitions;
    private final List<String> rootKeyColumns;
    private final DebeziumChangeParser parser;
    private final java.util.function.BiPredicate<ficus.acl.translation.Operation, ficus.acl.translation.Origin>
            beforeNeeded;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, String> owners;

    /**
     * @param rootTopic      the root table's raw topic
     * @param rootPartitions its partition count, which the repartition topic has too
     */
    ChangeRouter(AggregateTranslation translation, AclMetrics metrics, String rootTopic, int rootPartitions) {
        this.translation = translation;
        this.metrics = metrics;
        this.rootTopic = rootTopic;
        this.rootPartitions = rootPartitions;
        this.rootKeyColumns = translation.spec().root().keyColumns();
        this.parser = parserFor(translation.spec());
        this.beforeNeeded = (operation, origin) -> !translation.isRoot(origin);
    }

    /** The parser the routing step reads raw changes with: values of columns no table reads stay undecoded. */
    static DebeziumChangeParser parserFor(ficus.acl.spec.TranslationSpec spec) {
        return new DebeziumChangeParser(JsonSupport.mapper(), spec.undecodedColumns());
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.owners = context.getStateStore(OWNER_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.recordConsumed();
        if (record.value() == null) {
            metrics.recordSkipped();
            return;
        }
        ChangeEnvelope envelope = envelope(record);
        Change change;
        try {
            // the before image of a root change is only read for a delete (a part's before names its old owner)
            change = parser.parse(record.value(), beforeNeeded);
        } catch (MalformedChangeException e) {
            deadLetter(record, envelope, "malformed change: " + e.getMessage(), RejectionKind.MALFORMED);
            return;
        }
        metrics.recordPosition(envelope.topic(), change.position());
        try {
            for (String column : translation.newColumns(change)) {
                metrics.recordIgnoredColumn(change.origin().schema() + "." + change.origin().table() + "." + column);
            }
            if (translation.isRoot(change.origin())) {
                AggregateKey key = translation.rootKey(change.current());
                byte[] placement = AggregatePartitioner.placement(rootKeyColumns, change.current(), rootKeyColumns);
                Optional<RecordMetadata> source = context.recordMetadata();
                boolean local = source.isPresent() && source.get().topic().equals(rootTopic)
                        && (rootPartitions == 1
                                || source.get().partition() == AggregatePartitioner.partition(placement,
                                        rootPartitions));
                forward(record, envelope, change, key, placement, local);
                return;
            }
            List<PartSpec> parts = translation.partsOf(change.origin());
            if (parts.isEmpty()) {
                deadLetter(record, envelope, "the " + translation.spec().name() + " translation does not read "
                        + change.origin().schema() + "." + change.origin().table(), RejectionKind.REJECTED);
                return;
            }
            if (parts.get(0).isReference()) {
                for (PartSpec part : parts) {
                    String referenced = translation.partRowKey(change.current(), part);
                    context.forward(new Record<String, Outcome>(ReferenceMessage.indexKey(part.name(), referenced),
                            new Outcome.Referenced(new ReferenceMessage.RowChange(part.name(), referenced,
                                    envelope.routed(null, null, change))), record.timestamp(), record.headers()));
                }
                return;
            }
            routePart(record, envelope, parts.get(0), change);
        } catch (UntranslatableException e) {
            deadLetter(record, envelope, e.getMessage() + " (" + change.origin() + " at " + change.position() + ")",
                    e.kind());
        } catch (RuntimeException e) {
            deadLetter(record, envelope, "routing failed: " + e, RejectionKind.REJECTED);
        }
    }

    private void routePart(Record<byte[], byte[]> record, ChangeEnvelope envelope, PartSpec part, Change change) {
        String ownerKey = part.rows().table() + ":" + translation.partRowKey(change.current(), part);
        String storedValue = owners.get(ownerKey);
        Owner stored = storedValue != null ? Owner.parse(storedValue) : null;
        Owner previous = stored != null ? stored : owner(change.before(), part, null);
        if (change.after() == null) {
            if (previous == null) {
                throw new UntranslatableException(RejectionKind.MISSING_KEY, String.join(",", part.link()),
                        "missing key: " + part.rows().table() + " row " + translation.partRowKey(change.current(),
                                part) + " was deleted, its before image has no " + part.link() + " and its "
                                + translation.spec().aggregate() + " was never seen");
            }
            forward(record, envelope, change, previous.key(), previous.placement(), false);
            return;
        }
        Owner owner = owner(change.after(), part, change.position());
        if (owner == null) {
            throw new UntranslatableException(RejectionKind.MISSING_KEY, String.join(",", part.link()),
                    "missing key: " + part.rows().table() + " row has no " + part.link());
        }
        if (previous != null && !previous.key().equals(owner.key())) {
            forward(record, envelope, change, previous.key(), previous.placement(), false); // the row leaves it
        }
        if (stored == null || !stored.key().equals(owner.key())) {
            // only a newer change moves the row: a stale one (a backfill read or a replay from before the move) must
            // not point it back at its old aggregate, or a later key-only delete would miss the aggregate holding it
            SourcePosition since = stored == null ? null : stored.position();
            if (since == null || change.position().isAfter(since)) {
                owners.put(ownerKey, owner.format());
            }
        }
        forward(record, envelope, change, owner.key(), owner.placement(), false);
    }

    private Owner owner(Row row, PartSpec part, SourcePosition position) {
        AggregateKey key = translation.linkedKey(row, part);
        if (key == null) {
            return null;
        }
        return new Owner(key, AggregatePartitioner.placement(rootKeyColumns, row, part.link()), position);
    }

    /**
     * A value of {@link #OWNER_STORE}: the position of the change that set it, the aggregate key and the placement —
     * {@code <position> <length of the key's binary form in hex>:<key, binary as hex><placement>}.
     */
    record Owner(AggregateKey key, byte[] placement, SourcePosition position) {

        static Owner parse(String value) {
            int space = value.indexOf(' ');
            int colon = value.indexOf(':', space);
            int length = Integer.parseInt(value.substring(space + 1, colon), 16);
            byte[] keyBytes = java.util.HexFormat.of().parseHex(value, colon + 1, colon + 1 + length * 2);
            AggregateKey key = BinaryCodec.readKey(new Binary.Reader(keyBytes, 0));
            String placement = value.substring(colon + 1 + length * 2);
            return new Owner(key, placement.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    SourcePosition.parse(value.substring(0, space)));
        }

        String format() {
            Binary.Writer out = new Binary.Writer(64);
            BinaryCodec.writeKey(out, key);
            byte[] keyBytes = out.toByteArray();
            return position.format() + " " + Integer.toHexString(keyBytes.length) + ":"
                    + java.util.HexFormat.of().formatHex(keyBytes)
                    + new String(placement, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private void forward(Record<byte[], byte[]> record, ChangeEnvelope envelope, Change change, AggregateKey key,
            byte[] placement, boolean local) {
        ChangeEnvelope routed = envelope.routed(key, placement, change);
        if (!local) {
            metrics.recordRepartitioned();
        }
        context.forward(new Record<String, Outcome>(key.text(),
                local ? new Outcome.Local(routed) : new Outcome.Routed(routed), record.timestamp(), record.headers()));
    }

    /** Where the record really comes from: its own coordinates, or for a replayed dead letter the original ones. */
    private ChangeEnvelope envelope(Record<byte[], byte[]> record) {
        String replayTopic = CloudEventHeaders.text(record.headers(), DeadLetterHeaders.REPLAY_SOURCE_TOPIC);
        if (replayTopic != null) {
            try {
                return new ChangeEnvelope(replayTopic, Integer.parseInt(CloudEventHeaders.text(record.headers(),
                        DeadLetterHeaders.REPLAY_SOURCE_PARTITION)), Long.parseLong(CloudEventHeaders.text(
                                record.headers(), DeadLetterHeaders.REPLAY_SOURCE_OFFSET)), record.key(),
                        record.value());
            } catch (RuntimeException e) {
                LOG.warn("replayed record with unreadable source headers: {}", e.toString());
            }
        }
        Optional<RecordMetadata> source = context.recordMetadata();
        return new ChangeEnvelope(source.map(RecordMetadata::topic).orElse("unknown"),
                source.map(RecordMetadata::partition).orElse(-1), source.map(RecordMetadata::offset).orElse(-1L),
                record.key(), record.value());
    }

    private void deadLetter(Record<byte[], byte[]> record, ChangeEnvelope envelope, String reason,
            RejectionKind kind) {
        LOG.warn("dead-lettering {}-{}@{}: {}", envelope.topic(), envelope.partition(), envelope.offset(), reason);
        context.forward(new Record<String, Outcome>(null, new Outcome.DeadLetter(record.key(), record.value()),
                record.timestamp(), DeadLetterHeaders.of(record.headers(), reason, kind, envelope.topic(),
                        envelope.partition(), envelope.offset(), translation.spec().name(), translation.version())));
        metrics.recordDeadLettered(kind);
    }
}
