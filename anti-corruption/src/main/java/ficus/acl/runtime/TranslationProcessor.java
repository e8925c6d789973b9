package ficus.acl.runtime;

import ficus.acl.customer.CustomerAggregate;
import ficus.acl.customer.CustomerEvent;
import ficus.acl.customer.CustomerTranslation;
import ficus.acl.spec.CodeTables;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.translation.Change;
import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.TranslationResult;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second step, in the task that holds the customer's aggregate (reached directly for a root change read on its
 * customer's partition, else through the repartition topic): applies the change the routing step parsed to the
 * customer's aggregate, stores the next aggregate and forwards either the events (with their CloudEvents headers, keyed by
 * customer id) or a dead letter naming the original raw record. No record can stop the stream.
 */
final class CustomerTranslationProcessor implements Processor<String, ChangeEnvelope, String, Outcome> {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerTranslationProcessor.class);

    private final TranslationSpec spec;
    private final String storeName;
    private final boolean codeTables;
    private final AclMetrics metrics;
    private CustomerTranslation translation;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, CustomerAggregate> store;
    private AggregateCache cache;

    CustomerTranslationProcessor(TranslationSpec spec, String storeName, boolean codeTables, AclMetrics metrics) {
        this.spec = spec;
        this.storeName = storeName;
        this.codeTables = codeTables;
        this.metrics = metrics;
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
        this.translation = new CustomerTranslation(spec, lookup);
    }

    @Override
    public void process(Record<String, ChangeEnvelope> record) {
        ChangeEnvelope envelope = record.value();
        long customerId = envelope.customerId();
        Change change = envelope.change();
        if (change == null) {
            deadLetter(record, "malformed change: the routing step handed over no parsed change",
                    RejectionKind.MALFORMED);
            return;
        }
        String key = record.key();
        CustomerTranslation.Step step;
        try {
            step = translation.apply(change, customerId, aggregate(key));
        } catch (RuntimeException e) {
            deadLetter(record, "translation failed: " + e, RejectionKind.REJECTED);
            return;
        }
        if (step.next() != null) {
            store.put(key, step.next());
            cache.put(key, step.next());
        }
        switch (step.result()) {
            case TranslationResult.Emit<CustomerEvent> emit -> {
                for (CustomerEvent event : emit.events()) {
                    context.forward(new Record<String, Outcome>(Long.toString(event.customerId()),
                            new Outcome.Translated(event), record.timestamp(),
                            CloudEventHeaders.of(event, change.origin())));
                }
                metrics.recordTranslated(emit.events().size());
            }
            case TranslationResult.Skip<CustomerEvent> skip -> {
                if (skip.duplicate()) {
                    metrics.recordDuplicate();
                } else {
                    metrics.recordSkipped();
                }
                LOG.debug("skipped {}: {}", change.position(), skip.why());
            }
            case TranslationResult.Reject<CustomerEvent> reject -> deadLetter(record, reject.reason(), reject.kind());
        }
    }

    private CustomerAggregate aggregate(String key) {
        CustomerAggregate cached = cache.get(key);
        if (cached != null) {
            metrics.recordAggregateCacheHit();
            return cached;
        }
        metrics.recordAggregateCacheMiss();
        CustomerAggregate stored = store.get(key);
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
                        envelope.partition(), envelope.offset(), translation.version())));
        metrics.recordDeadLettered();
    }
}
