package ficus.migration.backfill;

import java.time.Duration;

/** The counters all partitions share; tells the {@link ProgressListener} after every committed chunk. */
final class BackfillProgress {

    private final ProgressListener listener;
    private final long startNanos = System.nanoTime();
    private long total;
    private long aggregates;
    private long rows;

    BackfillProgress(ProgressListener listener) {
        this.listener = listener;
    }

    synchronized void addTotal(long aggregatesLeft) {
        total += aggregatesLeft;
    }

    synchronized void committed(long chunkAggregates, long chunkRows) {
        aggregates += chunkAggregates;
        rows += chunkRows;
        listener.onProgress(snapshot());
    }

    synchronized Progress snapshot() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double rate = rows / seconds;
        double aggregateRate = aggregates / seconds;
        Duration eta = aggregates == 0 ? null
                : Duration.ofMillis((long) (Math.max(0, total - aggregates) / aggregateRate * 1000));
        return new Progress(aggregates, Math.max(total, aggregates), rows, rate, eta);
    }
}
