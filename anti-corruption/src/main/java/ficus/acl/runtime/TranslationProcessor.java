package ficus.acl.runtime;

import ficus.acl.aggregate.Aggregate;
import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.aggregate.DomainEvent;
import ficus.acl.spec.CodeTables;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.translation.Change;
import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.TranslationResult;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second step, in the task that holds the aggregate (reached directly for a root change read on its aggregate's
 * partition, else through the repartition topic): applies the change the routing step parsed to the aggregate, stores
 * the next aggregate and forwards the events (with their CloudEvents headers, keyed by the aggregate key's text), the
 * references the aggregate starts or stops following (to the reference index), or a dead letter naming the original
 * raw record. No record can stop the stream.
 */
final class TranslationProcessor implements Processor<String, ChangeEnvelope, String, Outcome> {

    private static final Logger LOG = LoggerFactory.getLogger(TranslationProcessor.class);

    private final TranslationSpec spec;
    private final String storeName;
    private final boolean codeTables;
    private final AclMetrics metrics;
    private final EventJson eventJson;
    /** {@code ce_source} per capture source and {@code ce_type} per event type, encoded once. */
    private final java.util.Map<String, byte[]> sources = new java.util.HashMap<>();
    private final java.util.Map<String, CeType> types = new java.util.HashMap<>();

    /** A CloudEvents type as text (the meters' tag) and as its header's bytes. */
    private record CeType(String text, byte[] bytes) {
        CeType(String text) {
            this(text, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }
    private AggregateTranslation translation;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, Aggregate> store;
    private AggregateCache cache;

    TranslationProcessor(TranslationSpec spec, String storeName, boolean codeTables, AclMetrics metrics) {
        this.spec = spec;
        this.storeName = storeName;
        this.codeTables = codeTables;
        this.metrics = metrics;
        this.eventJson = new EventJson(spec);
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.cache = new AggregateCache(AclSettings.aggregateCacheEntries(context.appConfigs()));
        CodeTables lookup = CodeTables.NONE;
        if (codeTables) {
            ReadOnlyKeyValueStore<String, String> codes = context.getStateStore(CodeTableStore.STORE);
            lookup = CodeTableStore.lookup(codes);
        }
        this.translation = new AggregateTranslation(spec, lookup, JsonSupport.DOCUMENTS);
    }

    @Override
    public void process(Record<String, ChangeEnvelope> record) {
        ChangeEnvelope envelope = record.value();
        Change change = envelope.change();
        if (change == null || envelope.aggregate() == null) {
            deadLetter(record, "malformed change: the routing step handed over no parsed change",
                    RejectionKind.MALFORMED);
            return;
        }
        String key = envelope.aggregate().text();
        AggregateTranslation.Step step;
        try {
            step = translation.apply(change, envelope.aggregate(), aggregate(key));
        } catch (RuntimeException e) {
            deadLetter(record, "translation failed: " + e, RejectionKind.REJECTED);
            return;
        }
        if (step.next() != null) {
            store.put(key, step.next());
            cache.put(key, step.next());
        }
        for (AggregateTranslation.Subscription subscription : step.subscriptions()) {
            ReferenceMessage.Follow follow = new ReferenceMessage.Follow(subscription.part(),
                    subscription.referencedKey(), envelope.aggregate(), envelope.placement(), subscription.follow());
            context.forward(new Record<String, Outcome>(follow.indexKey(), new Outcome.Referenced(follow),
                    record.timestamp()));
        }
        switch (step.result()) {
            case TranslationResult.Emit<DomainEvent> emit -> {
                boolean streamed = change.position().phase() == SourcePosition.STREAMING_PHASE;
                for (DomainEvent event : emit.events()) {
                    CeType type = types.computeIfAbsent(event.type(), t -> new CeType(spec.cloudEventType(t)));
                    context.forward(new Record<String, Outcome>(event.key().text(),
                            new Outcome.Translated(event, eventJson.write(event)), record.timestamp(),
                            CloudEventHeaders.of(event, sources.computeIfAbsent(change.origin().source(),
                                    source -> spec.cloudEventSource(source).getBytes(
                                            java.nio.charset.StandardCharsets.UTF_8)), type.bytes())));
                    metrics.recordEvent(type.text(), streamed);
                }
                metrics.recordTranslated(emit.events().size());
                if (streamed && !emit.events().isEmpty()) {
                    metrics.recordFreshness(change.commitTime());
                }
            }
            case TranslationResult.Skip<DomainEvent> skip -> {
                if (skip.duplicate()) {
                    metrics.recordDuplicate();
                } else {
                    metrics.recordSkipped();
                }
                LOG.debug("skipped {}: {}", change.position(), skip.why());
            }
            case TranslationResult.Reject<DomainEvent> reject -> deadLetter(record, reject.reason(), reject.kind());
        }
    }

    private Aggregate aggregate(String key) {
        Aggregate cached = cache.get(key);
        if (cached != null) {
            metrics.recordAggregateCacheHit();
            return cached;
        }
        metrics.recordAggregateCacheMiss();
        Aggregate stored = store.get(key);
        if (stored != null) {
            cache.put(key, stored);
        }
        return stored;
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.clear();
        }
    }

    private void deadLetter(Record<String, ChangeEnvelope> record, String reason, RejectionKind kind) {
        ChangeEnvelope envelope = record.value();
        LOG.warn("dead-lettering {}-{}@{}: {}", envelope.topic(), envelope.partition(), envelope.offset(), reason);
        context.forward(new Record<String, Outcome>(null, new Outcome.DeadLetter(envelope.key(), envelope.value()),
                record.timestamp(), DeadLetterHeaders.of(record.headers(), reason, kind, envelope.topic(),
                        envelope.partition(), envelope.offset(), spec.name(), spec.version())));
        metrics.recordDeadLettered(kind);
    }
}
