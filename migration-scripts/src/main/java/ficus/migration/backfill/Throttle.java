package ficus.migration.backfill;

import java.util.concurrent.locks.LockSupport;

/**
 * At most {@code rowsPerSecond} rows, shared by every partition: each caller reserves its rows on one timeline and
 * parks until its reservation is due. 0 means unlimited.
 */
final class Throttle {

    private final long rowsPerSecond;
    private long nextFreeNanos = System.nanoTime();

    Throttle(long rowsPerSecond) {
        this.rowsPerSecond = rowsPerSecond;
    }

    void acquire(int rows) {
        if (rowsPerSecond <= 0 || rows <= 0) {
            return;
        }
        long due;
        synchronized (this) {
            long now = System.nanoTime();
            due = Math.max(nextFreeNanos, now);
            nextFreeNanos = due + rows * 1_000_000_000L / rowsPerSecond;
        }
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
