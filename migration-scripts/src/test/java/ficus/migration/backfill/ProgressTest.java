package ficus.migration.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void shouldRenderABarWithRateAndEta() {
        var progress = new Progress(500, 1_000, 1_250, 60_000, Duration.ofSeconds(8));

        assertThat(progress.render()).startsWith("[###############...............]")
                .contains(" 50% 500/1000 aggregates").contains("60000 rows/s").endsWith("ETA 8s");
    }

    @Test
    void shouldTellTheListenerAfterEveryCommittedChunk() {
        var seen = new java.util.ArrayList<Progress>();
        var tracker = new BackfillProgress(seen::add);
        tracker.addTotal(10);

        tracker.committed(4, 9);
        tracker.committed(6, 13);

        assertThat(seen).extracting(Progress::aggregatesDone).containsExactly(4L, 10L);
        assertThat(seen.getLast().rowsDone()).isEqualTo(22);
        assertThat(seen.getLast().eta()).isEqualTo(Duration.ZERO);
    }
}
