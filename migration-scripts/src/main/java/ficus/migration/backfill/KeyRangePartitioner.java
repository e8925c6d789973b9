package ficus.migration.backfill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the root key into ranges at the given boundaries (root keys that cut the rows into about equal parts,
 * whatever the key's type or width): {@code (-∞, b1], (b1, b2], ..., (bn, +∞)} — one partition per range, read in
 * parallel. No boundaries: one partition over everything.
 */
final class KeyRangePartitioner implements Partitioner {

    private final List<List<String>> boundaries;
    private final boolean empty;

    /**
     * @param boundaries ascending root keys (each the key columns' text)
     * @param empty      whether there is nothing to read (no partition at all)
     */
    KeyRangePartitioner(List<List<String>> boundaries, boolean empty) {
        this.boundaries = List.copyOf(boundaries);
        this.empty = empty;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        if (empty) {
            return partitions;
        }
        List<String> from = null;
        for (int i = 0; i <= boundaries.size(); i++) {
            List<String> to = i < boundaries.size() ? boundaries.get(i) : null;
            ExecutionContext context = new ExecutionContext();
            if (from != null) {
                context.putString(LegacyAggregateReader.FROM, LegacyAggregateReader.keyText(from));
            }
            if (to != null) {
                context.putString(LegacyAggregateReader.TO, LegacyAggregateReader.keyText(to));
            }
            partitions.put("partition" + i, context);
            from = to;
        }
        return partitions;
    }
}
