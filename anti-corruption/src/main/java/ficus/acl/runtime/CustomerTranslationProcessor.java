package ficus.acl.runtime;

import ficus.acl.customer.CustomerEvent;
import ficus.acl.customer.CustomerSnapshot;
import ficus.acl.customer.CustomerTranslation;
import ficus.acl.translation.Change;
import ficus.acl.translation.TranslationResult;
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
 * Parses a raw change, looks up the customer's last published snapshot, translates, and forwards either the events
 * (with their CloudEvents headers, keyed by customer id) or a dead letter. No record can stop the stream: parse
 * errors, rejections and unexpected translation failures all become dead letters with their reason.
 */
final class CustomerTranslationProcessor implements Processor<byte[], byte[], String, Outcome> {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerTranslationProcessor.class);

    private final CustomerTranslation translation = new CustomerTranslation();
    private final DebeziumChangeParser parser = new DebeziumChangeParser();
    private final String storeName;
    private final AclMetrics metrics;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, CustomerSnapshot> store;

    CustomerTranslationProcessor(String storeName, AclMetrics metrics) {
        this.storeName = storeName;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.recordConsumed();
        if (record.value() == null) {
            metrics.recordSkipped();
            return;
        }
        Change change;
        try {
            change = parser.parse(record.value());
        } catch (MalformedChangeException e) {
            deadLetter(record, "malformed change: " + e.getMessage());
            return;
        }
        Optional<CustomerSnapshot> previous;
        TranslationResult<CustomerEvent> result;
        try {
            long customerId = translation.customerId(change);
            previous = Optional.ofNullable(store.get(Long.toString(customerId)));
            result = translation.translate(change, previous);
        } catch (RuntimeException e) {
            // an UntranslatableException (no usable cust_id) or a bug: the record goes aside, the stream goes on
            deadLetter(record, e instanceof UntranslatableException ? e.getMessage()
                    : "translation failed: " + e);
            return;
        }
        switch (result) {
            case TranslationResult.Emit<CustomerEvent> emit -> {
                for (CustomerEvent event : emit.events()) {
                    String key = Long.toString(event.customerId());
                    context.forward(new Record<String, Outcome>(key, new Outcome.Translated(event), record.timestamp(),
                            CloudEventHeaders.of(event, change.origin())));
                    store.put(key, CustomerSnapshot.after(event));
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
            case TranslationResult.Reject<CustomerEvent> reject -> deadLetter(record, reject.reason());
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        Optional<RecordMetadata> source = context.recordMetadata();
        String topic = source.map(RecordMetadata::topic).orElse("unknown");
        int partition = source.map(RecordMetadata::partition).orElse(-1);
        long offset = source.map(RecordMetadata::offset).orElse(-1L);
        LOG.warn("dead-lettering {}-{}@{}: {}", topic, partition, offset, reason);
        context.forward(new Record<String, Outcome>(null, new Outcome.DeadLetter(record.key(), record.value()),
                record.timestamp(), DeadLetterHeaders.of(record.headers(), reason, topic, partition, offset)));
        metrics.recordDeadLettered();
    }
}
