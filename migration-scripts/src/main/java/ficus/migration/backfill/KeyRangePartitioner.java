package ficus.migration.backfill;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the key range {@code [min, max]} of the root table into {@code gridSize} ranges of equal width,
 * {@code (from, to]} each: one partition per range, read in parallel.
 */
final class KeyRangePartitioner implements Partitioner {

    private final long min;
    private final long max;

    KeyRangePartitioner(long min, long max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        if (max < min) {
            return partitions;
        }
        long span = max - min + 1;
        int grid = (int) Math.max(1, Math.min(gridSize, span));
        long from = min - 1;
        for (int i = 0; i < grid; i++) {
            long to = i == grid - 1 ? max : min - 1 + span * (i + 1) / grid;
            ExecutionContext context = new ExecutionContext();
            context.putLong(LegacyAggregateReader.FROM, from);
            context.putLong(LegacyAggregateReader.TO, to);
            partitions.put("partition" + i, context);
            from = to;
        }
        return partitions;
    }
}
