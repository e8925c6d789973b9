package ficus.migration.backfill;

import java.time.Duration;

/**
 * How far a backfill is.
 *
 * @param aggregatesDone  aggregates published in this run (committed chunks)
 * @param aggregatesTotal aggregates this run has to publish (what was left when its partitions opened)
 * @param rowsDone        legacy rows (root and parts) published in this run
 * @param rowsPerSecond   rate since the run started
 * @param eta             time left at that rate (zero when done, null before the rate is known)
 */
public record Progress(long aggregatesDone, long aggregatesTotal, long rowsDone, double rowsPerSecond,
                       Duration eta) {

    public double fraction() {
        return aggregatesTotal == 0 ? 1.0 : Math.min(1.0, (double) aggregatesDone / aggregatesTotal);
    }

    /** A one-line progress bar: {@code [#####.....]  52% 520000/1000000 aggregates, 61234 rows/s, ETA 8s}. */
    public String render() {
        int width = 30;
        int filled = (int) Math.round(fraction() * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + String.format("%3d%% %d/%d aggregates,"
                + " %.0f rows/s, ETA %s", Math.round(fraction() * 100), aggregatesDone, aggregatesTotal,
                rowsPerSecond, eta == null ? "?" : eta.toSeconds() + "s");
    }
}
