package ficus.migration.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class KeyRangePartitionerTest {

    @Test
    void shouldCoverTheWholeKeyRangeWithAdjacentNonOverlappingRanges() {
        var partitions = new KeyRangePartitioner(1, 1_000).partition(3);

        List<long[]> ranges = new ArrayList<>();
        for (ExecutionContext c : partitions.values()) {
            ranges.add(new long[] {c.getLong(LegacyAggregateReader.FROM), c.getLong(LegacyAggregateReader.TO)});
        }
        assertThat(partitions).containsOnlyKeys("partition0", "partition1", "partition2");
        assertThat(ranges.getFirst()[0]).isEqualTo(0);
        assertThat(ranges.getLast()[1]).isEqualTo(1_000);
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i)[0]).isEqualTo(ranges.get(i - 1)[1]);
        }
    }

    @Test
    void shouldNotMakeMorePartitionsThanKeys() {
        assertThat(new KeyRangePartitioner(5, 6).partition(8)).hasSize(2);
        assertThat(new KeyRangePartitioner(1, 0).partition(4)).isEmpty();
    }
}
