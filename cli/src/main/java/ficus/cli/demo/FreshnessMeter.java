package ficus.cli.demo;

import ficus.kit.consume.ApplyListener;
import ficus.kit.event.EventEnvelope;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * Freshness: from the legacy commit (the event's {@code time}) to the component having applied it. Only streamed
 * changes count; snapshot reads carry the snapshot's time, not a commit the user made.
 */
final class FreshnessMeter implements ApplyListener {

    private static final long MAX_MS = Duration.ofHours(1).toMillis();
    private static final String STREAMED_PHASE = "1/";

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(MAX_MS, 3);
    /** Only changes committed after the pipeline first caught up with the initial snapshot's backlog. */
    private final ConcurrentHistogram live = new ConcurrentHistogram(MAX_MS, 3);
    private volatile Instant liveFrom;
    private final AtomicLong applied = new AtomicLong();
    private volatile Instant firstApplied;

    @Override
    public void onApplied(EventEnvelope event, Instant appliedAt) {
        applied.incrementAndGet();
        if (firstApplied == null) {
            firstApplied = appliedAt;
        }
        if (event.position() != null && event.position().startsWith(STREAMED_PHASE)) {
            long ms = Math.max(0, Math.min(MAX_MS, Duration.between(event.time(), appliedAt).toMillis()));
            histogram.recordValue(ms);
            Instant from = liveFrom;
            if (from != null && !event.time().isBefore(from)) {
                live.recordValue(ms);
            }
        }
    }

    @Override
    public void onSkipped(EventEnvelope event, String why) {
        // skips are counted by the component itself
    }

    long applied() {
        return applied.get();
    }

    Instant firstApplied() {
        return firstApplied;
    }

    long p50() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(50);
    }

    long p99() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(99);
    }

    long samples() {
        return histogram.getTotalCount();
    }

    /** From now on, changes also count as live (the initial snapshot and its backlog have gone through). */
    void markCaughtUp(Instant now) {
        liveFrom = now;
    }

    boolean caughtUp() {
        return liveFrom != null;
    }

    long liveP50() {
        return live.getTotalCount() == 0 ? 0 : live.getValueAtPercentile(50);
    }

    long liveP99() {
        return live.getTotalCount() == 0 ? 0 : live.getValueAtPercentile(99);
    }

    long liveSamples() {
        return live.getTotalCount();
    }
}
