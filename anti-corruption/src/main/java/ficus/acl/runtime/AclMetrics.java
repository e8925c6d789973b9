package ficus.acl.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the layer did since it started. Every consumed change ends in exactly one of translated, skipped,
 * duplicates or deadLettered, so {@code consumed == translated + skipped + duplicates + deadLettered} (except for a
 * part row that moved from one aggregate to another: both aggregates see that change). Counted as
 * processed, so a task that is retried after a failure under exactly-once may count some records twice; the topics,
 * not these counters, are the truth.
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
        ignoredByColumn.computeIfAbsent(qualifiedColumn, c -> new LongAdder()).increment();
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

    void recordDeadLettered() {
        deadLettered.increment();
    }

    @Override
    public String toString() {
        return "consumed=" + consumed() + " translated=" + translated() + " emitted=" + emitted() + " skipped="
                + skipped() + " duplicates=" + duplicates() + " deadLettered=" + deadLettered() + " ignoredColumns=" + ignoredColumns()
                + " repartitioned=" + repartitioned() + " aggregateCacheHits=" + aggregateCacheHits()
                + " aggregateCacheMisses=" + aggregateCacheMisses();
    }
}
