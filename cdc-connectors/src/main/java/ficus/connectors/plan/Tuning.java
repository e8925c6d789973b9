package ficus.connectors.plan;

/**
 * Debezium's throughput/latency knobs. Defaults favour latency: a 20 ms poll interval (Debezium's own default is
 * 500 ms), Debezium's batch and queue sizes. Debezium requires the queue to be larger than a batch.
 */
public record Tuning(int pollIntervalMs, int maxBatchSize, int maxQueueSize) {

    public static final int DEFAULT_POLL_INTERVAL_MS = 20;
    public static final int DEFAULT_MAX_BATCH_SIZE = 2048;
    public static final int DEFAULT_MAX_QUEUE_SIZE = 8192;
    public static final Tuning DEFAULTS =
            new Tuning(DEFAULT_POLL_INTERVAL_MS, DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_QUEUE_SIZE);

    public Tuning {
        if (pollIntervalMs < 1 || maxBatchSize < 1 || maxQueueSize <= maxBatchSize) {
            throw new IllegalArgumentException("invalid tuning: pollIntervalMs=" + pollIntervalMs + ", maxBatchSize="
                    + maxBatchSize + ", maxQueueSize=" + maxQueueSize);
        }
    }
}
