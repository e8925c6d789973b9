package ficus.migration.backfill;

import java.time.Duration;

/**
 * What one {@link Backfill#run} did.
 *
 * @param jobExecutionId the Spring Batch job execution (in schema {@code ficus_batch})
 * @param run            the run number of this backfill (a new run starts after a completed one)
 * @param resumed        whether this execution resumed an earlier one that had not completed
 * @param aggregates     aggregates published by this execution
 * @param rows           legacy rows (root and parts) published by this execution
 * @param elapsed        wall time of this execution
 */
public record BackfillResult(long jobExecutionId, long run, boolean resumed, long aggregates, long rows,
                             Duration elapsed) {

    public double rowsPerSecond() {
        return elapsed.isZero() ? 0 : rows / (elapsed.toNanos() / 1e9);
    }

    public String summary() {
        return String.format("backfill: run %d%s, %d aggregates, %d rows in %.1f s (%.0f rows/s)", run,
                resumed ? " (resumed)" : "", aggregates, rows, elapsed.toNanos() / 1e9, rowsPerSecond());
    }
}
