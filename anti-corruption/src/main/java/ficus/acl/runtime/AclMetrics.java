package ficus.acl.runtime;

import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.SourcePosition;
import ficus.acl.watch.RateDropWatch;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * Counters of what the layer did since it started. Every consumed change ends in exactly one of translated, skipped,
 * duplicates or deadLettered, so {@code consumed == translated + skipped + duplicates + deadLettered} (except for a
 * part row that moved from one aggregate to another: both aggregates see that change). Counted as
 * processed, so a task that is retried after a failure under exactly-once may count some records twice; the topics,
 * not these counters, are the truth.
 *
 * <p>The same counters are Micrometer meters in the registry the layer was started with (tag {@code translation}, the
 * spec's name), read from these counters rather than counted twice; with Prometheus naming:
 *
 * <table>
 *   <caption>the layer's own meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code ficus_acl_changes_consumed_total}</td><td>counter</td><td></td><td>raw change records read</td></tr>
 *   <tr><td>{@code ficus_acl_changes_total}</td><td>counter</td><td>{@code outcome}: translated, skipped, duplicate,
 *       dead_lettered</td><td>what became of each change</td></tr>
 *   <tr><td>{@code ficus_acl_events_total}</td><td>counter</td><td>{@code type} (CloudEvents type), {@code phase}:
 *       streamed, read</td><td>domain events published</td></tr>
 *   <tr><td>{@code ficus_acl_dead_letters_total}</td><td>counter</td><td>{@code kind} (every
 *       {@link RejectionKind})</td><td>records sent to the dead-letter topic</td></tr>
 *   <tr><td>{@code ficus_acl_freshness_seconds}</td><td>histogram</td><td></td><td>legacy commit → translated, streamed
 *       changes that published an event</td></tr>
 *   <tr><td>{@code ficus_acl_ignored_columns}</td><td>gauge</td><td></td><td>distinct legacy columns the spec neither
 *       maps nor ignores (the schema grew)</td></tr>
 *   <tr><td>{@code ficus_acl_ignored_values_total}</td><td>counter</td><td>{@code column}</td><td>values of such
 *       columns dropped, once per change</td></tr>
 *   <tr><td>{@code ficus_acl_source_lsn}</td><td>gauge</td><td>{@code topic}</td><td>the highest LSN of a streamed
 *       change read from the topic</td></tr>
 *   <tr><td>{@code ficus_acl_repartitioned_total}</td><td>counter</td><td></td><td>changes sent through the
 *       repartition topic</td></tr>
 *   <tr><td>{@code ficus_acl_aggregate_cache_total}</td><td>counter</td><td>{@code result}: hit, miss</td><td>aggregate
 *       cache lookups</td></tr>
 *   <tr><td>{@code ficus_acl_event_rate}</td><td>gauge</td><td>{@code type}</td><td>streamed events per second over
 *       the watch's last window</td></tr>
 *   <tr><td>{@code ficus_acl_event_rate_normal}</td><td>gauge</td><td>{@code type}</td><td>its recent normal</td></tr>
 *   <tr><td>{@code ficus_acl_event_rate_dropped}</td><td>gauge</td><td>{@code type}</td><td>1 while the
 *       {@link RateDropWatch} flags a sharp drop, else 0</td></tr>
 * </table>
 *
 * The rate watch sees streamed events only: an initial snapshot, a backfill or a re-drive is not business activity,
 * and its burst would otherwise become the normal that every live minute then "drops" from.
 */
public final class AclMetrics {

    private final LongAdder consumed = new LongAdder();
    private final LongAdder translated = new LongAdder();
    private final LongAdder emitted = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder ignoredColumns = new LongAdder();
    private final LongAdder repartitioned = new LongAdder();
    private final LongAdder aggregateCacheHits = new LongAdder();
    private final LongAdder aggregateCacheMisses = new LongAdder();
    private final Map<String, LongAdder> ignoredByColumn = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> streamedByType = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> readByType = new ConcurrentHashMap<>();
    private final Map<RejectionKind, LongAdder> deadLettersByKind = new EnumMap<>(RejectionKind.class);
    private final Map<String, AtomicLong> sourceLsn = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Tags tags;
    private final Clock clock;
    private final Timer freshness;
    private final RateDropWatch watch;
    private final List<Meter> meters = new CopyOnWriteArrayList<>();

    /** Counters only: meters in a private registry, the rate watch with its defaults, the system clock. */
    public AclMetrics() {
        this(new SimpleMeterRegistry(), "translation", RateDropWatch.Settings.defaults(), Clock.systemUTC());
    }

    /**
     * @param registry    where the meters go
     * @param translation the spec's name (tag {@code translation})
     * @param watch       how the rate watch judges a drop
     * @param clock       what freshness is measured against
     */
    public AclMetrics(MeterRegistry registry, String translation, RateDropWatch.Settings watch, Clock clock) {
        this.registry = registry;
        this.tags = Tags.of("translation", translation);
        this.clock = clock;
        this.watch = new RateDropWatch(watch);
        for (RejectionKind kind : RejectionKind.values()) {
            LongAdder adder = new LongAdder();
            deadLettersByKind.put(kind, adder);
            counter("ficus.acl.dead.letters", "records sent to the dead-letter topic, by reason kind", adder,
                    Tags.of("kind", kind.name()));
        }
        counter("ficus.acl.changes.consumed", "raw change records read (tombstones included)", consumed, Tags.empty());
        counter("ficus.acl.changes", "changes by outcome", translated, Tags.of("outcome", "translated"));
        counter("ficus.acl.changes", "changes by outcome", skipped, Tags.of("outcome", "skipped"));
        counter("ficus.acl.changes", "changes by outcome", duplicates, Tags.of("outcome", "duplicate"));
        counter("ficus.acl.changes", "changes by outcome", deadLettered, Tags.of("outcome", "dead_lettered"));
        counter("ficus.acl.repartitioned", "changes sent through the repartition topic to reach their aggregate",
                repartitioned, Tags.empty());
        counter("ficus.acl.aggregate.cache", "aggregate cache lookups", aggregateCacheHits, Tags.of("result", "hit"));
        counter("ficus.acl.aggregate.cache", "aggregate cache lookups", aggregateCacheMisses,
                Tags.of("result", "miss"));
        gauge("ficus.acl.ignored.columns", "legacy columns the spec neither maps nor ignores, seen so far",
                ignoredByColumn, Map::size, Tags.empty());
        freshness = Timer.builder("ficus.acl.freshness").tags(tags)
                .description("legacy commit to translated, for streamed changes that published an event")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
                        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(30), Duration.ofSeconds(60))
                .register(registry);
        meters.add(freshness);
    }

    private void counter(String name, String description, LongAdder adder, Tags extra) {
        meters.add(FunctionCounter.builder(name, adder, LongAdder::sum).tags(tags.and(extra))
                .description(description).register(registry));
    }

    private <T> void gauge(String name, String description, T state, ToDoubleFunction<T> value, Tags extra) {
        meters.add(Gauge.builder(name, state, value).tags(tags.and(extra)).description(description)
                .strongReference(true).register(registry));
    }

    /** The registry the meters are in. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The business-metric watch over the streamed events per type; {@link #sampleRates} feeds it. */
    public RateDropWatch rateWatch() {
        return watch;
    }

    /** Domain events published per CloudEvents type, streamed and read together. */
    public Map<String, Long> eventsByType() {
        Map<String, Long> counts = new TreeMap<>();
        streamedByType.forEach((type, count) -> counts.merge(type, count.sum(), Long::sum));
        readByType.forEach((type, count) -> counts.merge(type, count.sum(), Long::sum));
        return counts;
    }

    /** Dead letters per reason kind (every kind, zero included). */
    public Map<RejectionKind, Long> deadLettersByKind() {
        Map<RejectionKind, Long> counts = new EnumMap<>(RejectionKind.class);
        deadLettersByKind.forEach((kind, count) -> counts.put(kind, count.sum()));
        return counts;
    }

    /** The freshness histogram (legacy commit → translated). */
    public Timer freshness() {
        return freshness;
    }

    /**
     * Hands the rate watch the streamed events per type as of {@code now}; the layer calls it every second, the watch
     * closes a window when one has passed.
     */
    public void sampleRates(Instant now) {
        Map<String, Long> counts = new TreeMap<>();
        streamedByType.forEach((type, count) -> counts.put(type, count.sum()));
        watch.sample(now, counts);
    }

    /** {@link #sampleRates(Instant)} at the metrics' clock's now. */
    public void sampleRates() {
        sampleRates(clock.instant());
    }

    /** Takes the meters out of the registry (the layer closed). */
    void unregister() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    /** Raw change records read (tombstones included). */
    public long consumed() {
        return consumed.sum();
    }

    /** Changes that produced at least one domain event. */
    public long translated() {
        return translated.sum();
    }

    /** Domain events published. */
    public long emitted() {
        return emitted.sum();
    }

    /** Changes deliberately translated to nothing: no mapped column changed, already removed, tombstones. */
    public long skipped() {
        return skipped.sum();
    }

    /** Changes at or before the last position of their legacy row (replays). */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Records sent to the dead letter topic (malformed or untranslatable). */
    public long deadLettered() {
        return deadLettered.sum();
    }

    /**
     * Values of columns the translation spec neither maps nor ignores, i.e. columns the legacy schema gained since the
     * spec was written: each is ignored (never published) and counted here, once per change record.
     */
    public long ignoredColumns() {
        return ignoredColumns.sum();
    }

    /** {@link #ignoredColumns()} per {@code schema.table.column}. */
    public Map<String, Long> ignoredColumnsByName() {
        Map<String, Long> counts = new TreeMap<>();
        ignoredByColumn.forEach((column, count) -> counts.put(column, count.sum()));
        return counts;
    }

    /**
     * Changes sent through the repartition topic to reach their aggregate: part rows (once per aggregate
     * they concern) and replayed dead letters. A root change read on its aggregate's partition (with Debezium's keys,
     * every one) is translated where it was read and not counted here.
     */
    public long repartitioned() {
        return repartitioned.sum();
    }

    /** Aggregates found in the tasks' {@code AggregateCache} (no store read). */
    public long aggregateCacheHits() {
        return aggregateCacheHits.sum();
    }

    /** Aggregates read from the state store (or found absent there) because they were not cached. */
    public long aggregateCacheMisses() {
        return aggregateCacheMisses.sum();
    }

    void recordAggregateCacheHit() {
        aggregateCacheHits.increment();
    }

    void recordAggregateCacheMiss() {
        aggregateCacheMisses.increment();
    }

    void recordRepartitioned() {
        repartitioned.increment();
    }

    void recordIgnoredColumn(String qualifiedColumn) {
        ignoredColumns.increment();
        LongAdder count = ignoredByColumn.get(qualifiedColumn);
        if (count == null) {
            count = ignoredByColumn.computeIfAbsent(qualifiedColumn, column -> {
                LongAdder adder = new LongAdder();
                counter("ficus.acl.ignored.values", "values of columns the spec neither maps nor ignores, dropped",
                        adder, Tags.of("column", column));
                return adder;
            });
        }
        count.increment();
    }

    /** One domain event of CloudEvents type {@code type}; {@code streamed}: from a streamed change (phase 1). */
    void recordEvent(String type, boolean streamed) {
        Map<String, LongAdder> byType = streamed ? streamedByType : readByType;
        LongAdder count = byType.get(type);
        if (count == null) {
            count = byType.computeIfAbsent(type, t -> newEventType(t, streamed));
        }
        count.increment();
    }

    private LongAdder newEventType(String type, boolean streamed) {
        LongAdder adder = new LongAdder();
        counter("ficus.acl.events", "domain events published, by CloudEvents type and source phase", adder,
                Tags.of("type", type, "phase", streamed ? "streamed" : "read"));
        if (streamed) {
            Tags typeTag = Tags.of("type", type);
            gauge("ficus.acl.event.rate", "streamed events per second over the rate watch's last window", watch,
                    w -> rate(w, type, RateDropWatch.Reading::rate), typeTag);
            gauge("ficus.acl.event.rate.normal", "the recent normal of the streamed events' rate, per second", watch,
                    w -> rate(w, type, RateDropWatch.Reading::normal), typeTag);
            gauge("ficus.acl.event.rate.dropped", "1 while the rate watch flags a sharp drop of the rate, else 0",
                    watch, w -> rate(w, type, r -> r.dropped() ? 1 : 0), typeTag);
        }
        return adder;
    }

    private static double rate(RateDropWatch watch, String type, ToDoubleFunction<RateDropWatch.Reading> value) {
        RateDropWatch.Reading reading = watch.reading(type);
        return reading == null ? 0 : value.applyAsDouble(reading);
    }

    /** A streamed change that published an event, committed at {@code commitTime}, translated now. */
    void recordFreshness(Instant commitTime) {
        Duration age = Duration.between(commitTime, clock.instant());
        if (!age.isNegative()) {
            freshness.record(age);
        }
    }

    /** A change read from {@code topic}: a streamed one moves the topic's highest LSN. */
    void recordPosition(String topic, SourcePosition position) {
        if (position.phase() != SourcePosition.STREAMING_PHASE) {
            return;
        }
        AtomicLong lsn = sourceLsn.get(topic);
        if (lsn == null) {
            lsn = sourceLsn.computeIfAbsent(topic, t -> {
                AtomicLong highest = new AtomicLong();
                gauge("ficus.acl.source.lsn", "the highest LSN of a streamed change read from the topic", highest,
                        AtomicLong::doubleValue, Tags.of("topic", t));
                return highest;
            });
        }
        lsn.accumulateAndGet(position.lsn(), Math::max);
    }

    /** The highest LSN of a streamed change read, per topic. */
    public Map<String, Long> sourceLsnByTopic() {
        Map<String, Long> lsns = new TreeMap<>();
        sourceLsn.forEach((topic, lsn) -> lsns.put(topic, lsn.get()));
        return lsns;
    }

    void recordConsumed() {
        consumed.increment();
    }

    void recordTranslated(int events) {
        translated.increment();
        emitted.add(events);
    }

    void recordSkipped() {
        skipped.increment();
    }

    void recordDuplicate() {
        duplicates.increment();
    }

    void recordDeadLettered(RejectionKind kind) {
        deadLettered.increment();
        deadLettersByKind.get(kind).increment();
    }

    @Override
    public String toString() {
        return "consumed=" + consumed() + " translated=" + translated() + " emitted=" + emitted() + " skipped="
                + skipped() + " duplicates=" + duplicates() + " deadLettered=" + deadLettered() + " ignoredColumns=" + ignoredColumns()
                + " repartitioned=" + repartitioned() + " aggregateCacheHits=" + aggregateCacheHits()
                + " aggregateCacheMisses=" + aggregateCacheMisses();
    }
}
