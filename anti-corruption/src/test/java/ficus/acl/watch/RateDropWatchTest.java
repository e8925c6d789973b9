package ficus.acl.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.watch.RateDropWatch.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Synthetic series, one sample per window, on a clock the test moves: deterministic, no sleeping. */
class RateDropWatchTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    /** Feeds per-window rates (events/s) for a few types and records each type's state after every window. */
    private static final class Series {
        final RateDropWatch watch = new RateDropWatch(RateDropWatch.Settings.defaults());
        final Map<String, Long> counts = new LinkedHashMap<>();
        final Map<String, List<State>> states = new LinkedHashMap<>();
        final Random random = new Random(42);
        Instant now = T0;

        Series(String... types) {
            for (String type : types) {
                counts.put(type, 0L);
                states.put(type, new ArrayList<>());
            }
            watch.sample(now, counts);
        }

        /** One window: each type gains rate × 10 s events (rounded), then the watch samples. */
        void window(Map<String, Double> rates) {
            rates.forEach((type, rate) -> counts.merge(type, Math.round(rate * WINDOW.toSeconds()), Long::sum));
            now = now.plus(WINDOW);
            watch.sample(now, counts);
            states.forEach((type, list) -> list.add(watch.reading(type).state()));
        }

        void windows(int n, String type, IntToDoubleFunction rate) {
            for (int i = 0; i < n; i++) {
                window(Map.of(type, rate.applyAsDouble(i)));
            }
        }

        /** A rate around {@code mean}, uniformly within ± {@code spread} of it. */
        double noisy(double mean, double spread) {
            return mean * (1 - spread + 2 * spread * random.nextDouble());
        }
    }

    @Test
    void shouldFlagASharpDropOfOneEventTypeAfterTheConsecutiveLowWindowsAndNoOther() {
        Series s = new Series("crm.CustomerStatusChanged.v1", "crm.CustomerAddressChanged.v1");
        for (int i = 0; i < 20; i++) {
            s.window(Map.of("crm.CustomerStatusChanged.v1", s.noisy(20, 0.3),
                    "crm.CustomerAddressChanged.v1", s.noisy(8, 0.3)));
        }
        assertThat(s.watch.reading("crm.CustomerStatusChanged.v1").state()).isEqualTo(State.NORMAL);
        assertThat(s.watch.reading("crm.CustomerStatusChanged.v1").normal()).isBetween(14.0, 26.0);

        // the status changes fall to a tenth; the address changes go on as before
        for (int i = 0; i < 3; i++) {
            s.window(Map.of("crm.CustomerStatusChanged.v1", s.noisy(2, 0.3),
                    "crm.CustomerAddressChanged.v1", s.noisy(8, 0.3)));
        }

        List<State> status = s.states.get("crm.CustomerStatusChanged.v1");
        assertThat(status.subList(20, 23)).containsExactly(State.NORMAL, State.NORMAL, State.DROPPED);
        assertThat(s.watch.dropped()).extracting(RateDropWatch.Reading::type)
                .containsExactly("crm.CustomerStatusChanged.v1");
        assertThat(s.watch.reading("crm.CustomerStatusChanged.v1").rate()).isBetween(1.0, 3.0);
        assertThat(s.watch.reading("crm.CustomerStatusChanged.v1").normal())
                .as("the normal does not learn from the drop").isBetween(14.0, 26.0);
        assertThat(s.states.get("crm.CustomerAddressChanged.v1")).doesNotContain(State.DROPPED);
    }

    @Test
    void shouldFlagATypeThatStopsAltogether() {
        Series s = new Series("sales.OrderPlaced.v1");
        s.windows(12, "sales.OrderPlaced.v1", i -> 5);
        // no more events at all: its count stays where it was
        for (int i = 0; i < 3; i++) {
            s.window(Map.of());
        }

        assertThat(s.watch.reading("sales.OrderPlaced.v1").state()).isEqualTo(State.DROPPED);
        assertThat(s.watch.reading("sales.OrderPlaced.v1").rate()).isZero();
    }

    @Test
    void shouldStayQuietUnderNoisyButSteadyTrafficAndShortGaps() {
        Series s = new Series("crm.CustomerDetailsChanged.v1");
        // ±60 % noise for more than an hour of windows, and every 25th window a complete gap (a stalled poll)
        s.windows(500, "crm.CustomerDetailsChanged.v1", i -> i % 25 == 24 ? 0 : s.noisy(10, 0.6));

        assertThat(s.states.get("crm.CustomerDetailsChanged.v1")).doesNotContain(State.DROPPED);
        assertThat(s.watch.reading("crm.CustomerDetailsChanged.v1").state()).isEqualTo(State.NORMAL);
    }

    @Test
    void shouldNotFlapOnALowTrafficType() {
        Series s = new Series("crm.CustomerRemoved.v1");
        // about one event every 5 s, in bursts: most windows have 0..4 events
        s.windows(500, "crm.CustomerRemoved.v1", i -> s.random.nextInt(5) / 10.0);

        assertThat(s.states.get("crm.CustomerRemoved.v1").subList(6, 500)).containsOnly(State.LOW_TRAFFIC);
        assertThat(s.watch.dropped()).isEmpty();
    }

    @Test
    void shouldClearTheFlagOnceTheRateRecovers() {
        Series s = new Series("sales.OrderShipped.v1");
        s.windows(10, "sales.OrderShipped.v1", i -> 10);
        s.windows(4, "sales.OrderShipped.v1", i -> 1);
        assertThat(s.watch.reading("sales.OrderShipped.v1").state()).isEqualTo(State.DROPPED);

        s.window(Map.of("sales.OrderShipped.v1", 4.0)); // 40 %: above the drop ratio, below recovery
        assertThat(s.watch.reading("sales.OrderShipped.v1").state()).isEqualTo(State.DROPPED);

        s.window(Map.of("sales.OrderShipped.v1", 9.0));
        assertThat(s.watch.reading("sales.OrderShipped.v1").state()).isEqualTo(State.NORMAL);
    }

    @Test
    void shouldNotTakeABacklogBurstForTheNormal() {
        Series s = new Series("crm.CustomerStatusChanged.v1");
        // the changes queued behind an initial snapshot arrive in one burst, then the ordinary rate
        s.window(Map.of("crm.CustomerStatusChanged.v1", 400.0));
        s.windows(20, "crm.CustomerStatusChanged.v1", i -> s.noisy(20, 0.3));
        // a stall upstream, then its backlog drained in five fast windows (3.4 times the normal)
        s.windows(5, "crm.CustomerStatusChanged.v1", i -> 20 * 12 / 5.0 + 20);
        s.windows(20, "crm.CustomerStatusChanged.v1", i -> s.noisy(20, 0.3));

        assertThat(s.states.get("crm.CustomerStatusChanged.v1")).doesNotContain(State.DROPPED);
        assertThat(s.watch.reading("crm.CustomerStatusChanged.v1").normal()).isBetween(14.0, 30.0);
    }

    @Test
    void shouldNotJudgeDuringWarmUp() {
        Series s = new Series("sales.OrderPlaced.v1");
        s.windows(3, "sales.OrderPlaced.v1", i -> 50);
        s.windows(3, "sales.OrderPlaced.v1", i -> 0);

        assertThat(s.states.get("sales.OrderPlaced.v1")).containsOnly(State.LEARNING);
    }

    @Test
    void shouldMeasureAWindowOverItsWholeLengthWhenSampledMoreOften() {
        RateDropWatch watch = new RateDropWatch(RateDropWatch.Settings.defaults());
        watch.sample(T0, Map.of("t", 0L));
        for (int second = 1; second < 10; second++) {
            watch.sample(T0.plusSeconds(second), Map.of("t", second * 7L));
            assertThat(watch.reading("t").rate()).as("window still open at %d s", second).isZero();
        }
        watch.sample(T0.plusSeconds(12), Map.of("t", 84L, "u", 6L)); // a late tick: 12 s long

        assertThat(watch.reading("t").rate()).isEqualTo(7.0);
        assertThat(watch.reading("u").rate()).as("a type new in this window").isEqualTo(0.5);
    }

    @Test
    void shouldRefuseSettingsThatCannotWork() {
        assertThatThrownBy(() -> RateDropWatch.Settings.defaults().withWindow(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window must be positive");
        assertThatThrownBy(() -> new RateDropWatch.Settings(WINDOW, 0.2, 6, 0.7, 3, 0.5, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ratios");
    }
}
