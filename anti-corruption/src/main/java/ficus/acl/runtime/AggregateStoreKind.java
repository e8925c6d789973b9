package ficus.acl.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the layer keeps its aggregates ({@link AclSettings#AGGREGATE_STORE_CONFIG}). Both are changelogged
 * to Kafka and restored from it, so the choice is about memory and speed, not about what survives a crash.
 */
public enum AggregateStoreKind {
    /**
     * RocksDB on local disk (the default): any number of aggregates, off-heap memory bounded by RocksDB's buffers; a
     * clean restart reopens the store and reads only the changelog written since its checkpoint.
     */
    ROCKSDB("rocksdb"),
    /**
     * A sorted map on the heap: cheaper per change (no native write path, no flushes or compactions), but every
     * aggregate is on the heap (about 0.5 KiB per aggregate with its key and map entry) and every start, clean or not,
     * restores the whole changelog. For translations whose aggregates comfortably fit the heap.
     */
    IN_MEMORY("in-memory");

    private final String configValue;

    AggregateStoreKind(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** The kind a configuration value names ({@code rocksdb}, {@code in-memory}), or empty. */
    public static Optional<AggregateStoreKind> forConfigValue(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.configValue.equals(wanted)).findFirst();
    }
}
