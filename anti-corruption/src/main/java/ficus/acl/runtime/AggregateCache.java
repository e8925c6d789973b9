package ficus.acl.runtime;

import ficus.acl.aggregate.Aggregate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used aggregates of one task, deserialized, in front of its state store: a write-through cache
 * (every write goes to the store and its changelog first, then here), so the store stays the truth and a hit only saves
 * the store read and the decoding. {@link Aggregate} is immutable, so a cached one can be handed out as is.
 *
 * <p>Owned by one processor instance (one task, one stream thread: no locking) and emptied whenever the processor is
 * (re-)initialized or closed — a task whose transaction was aborted is closed and re-initialized with its store
 * restored from the changelog, and the cache must not outlive that store's contents. Bounded by entries, least
 * recently used out first; {@code 0} turns it off.
 */
final class AggregateCache {

    private final int capacity;
    private final LinkedHashMap<String, Aggregate> entries;

    AggregateCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Aggregate> eldest) {
                return size() > AggregateCache.this.capacity;
            }
        };
    }

    /** The cached aggregate of {@code key}, or {@code null} if it is not cached (absent keys are not cached). */
    Aggregate get(String key) {
        if (capacity == 0) {
            return null;
        }
        return entries.get(key); // counted by the caller (AclMetrics)
    }

    /** After the store has taken {@code value} for {@code key}. */
    void put(String key, Aggregate value) {
        if (capacity > 0) {
            entries.put(key, value);
        }
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
