package ficus.acl.runtime;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The reference index of a translation, in the task of the referenced row (the reference repartition topic is keyed by
 * part and referenced key): remembers the last change of every referenced row ({@value #ROWS}) and which aggregates
 * point at it ({@value #FOLLOWERS}), and hands each change of the row to every aggregate that follows it — and the
 * row's last change to an aggregate that starts following it — through the aggregates' repartition topic. This is a
 * foreign-key join that keeps each aggregate's own order: the aggregate applies the referenced row by the same per-row
 * position rule as any part, so a change delivered twice (by fan-out and on following) is a duplicate there.
 */
final class ReferenceIndex implements Processor<String, ReferenceMessage, String, Outcome> {

    static final String ROWS = "reference-rows";
    static final String FOLLOWERS = "reference-followers";
    private static final char SEPARATOR = '\u0000';

    private final AclMetrics metrics;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, ChangeEnvelope> rows;
    private KeyValueStore<String, ReferenceMessage> followers;

    ReferenceIndex(AclMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.rows = context.getStateStore(ROWS);
        this.followers = context.getStateStore(FOLLOWERS);
    }

    @Override
    public void process(Record<String, ReferenceMessage> record) {
        ReferenceMessage message = record.value();
        String indexKey = message.indexKey();
        switch (message) {
            case ReferenceMessage.RowChange change -> {
                ChangeEnvelope last = rows.get(indexKey);
                boolean newer = last == null || change.change().change().position().isAfter(last.change().position());
                if (newer) {
                    rows.put(indexKey, change.change());
                } else if (!change.change().change().restate()) {
                    metrics.recordDuplicate(); // an older change of the row: every follower has a newer one
                    return;
                }
                try (KeyValueIterator<String, ReferenceMessage> all = followers.prefixScan(indexKey + SEPARATOR,
                        new StringSerializer())) {
                    while (all.hasNext()) {
                        KeyValue<String, ReferenceMessage> entry = all.next();
                        deliver(record, change.change(), (ReferenceMessage.Follow) entry.value);
                    }
                }
            }
            case ReferenceMessage.Follow follow -> {
                String followerKey = indexKey + SEPARATOR + follow.aggregate().text();
                if (!follow.follow()) {
                    followers.delete(followerKey);
                    return;
                }
                followers.put(followerKey, follow);
                ChangeEnvelope last = rows.get(indexKey);
                if (last != null) {
                    deliver(record, last, follow);
                }
            }
        }
    }

    private void deliver(Record<String, ReferenceMessage> record, ChangeEnvelope change,
            ReferenceMessage.Follow follower) {
        ChangeEnvelope routed = change.routed(follower.aggregate(), follower.placement(), change.change());
        metrics.recordRepartitioned();
        context.forward(new Record<String, Outcome>(follower.aggregate().text(), new Outcome.Routed(routed),
                record.timestamp(), record.headers()));
    }
}
