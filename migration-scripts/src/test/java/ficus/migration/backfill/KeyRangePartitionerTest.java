package ficus.migration.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class KeyRangePartitionerTest {

    @Test
    void shouldCoverTheWholeKeyWithAdjacentRangesCutAtTheBoundaries() {
        var partitions = new KeyRangePartitioner(List.of(List.of("1", "500"), List.of("2", "17")), false)
                .partition(3);

        List<ExecutionContext> ranges = List.copyOf(partitions.values());
        assertThat(partitions).containsOnlyKeys("partition0", "partition1", "partition2");
        assertThat(ranges.getFirst().containsKey(LegacyAggregateReader.FROM)).as("open start").isFalse();
        assertThat(ranges.getFirst().getString(LegacyAggregateReader.TO)).isEqualTo("[\"1\",\"500\"]");
        assertThat(ranges.get(1).getString(LegacyAggregateReader.FROM)).isEqualTo("[\"1\",\"500\"]");
        assertThat(ranges.get(1).getString(LegacyAggregateReader.TO)).isEqualTo("[\"2\",\"17\"]");
        assertThat(ranges.getLast().getString(LegacyAggregateReader.FROM)).isEqualTo("[\"2\",\"17\"]");
        assertThat(ranges.getLast().containsKey(LegacyAggregateReader.TO)).as("open end").isFalse();
    }

    @Test
    void shouldMakeOnePartitionWithoutBoundariesAndNoneWhenThereIsNothingToRead() {
        assertThat(new KeyRangePartitioner(List.of(), false).partition(8)).hasSize(1);
        assertThat(new KeyRangePartitioner(List.of(), true).partition(4)).isEmpty();
    }

    @Test
    void shouldKeepKeyTextExactlyThroughTheRestartPoint() {
        List<String> key = List.of("Müller \"A\"", "2026-03-14 03:56:53.589793+00");

        assertThat(LegacyAggregateReader.key(LegacyAggregateReader.keyText(key))).isEqualTo(key);
    }
}
