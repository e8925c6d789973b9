package ficus.migration.reconcile;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads one side's cursor ahead on its own thread, in blocks, so that the database producing rows, the mapping of rows
 * (the legacy side's translation) and the merge join run at the same time instead of taking turns. Order is kept: the
 * iterator yields exactly the cursor's sequence. A failure of the cursor is rethrown by {@link #hasNext()}; closing
 * stops the thread and closes the cursor (on that thread, the only one that ever used it after opening).
 */
final class Prefetch implements Iterator<Keyed>, AutoCloseable {

    static final int BLOCK = 4_096;
    private static final int BLOCKS_AHEAD = 8;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BLOCKS_AHEAD);
    private final Thread thread;
    private volatile boolean stopped;
    private Keyed[] block = new Keyed[0];
    private int at;
    private boolean done;

    /** Starts reading {@code cursor} (already open: its snapshot is taken) on a thread named after {@code side}. */
    Prefetch(String side, Cursors.Side cursor) {
        this.thread = Thread.ofPlatform().daemon().name("reconcile-" + side).start(() -> run(cursor));
    }

    private void run(Cursors.Side cursor) {
        try (cursor) {
            Keyed[] next = new Keyed[BLOCK];
            int n = 0;
            while (!stopped && cursor.hasNext()) {
                next[n++] = cursor.next();
                if (n == BLOCK) {
                    put(next);
                    next = new Keyed[BLOCK];
                    n = 0;
                }
            }
            if (n > 0) {
                put(Arrays.copyOf(next, n));
            }
            put(END);
        } catch (RuntimeException | Error e) {
            put(e);
        }
    }

    private void put(Object item) {
        try {
            while (!stopped) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        if (at < block.length) {
            return true;
        }
        if (done) {
            return false;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading ahead", e);
        }
        if (item == END) {
            done = true;
            return false;
        }
        if (item instanceof RuntimeException e) {
            done = true;
            throw e;
        }
        if (item instanceof Error e) {
            done = true;
            throw e;
        }
        block = (Keyed[]) item;
        at = 0;
        return true;
    }

    @Override
    public Keyed next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return block[at++];
    }

    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
