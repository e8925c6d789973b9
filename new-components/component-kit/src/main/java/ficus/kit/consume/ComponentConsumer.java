package ficus.kit.consume;

import com.fasterxml.jackson.databind.JsonNode;
import ficus.kit.event.EnvelopeReader;
import ficus.kit.event.EnvelopeReader.Read;
import ficus.kit.event.EventEnvelope;
import ficus.kit.inbox.AppliedPositions;
import ficus.kit.inbox.AppliedPositions.Claim;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@link Subscription}: one Kafka consumer on a thread of its own.
 *
 * <ul>
 *   <li>Consumer group = component name; {@code isolation.level=read_committed}; auto commit off; a new group starts
 *       at the earliest offset.</li>
 *   <li>Each event is applied in one database transaction together with the kit's apply-if-newer claim
 *       ({@link AppliedPositions}): an event whose position is not newer than the stored one changes nothing.</li>
 *   <li>Offsets are committed after the transactions of the polled records have committed. A crash between the two
 *       redelivers events that are then skipped as not newer.</li>
 *   <li>A record that is not a readable event (poison) is logged with topic/partition/offset, counted and passed
 *       over. A transaction that fails (database down, handler bug) is retried from the same offset with backoff:
 *       events of that partition are never reordered or dropped.</li>
 *   <li>{@link #close()} wakes the consumer, lets the event in hand finish, commits and closes.</li>
 * </ul>
 */
public final class ComponentConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentConsumer.class);
    private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final Subscription subscription;
    private final DSLContext dsl;
    private final KafkaConsumer<String, byte[]> consumer;
    private final EnvelopeReader reader;
    private final AppliedPositions positions = new AppliedPositions();
    /** What this consumer last committed per partition (consumer thread only). */
    private final Map<TopicPartition, Long> committedPositions = new HashMap<>();
    private final Thread thread;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong poison = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;

    private ComponentConsumer(Subscription subscription, String bootstrapServers, DSLContext dsl) {
        this.subscription = subscription;
        this.dsl = dsl;
        this.reader = new EnvelopeReader(subscription.mapper);
        this.consumer = new KafkaConsumer<>(consumerProperties(subscription, bootstrapServers));
        this.thread = new Thread(this::run, subscription.component + "-consumer");
    }

    static ComponentConsumer start(Subscription subscription, String bootstrapServers, DSLContext dsl) {
        ComponentConsumer started = new ComponentConsumer(subscription, bootstrapServers, dsl);
        started.thread.start();
        return started;
    }

    static Properties consumerProperties(Subscription subscription, String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, subscription.component + "-" + CLIENT_SEQUENCE.incrementAndGet());
        p.putAll(subscription.consumerOverrides);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, subscription.component);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Events that changed state. */
    public long appliedCount() {
        return applied.get();
    }

    /** Events that changed nothing: duplicates, replays, older positions, types without a handler. */
    public long skippedCount() {
        return skipped.get();
    }

    /** Records that could not be read as events and were passed over. */
    public long poisonCount() {
        return poison.get();
    }

    /** Transactions that failed and were retried. */
    public long failedAttemptCount() {
        return failedAttempts.get();
    }

    /** True until {@link #close()} or an unexpected error stops the loop. */
    public boolean isRunning() {
        return running && stopped.getCount() > 0;
    }

    /** Why the loop stopped on its own, if it did. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        stopRequested.countDown();
        if (stopped.getCount() == 0) {
            return;
        }
        consumer.wakeup();
        if (Thread.currentThread() == thread) {
            return; // closed from a handler or listener: the loop ends after this event
        }
        try {
            if (!stopped.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: consumer did not stop within {}", subscription.component, CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(subscription.topic));
            LOG.info("{}: subscribed to {}", subscription.component, subscription.topic);
            int consecutiveFailures = 0;
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(subscription.pollTimeout);
                } catch (WakeupException e) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                Set<TopicPartition> retry = new HashSet<>();
                if (records.count() > 1 && applyInOneTransaction(records, done)) {
                    records = ConsumerRecords.empty();
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!running) {
                        break; // the event in hand is finished; the rest is redelivered to whoever reads next
                    }
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (retry.contains(partition)) {
                        continue;
                    }
                    if (handle(record)) {
                        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    } else {
                        retry.add(partition);
                        consumer.seek(partition, record.offset());
                    }
                }
                if (retry.isEmpty() && running) {
                    advancePastControlRecords(done);
                }
                commit(done);
                if (retry.isEmpty()) {
                    consecutiveFailures = 0;
                } else {
                    consecutiveFailures++;
                    awaitBackoff(consecutiveFailures);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("{}: consumer of {} stopped on an unexpected error", subscription.component,
                    subscription.topic, e);
        } finally {
            running = false;
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.warn("{}: closing the consumer failed: {}", subscription.component, e.toString());
            }
            LOG.info("{}: consumer of {} closed", subscription.component, subscription.topic);
            stopped.countDown();
        }
    }

    /**
     * Every record polled so far is done with, so the consumer's position is the offset to commit: it also steps over
     * transaction markers (the producer of a domain topic writes transactionally), which {@code offset + 1} of the
     * last record does not. Without this the group shows a lag of one marker per partition forever.
     */
    private void advancePastControlRecords(Map<TopicPartition, OffsetAndMetadata> done) {
        for (TopicPartition partition : consumer.assignment()) {
            long position = consumer.position(partition);
            Long committed = committedPositions.get(partition);
            if (committed == null || position > committed) {
                done.put(partition, new OffsetAndMetadata(position));
            }
        }
    }

    /**
     * The fast path: every event of one poll in a single database transaction (one commit instead of hundreds), each
     * still claimed apply-if-newer on its own. Listeners and counters hear of the events only after the commit. If
     * anything goes wrong (a poison event whose handler fails, the database), the transaction rolls back and the
     * caller goes through the same records one transaction at a time, which isolates the culprit.
     *
     * @return true when the whole poll was applied and committed
     */
    private boolean applyInOneTransaction(ConsumerRecords<String, byte[]> records,
                                          Map<TopicPartition, OffsetAndMetadata> done) {
        List<Runnable> afterCommit = new ArrayList<>();
        Instant appliedAt = subscription.clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            dsl.transaction(cfg -> {
                DSLContext tx = cfg.dsl();
                for (ConsumerRecord<String, byte[]> record : records) {
                    switch (reader.read(record)) {
                        case Read.Poison p -> afterCommit.add(() -> passOver(p));
                        case Read.Event(EventEnvelope event) -> {
                            Subscription.Route<?> route = subscription.routes.get(event.type());
                            if (route == null) {
                                afterCommit.add(() -> skipped(event, "no handler for event type " + event.type()));
                                continue;
                            }
                            Object data = route.dataType() == JsonNode.class
                                    ? event.data()
                                    : subscription.mapper.treeToValue(event.data(), route.dataType());
                            Claim claim = positions.claim(tx, event, appliedAt);
                            switch (claim) {
                                case Claim.Newer n -> {
                                    deliver(route, new Delivery<>(event, data, tx, appliedAt));
                                    afterCommit.add(() -> {
                                        applied.incrementAndGet();
                                        notifyListener(() -> subscription.listener.onApplied(event, appliedAt));
                                    });
                                }
                                case Claim.NotNewer n -> afterCommit.add(() -> skipped(event, "position "
                                        + event.position() + " is not newer than stored " + n.storedPosition()
                                        + " (event " + n.storedEventId() + ")"));
                            }
                        }
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("{}: a poll of {} records could not be applied in one transaction; one at a time instead: {}",
                    subscription.component, records.count(), rootMessage(e));
            return false;
        }
        afterCommit.forEach(Runnable::run);
        for (ConsumerRecord<String, byte[]> record : records) {
            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        return true;
    }

    /** @return true when the record is done with (applied, skipped or poison); false when it must be retried */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        Read read = reader.read(record);
        return switch (read) {
            case Read.Poison p -> {
                passOver(p);
                yield true;
            }
            case Read.Event(EventEnvelope event) -> apply(record, event);
        };
    }

    private boolean apply(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
        Subscription.Route<?> route = subscription.routes.get(event.type());
        if (route == null) {
            skipped(event, "no handler for event type " + event.type());
            return true;
        }
        Object data;
        try {
            data = route.dataType() == JsonNode.class
                    ? event.data()
                    : subscription.mapper.treeToValue(event.data(), route.dataType());
        } catch (Exception e) {
            passOver(new Read.Poison(record.topic(), record.partition(), record.offset(),
                    "data of " + event.type() + " does not map to " + route.dataType().getSimpleName() + ": "
                            + e.getMessage().lines().findFirst().orElse("")));
            return true;
        }
        Instant appliedAt = subscription.clock.instant().truncatedTo(ChronoUnit.MICROS);
        Claim claim;
        try {
            claim = dsl.transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                Claim c = positions.claim(tx, event, appliedAt);
                if (c instanceof Claim.Newer) {
                    deliver(route, new Delivery<>(event, data, tx, appliedAt));
                }
                return c;
            });
        } catch (RuntimeException e) {
            UnusableEvent unusable = unusable(e);
            if (unusable != null) {
                passOver(new Read.Poison(record.topic(), record.partition(), record.offset(),
                        event.type() + " " + event.subject() + " (id " + event.id() + ") is unusable: "
                                + unusable.getMessage()));
                return true;
            }
            failedAttempts.incrementAndGet();
            LOG.warn("{}: could not apply {} {} (id {}, position {}) at {}; will retry: {}", subscription.component,
                    event.type(), event.subject(), event.id(), event.position(), event.coordinates(), rootMessage(e));
            return false;
        }
        switch (claim) {
            case Claim.Newer n -> {
                applied.incrementAndGet();
                notifyListener(() -> subscription.listener.onApplied(event, appliedAt));
            }
            case Claim.NotNewer n -> skipped(event, "position " + event.position() + " is not newer than stored "
                    + n.storedPosition() + " (event " + n.storedEventId() + ")");
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <T> void deliver(Subscription.Route<T> route, Delivery<?> delivery) throws Exception {
        route.handler().apply((Delivery<T>) delivery);
    }

    private void skipped(EventEnvelope event, String why) {
        skipped.incrementAndGet();
        LOG.debug("{}: skipped {} {} at {}: {}", subscription.component, event.type(), event.subject(),
                event.coordinates(), why);
        notifyListener(() -> subscription.listener.onSkipped(event, why));
    }

    private void passOver(Read.Poison p) {
        poison.incrementAndGet();
        LOG.error("{}: poison event at topic {} partition {} offset {} passed over: {}", subscription.component,
                p.topic(), p.partition(), p.offset(), p.reason());
        notifyListener(() -> subscription.listener.onPoison(p));
    }

    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: apply listener threw; ignored", subscription.component, e);
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                consumer.commitSync(offsets);
                offsets.forEach((partition, offset) -> committedPositions.put(partition, offset.offset()));
                return;
            } catch (WakeupException e) {
                // close() woke us while we were applying; the wake-up is spent now, commit once more
            } catch (CommitFailedException e) {
                LOG.warn("{}: offset commit failed after a rebalance; the events will be redelivered and skipped: {}",
                        subscription.component, e.getMessage());
                return;
            }
        }
    }

    private void awaitBackoff(int consecutiveFailures) {
        long millis = Math.min(subscription.maxBackoff.toMillis(),
                100L << Math.min(consecutiveFailures - 1, 16));
        try {
            stopRequested.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static UnusableEvent unusable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnusableEvent u) {
                return u;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? e.toString() : e.getClass().getSimpleName() + ": " + t;
    }
}
