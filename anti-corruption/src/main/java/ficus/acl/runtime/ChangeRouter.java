package ficus.acl.runtime;

import ficus.acl.customer.CustomerTranslation;
import ficus.acl.spec.PartSpec;
import ficus.acl.spec.RowProjector;
import ficus.acl.translation.Change;
import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.Row;
import ficus.acl.translation.UntranslatableException;
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
 * time: the parsed change travels on), finds the customer it belongs to and forwards it keyed by customer id, so that
 * every part of one customer meets in one task and store. A change of the root table read on the partition its
 * customer's aggregate lives on ({@link CustomerPartitioner}: with Debezium's keys and Kafka's default partitioner,
 * every one) goes straight to the translation ({@link Outcome.Local}); anything else — part rows, replayed dead letters,
 * a root change on another partition — through the repartition topic ({@link Outcome.Routed}). A part row's owner is
 * remembered ({@code <table>:<key>} → customer id), because a delete of a table without REPLICA IDENTITY FULL (e.g.
 * {@code crm.lead}) only carries the row's own key, and a row that moves to another customer must also leave the old
 * one (both get the change).
 */
final class ChangeRouter implements Processor<byte[], byte[], String, Outcome> {

    static final String OWNER_STORE = "customer-part-owners";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeRouter.class);

    private final CustomerTranslation translation;
    private final AclMetrics metrics;
    private final String rootTopic;
    private final int rootPartitions;
    private final CustomerPartitioner partitioner;
    private final DebeziumChangeParser parser;
    private final java.util.function.BiPredicate<ficus.acl.translation.Operation, ficus.acl.translation.Origin>
            beforeNeeded;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, String> owners;

    /**
     * @param rootTopic      the root table's raw topic
     * @param rootPartitions its partition count, which the repartition topic has too
     */
    ChangeRouter(CustomerTranslation translation, AclMetrics metrics, String rootTopic, int rootPartitions) {
        this.translation = translation;
        this.metrics = metrics;
        this.rootTopic = rootTopic;
        this.rootPartitions = rootPartitions;
        this.partitioner = new CustomerPartitioner(translation.spec().root().key());
        this.parser = parserFor(translation.spec());
        this.beforeNeeded = (operation, origin) -> !translation.isRoot(origin);
    }

    /** The parser the routing step reads raw changes with: values of columns no table reads stay undecoded. */
    static DebeziumChangeParser parserFor(ficus.acl.spec.TranslationSpec spec) {
        return new DebeziumChangeParser(new com.fasterxml.jackson.databind.ObjectMapper(), spec.undecodedColumns());
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
        try {
            for (String column : translation.newColumns(change)) {
                metrics.recordIgnoredColumn(change.origin().schema() + "." + change.origin().table() + "." + column);
            }
            if (translation.isRoot(change.origin())) {
                long customerId = translation.customerId(change);
                Optional<RecordMetadata> source = context.recordMetadata();
                boolean local = source.isPresent() && source.get().topic().equals(rootTopic)
                        && (rootPartitions == 1
                                || source.get().partition() == partitioner.partition(customerId, rootPartitions));
                forward(record, envelope, change, customerId, local);
                return;
            }
            Optional<PartSpec> part = translation.partOf(change.origin());
            if (part.isEmpty()) {
                deadLetter(record, envelope, "the " + CustomerTranslation.NAME + " translation does not read "
                        + change.origin().schema() + "." + change.origin().table(), RejectionKind.REJECTED);
                return;
            }
            routePart(record, envelope, part.get(), change);
        } catch (UntranslatableException e) {
            deadLetter(record, envelope, e.getMessage() + " (" + change.origin() + " at " + change.position() + ")",
                    e.kind());
        } catch (RuntimeException e) {
            deadLetter(record, envelope, "routing failed: " + e, RejectionKind.REJECTED);
        }
    }

    private void routePart(Record<byte[], byte[]> record, ChangeEnvelope envelope, PartSpec part, Change change) {
        long key = RowProjector.key(change.current(), part.rows().key());
        String ownerKey = part.rows().table() + ":" + key;
        String storedValue = owners.get(ownerKey);
        Owner stored = storedValue != null ? Owner.parse(storedValue) : null;
        Long storedOwner = stored != null ? stored.customerId() : null;
        Long previousOwner = storedOwner != null ? storedOwner : owner(change.before(), part);
        if (change.after() == null) {
            if (previousOwner == null) {
                throw new UntranslatableException(RejectionKind.MISSING_KEY, part.aggregateKey(), "missing key: "
                        + part.rows().table() + " row " + key + " was deleted, its before image has no "
                        + part.aggregateKey() + " and its customer was never seen");
            }
            forward(record, envelope, change, previousOwner, false);
            return;
        }
        long owner = RowProjector.key(change.after(), part.aggregateKey());
        if (previousOwner != null && previousOwner != owner) {
            forward(record, envelope, change, previousOwner, false); // the row leaves its old customer
        }
        if (stored == null || storedOwner != owner) {
            // only a newer change moves the row: a stale one (a backfill read or a replay from before the move) must
            // not point it back at its old customer, or a later key-only delete would miss the customer holding it
            SourcePosition since = stored == null ? null : stored.position();
            if (since == null || change.position().isAfter(since)) {
                owners.put(ownerKey, new Owner(owner, change.position()).format());
            }
        }
        forward(record, envelope, change, owner, false);
    }

    /**
     * A value of {@link #OWNER_STORE}: {@code <customer id> <position of the change that set it>}; a bare customer id
     * (written by an earlier version) has no position, and any change may replace it.
     */
    record Owner(long customerId, SourcePosition position) {

        static Owner parse(String value) {
            int space = value.indexOf(' ');
            return space < 0 ? new Owner(Long.parseLong(value), null)
                    : new Owner(Long.parseLong(value.substring(0, space)), SourcePosition.parse(value.substring(
                            space + 1)));
        }

        String format() {
            return position == null ? Long.toString(customerId) : customerId + " " + position.format();
        }
    }

    private static Long owner(Row before, PartSpec part) {
        if (before == null || !before.has(part.aggregateKey()) || before.isNull(part.aggregateKey())) {
            return null;
        }
        return RowProjector.key(before, part.aggregateKey());
    }

    private void forward(Record<byte[], byte[]> record, ChangeEnvelope envelope, Change change, long customerId,
            boolean local) {
        ChangeEnvelope routed = envelope.routed(customerId, change);
        if (!local) {
            metrics.recordRepartitioned();
        }
        context.forward(new Record<String, Outcome>(Long.toString(customerId),
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
                        envelope.partition(), envelope.offset(), translation.version())));
        metrics.recordDeadLettered();
    }
}
