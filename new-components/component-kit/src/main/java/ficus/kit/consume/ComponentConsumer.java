package ficus.kit.consume;

import com.fasterxml.jackson.databind.JsonNode;
import ficus.kit.deadletter.DeadLetters;
import ficus.kit.event.EnvelopeReader;
import ficus.kit.event.EnvelopeReader.Read;
import ficus.kit.event.EventEnvelope;
import ficus.kit.inbox.AppliedPositions;
import ficus.kit.inbox.AppliedPositions.Claim;
import ficus.kit.metrics.ComponentMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
 *   <li>Offsets are committed after the transactions of the polled records have committed (and after their dead
 *       letters were acknowledged). A crash between the two redelivers events that are then skipped as not newer.</li>
 *   <li><b>Failures stop the partition, not the component.</b> When an event fails, its partition is paused at that
 *       event and retried after a capped exponential backoff with jitter ({@link RetryPolicy}); the other partitions
 *       keep flowing. Nothing behind the failing event in its partition is applied meanwhile, so no event of that
 *       aggregate (nor of any other aggregate of that partition) is reordered or lost. After
 *       {@link RetryPolicy#maxAttempts()} attempts the event goes to the dead-letter topic
 *       ({@code <component>.dlq}) and the partition moves on; an unreachable database is retried for ever instead.
 *       Because every event carries the aggregate's full state, the next event of the aggregate repairs what the
 *       dead-lettered one would have changed.</li>
 *   <li>A record that is not a readable event (poison), or whose handler throws {@link UnusableEvent}, is
 *       dead-lettered at once: retrying cannot help it.</li>
 *   <li>{@link #close()} wakes the consumer, lets the event in hand finish, commits and closes.</li>
 * </ul>
 */
public final class ComponentConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentConsumer.class);
    private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    /** Records a poll hands over at most (Kafka's default is 500). */
    static final int MAX_POLL_RECORDS = 2_000;

    private final Subscription subscription;
    private final DSLContext dsl;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final DeadLetters deadLetters;
    private final EnvelopeReader reader;
    private final AppliedPositions positions = new AppliedPositions();
    private final ComponentMetrics metrics;
    private final MeterRegistry registry;
    private final KafkaClientMetrics clientMetrics;
    /** What this consumer last committed per partition (consumer thread only). */
    private final Map<TopicPartition, Long> committedPositions = new HashMap<>();
    /** Partitions paused on a failing event (consumer thread only). */
    private final Map<TopicPartition, Failing> failing = new HashMap<>();
    private final Thread thread;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong poison = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;

    /** A partition stopped at {@code offset}: attempts so far and when to try again. */
    private static final class Failing {
        final long offset;
        int attempts;          // failures that count toward the dead-letter limit
        int consecutive;       // all failures, for the backoff
        Instant retryAt;

        Failing(long offset) {
            this.offset = offset;
        }
    }

    /** What became of one record. */
    private enum Outcome { DONE, RETRY }

    private ComponentConsumer(Subscription subscription, String bootstrapServers, DSLContext dsl) {
        this.subscription = subscription;
        this.dsl = dsl;
        this.reader = new EnvelopeReader(subscription.mapper);
        this.registry = subscription.meterRegistry != null ? subscription.meterRegistry : new SimpleMeterRegistry();
        this.metrics = new ComponentMetrics(registry, subscription.component, subscription.topic, subscription.clock);
        this.consumer = new KafkaConsumer<>(consumerProperties(subscription, bootstrapServers));
        // the consumer's own metrics (kafka_consumer_*: lag, fetch rate, commit latency...) beside the kit's
        this.clientMetrics = new KafkaClientMetrics(consumer, Tags.of("component", subscription.component));
        this.clientMetrics.bindTo(registry);
        this.deadLetters = new DeadLetters(subscription.component, subscription.deadLetterTopic(), bootstrapServers,
                producerOverrides(subscription), subscription.clock);
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
        // a poll is one database transaction (the fast path): larger polls, fewer commits; overridable
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, subscription.component + "-" + CLIENT_SEQUENCE.incrementAndGet());
        p.putAll(subscription.consumerOverrides);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, subscription.component);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // bytes for the key too: a dead letter keeps the original key exactly
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Security settings of the consumer apply to the dead-letter producer too. */
    private static Map<String, Object> producerOverrides(Subscription subscription) {
        Map<String, Object> overrides = new HashMap<>();
        subscription.consumerOverrides.forEach((k, v) -> {
            if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                overrides.put(k, v);
            }
        });
        return overrides;
    }

    /** Events that changed state. */
    public long appliedCount() {
        return applied.get();
    }

    /** Events that changed nothing: duplicates, replays, older positions, types without a handler. */
    public long skippedCount() {
        return skipped.get();
    }

    /** Records that could not be used (unreadable or refused by a handler); each was dead-lettered. */
    public long poisonCount() {
        return poison.get();
    }

    /** Attempts that failed and were retried. */
    public long failedAttemptCount() {
        return failedAttempts.get();
    }

    /** Records written to the dead-letter topic (poison, unusable, and events whose attempts were used up). */
    public long deadLetterCount() {
        return deadLettered.get();
    }

    /** The dead-letter topic of this component. */
    public String deadLetterTopic() {
        return deadLetters.topic();
    }

    /** The kit's meters of this consumer. */
    public ComponentMetrics metrics() {
        return metrics;
    }

    /** The registry the meters are in (the subscription's, or a private one). */
    public MeterRegistry meterRegistry() {
        return registry;
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
            consumer.subscribe(List.of(subscription.topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> {
                        failing.remove(p);
                        committedPositions.remove(p);
                    });
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    onPartitionsRevoked(partitions);
                }
            });
            LOG.info("{}: subscribed to {} (dead letters → {})", subscription.component, subscription.topic,
                    deadLetters.topic());
            while (running) {
                resumeDuePartitions();
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(pollTimeout());
                } catch (WakeupException e) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                if (records.count() > 1 && failing.isEmpty() && applyInOneTransaction(records, done)) {
                    records = ConsumerRecords.empty();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (!running) {
                        break; // the event in hand is finished; the rest is redelivered to whoever reads next
                    }
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (consumer.paused().contains(partition)) {
                        continue; // stopped on an earlier record of this poll
                    }
                    if (handle(record, partition) == Outcome.DONE) {
                        failing.remove(partition);
                        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    } else {
                        consumer.seek(partition, record.offset());
                        consumer.pause(List.of(partition));
                    }
                }
                if (running) {
                    advancePastControlRecords(done);
                }
                commit(done);
                updateLag();
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("{}: consumer of {} stopped on an unexpected error", subscription.component,
                    subscription.topic, e);
        } finally {
            running = false;
            try {
                clientMetrics.close();
                consumer.close();
            } catch (RuntimeException e) {
                LOG.warn("{}: closing the consumer failed: {}", subscription.component, e.toString());
            }
            try {
                deadLetters.close();
            } catch (RuntimeException e) {
                LOG.warn("{}: closing the dead-letter producer failed: {}", subscription.component, e.toString());
            }
            LOG.info("{}: consumer of {} closed", subscription.component, subscription.topic);
            stopped.countDown();
        }
    }

    private Duration pollTimeout() {
        Duration timeout = subscription.pollTimeout;
        Instant now = subscription.clock.instant();
        for (Failing f : failing.values()) {
            Duration until = Duration.between(now, f.retryAt);
            if (until.compareTo(timeout) < 0) {
                timeout = until.isNegative() ? Duration.ZERO : until;
            }
        }
        return timeout;
    }

    private void resumeDuePartitions() {
        Instant now = subscription.clock.instant();
        List<TopicPartition> due = new ArrayList<>();
        for (TopicPartition p : consumer.paused()) {
            Failing f = failing.get(p);
            if (f == null || !f.retryAt.isAfter(now)) {
                due.add(p);
            }
        }
        if (!due.isEmpty()) {
            consumer.resume(due);
        }
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition p : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(p);
            if (lag.isPresent()) {
                total += lag.getAsLong();
            }
        }
        metrics.lag(total);
    }

    /**
     * Every record polled so far is done with, so the consumer's position is the offset to commit: it also steps over
     * transaction markers (the producer of a domain topic writes transactionally), which {@code offset + 1} of the
     * last record does not. Without this the group shows a lag of one marker per partition forever. Partitions
     * stopped on a failing event are left alone.
     */
    private void advancePastControlRecords(Map<TopicPartition, OffsetAndMetadata> done) {
        for (TopicPartition partition : consumer.assignment()) {
            if (failing.containsKey(partition) || consumer.paused().contains(partition)) {
                continue;
            }
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
     * anything goes wrong (a poison record, a failing handler, the database), the transaction rolls back and the
     * caller goes through the same records one transaction at a time, which isolates the culprit.
     *
     * @return true when the whole poll was applied and committed
     */
    private boolean applyInOneTransaction(ConsumerRecords<byte[], byte[]> records,
                                          Map<TopicPartition, OffsetAndMetadata> done) {
        List<Runnable> afterCommit = new ArrayList<>();
        Instant appliedAt = subscription.clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            dsl.transaction(cfg -> {
                DSLContext tx = cfg.dsl();
                record Routed(EventEnvelope event, Subscription.Route<?> route, Object data) {
                }
                List<Routed> routed = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    switch (reader.read(record)) {
                        case Read.Poison p -> throw new IllegalStateException("poison in the poll: " + p.reason());
                        case Read.Event(EventEnvelope event) -> {
                            Subscription.Route<?> route = subscription.routes.get(event.type());
                            if (route == null) {
                                afterCommit.add(() -> skipped(event, "no handler for event type " + event.type()));
                                continue;
                            }
                            Object data = route.dataType() == JsonNode.class
                                    ? event.data()
                                    : subscription.mapper.treeToValue(event.data(), route.dataType());
                            routed.add(new Routed(event, route, data));
                        }
                    }
                }
                List<Claim> claims = positions.claimAll(tx, routed.stream().map(Routed::event).toList(), appliedAt);
                // consecutive deliveries for one batch handler go to it together (a run); others one by one
                BatchHandler<?> runHandler = null;
                List<Delivery<?>> run = new ArrayList<>();
                for (int i = 0; i < routed.size(); i++) {
                    Routed r = routed.get(i);
                    EventEnvelope event = r.event();
                    switch (claims.get(i)) {
                        case Claim.Newer n -> {
                            Delivery<?> delivery = new Delivery<>(event, r.data(), tx, appliedAt);
                            BatchHandler<?> batch = r.route().batch();
                            if (batch != runHandler && !run.isEmpty()) {
                                deliverRun(runHandler, tx, run);
                            }
                            runHandler = batch;
                            if (batch != null) {
                                run.add(delivery);
                            } else {
                                deliver(r.route(), delivery);
                            }
                            afterCommit.add(() -> applied(event, appliedAt));
                        }
                        case Claim.NotNewer n -> afterCommit.add(() -> skipped(event, "position "
                                + event.position() + " is not newer than stored " + n.storedPosition()
                                + " (event " + n.storedEventId() + ")"));
                    }
                }
                if (!run.isEmpty()) {
                    deliverRun(runHandler, tx, run);
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("{}: a poll of {} records could not be applied in one transaction; one at a time instead: {}",
                    subscription.component, records.count(), rootMessage(e));
            return false;
        }
        afterCommit.forEach(Runnable::run);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        return true;
    }

    private Outcome handle(ConsumerRecord<byte[], byte[]> record, TopicPartition partition) {
        return switch (reader.read(record)) {
            case Read.Poison p -> deadLetter(record, partition, DeadLetters.Kind.POISON, p.reason(), 1, null,
                    () -> passedOver(p));
            case Read.Event(EventEnvelope event) -> apply(record, partition, event);
        };
    }

    private Outcome apply(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, EventEnvelope event) {
        Subscription.Route<?> route = subscription.routes.get(event.type());
        if (route == null) {
            skipped(event, "no handler for event type " + event.type());
            return Outcome.DONE;
        }
        Object data;
        try {
            data = route.dataType() == JsonNode.class
                    ? event.data()
                    : subscription.mapper.treeToValue(event.data(), route.dataType());
        } catch (Exception e) {
            String reason = event.type() + " " + event.subject() + " (id " + event.id() + "): data does not map to "
                    + route.dataType().getSimpleName() + ": " + firstLine(e.getMessage());
            return deadLetter(record, partition, DeadLetters.Kind.POISON, reason, 1, e,
                    () -> passedOver(new Read.Poison(record.topic(), record.partition(), record.offset(), reason)));
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
                String reason = event.type() + " " + event.subject() + " (id " + event.id() + ") is unusable: "
                        + unusable.getMessage();
                return deadLetter(record, partition, DeadLetters.Kind.UNUSABLE, reason, 1, unusable,
                        () -> passedOver(new Read.Poison(record.topic(), record.partition(), record.offset(),
                                reason)));
            }
            return failed(record, partition, event, e);
        }
        switch (claim) {
            case Claim.Newer n -> applied(event, appliedAt);
            case Claim.NotNewer n -> skipped(event, "position " + event.position() + " is not newer than stored "
                    + n.storedPosition() + " (event " + n.storedEventId() + ")");
        }
        return Outcome.DONE;
    }

    /** A failed attempt: back off and retry, or, once the attempts are used up, dead-letter. */
    private Outcome failed(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, EventEnvelope event,
                           RuntimeException e) {
        Failing f = failing.get(partition);
        if (f == null || f.offset != record.offset()) {
            f = new Failing(record.offset());
            failing.put(partition, f);
        }
        boolean unavailable = RetryPolicy.isUnavailable(e);
        f.consecutive++;
        if (!unavailable) {
            f.attempts++;
        }
        RetryPolicy policy = subscription.retryPolicy;
        if (!unavailable && f.attempts >= policy.maxAttempts()) {
            String reason = event.type() + " " + event.subject() + " (id " + event.id() + ", position "
                    + event.position() + ") failed " + f.attempts + " times; last: " + rootMessage(e);
            LOG.error("{}: {} at {}; dead-lettering it to {}", subscription.component, reason, event.coordinates(),
                    deadLetters.topic());
            int attempts = f.attempts;
            return deadLetter(record, partition, DeadLetters.Kind.FAILED, reason, attempts, e, () -> { });
        }
        failedAttempts.incrementAndGet();
        metrics.retried();
        Duration wait = policy.backoff(f.consecutive, ThreadLocalRandom.current());
        f.retryAt = subscription.clock.instant().plus(wait);
        LOG.warn("{}: could not apply {} {} (id {}, position {}) at {}, attempt {}{}; partition paused, retry in {} ms:"
                        + " {}", subscription.component, event.type(), event.subject(), event.id(), event.position(),
                event.coordinates(), f.consecutive, unavailable ? " (database unavailable: not counted)"
                        : " of " + policy.maxAttempts(), wait.toMillis(), rootMessage(e));
        return Outcome.RETRY;
    }

    /**
     * Writes the record to the dead-letter topic and waits for the broker. If that fails too, the record is retried
     * like any failure (the partition stays where it is: nothing is lost).
     */
    private Outcome deadLetter(ConsumerRecord<byte[], byte[]> record, TopicPartition partition,
                               DeadLetters.Kind kind, String reason, int attempts, Throwable cause,
                               Runnable afterward) {
        try {
            deadLetters.send(new DeadLetters.Letter(record, kind, reason, attempts, cause));
        } catch (RuntimeException e) {
            Failing f = failing.computeIfAbsent(partition, p -> new Failing(record.offset()));
            f.consecutive++;
            f.retryAt = subscription.clock.instant().plus(subscription.retryPolicy.backoff(f.consecutive,
                    ThreadLocalRandom.current()));
            LOG.warn("{}: {}; will retry", subscription.component, e.getMessage());
            return Outcome.RETRY;
        }
        deadLettered.incrementAndGet();
        metrics.deadLettered();
        LOG.error("{}: {} record at topic {} partition {} offset {} dead-lettered to {}: {}", subscription.component,
                kind.code(), record.topic(), record.partition(), record.offset(), deadLetters.topic(), reason);
        afterward.run();
        return Outcome.DONE;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void deliverRun(BatchHandler<?> handler, DSLContext tx, List<Delivery<?>> run) throws Exception {
        ((BatchHandler) handler).apply(tx, List.copyOf(run));
        run.clear();
    }

    @SuppressWarnings("unchecked")
    private static <T> void deliver(Subscription.Route<T> route, Delivery<?> delivery) throws Exception {
        route.handler().apply((Delivery<T>) delivery);
    }

    private void applied(EventEnvelope event, Instant appliedAt) {
        applied.incrementAndGet();
        metrics.applied(event.time(), appliedAt);
        notifyListener(() -> subscription.listener.onApplied(event, appliedAt));
    }

    private void skipped(EventEnvelope event, String why) {
        skipped.incrementAndGet();
        metrics.skipped();
        LOG.debug("{}: skipped {} {} at {}: {}", subscription.component, event.type(), event.subject(),
                event.coordinates(), why);
        notifyListener(() -> subscription.listener.onSkipped(event, why));
    }

    private void passedOver(Read.Poison p) {
        poison.incrementAndGet();
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

    private static UnusableEvent unusable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnusableEvent u) {
                return u;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? e.toString() : e.getClass().getSimpleName() + ": " + t;
    }
}
