package ficus.kit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Micrometer meters of one running component (tags {@code component} and {@code topic}):
 *
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>name</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code ficus.component.applied}</td><td>counter</td><td>events that changed state</td></tr>
 *   <tr><td>{@code ficus.component.applied.rate}</td><td>gauge</td><td>events applied per second, over the last 10 s</td></tr>
 *   <tr><td>{@code ficus.component.skipped}</td><td>counter</td><td>duplicates, replays, older positions, unknown types</td></tr>
 *   <tr><td>{@code ficus.component.retries}</td><td>counter</td><td>failed attempts that will be retried</td></tr>
 *   <tr><td>{@code ficus.component.dead.letters}</td><td>counter</td><td>records written to the dead-letter topic</td></tr>
 *   <tr><td>{@code ficus.component.lag}</td><td>gauge</td><td>records behind the end of the assigned partitions</td></tr>
 *   <tr><td>{@code ficus.component.freshness}</td><td>timer</td><td>applied time − legacy commit time ({@code ce_time})</td></tr>
 * </table>
 *
 * In Prometheus's naming ({@code ficus_component_applied_total}, {@code ficus_component_freshness_seconds}, ...). The
 * kit's consumer also binds its Kafka consumer's own metrics to the same registry (Micrometer's
 * {@code KafkaClientMetrics}: {@code kafka_consumer_*}, tag {@code component}).
 */
public final class ComponentMetrics {

    private final Counter applied;
    private final Counter skipped;
    private final Counter retries;
    private final Counter deadLetters;
    private final Timer freshness;
    private final AtomicLong lag = new AtomicLong();
    private final RateWindow rate;

    public ComponentMetrics(MeterRegistry registry, String component, String topic, Clock clock) {
        Tags tags = Tags.of("component", component, "topic", topic);
        applied = Counter.builder("ficus.component.applied").tags(tags)
                .description("events that changed the component's state").register(registry);
        skipped = Counter.builder("ficus.component.skipped").tags(tags)
                .description("events that changed nothing (duplicates, replays, older positions, unknown types)")
                .register(registry);
        retries = Counter.builder("ficus.component.retries").tags(tags)
                .description("failed attempts to apply an event that will be retried").register(registry);
        deadLetters = Counter.builder("ficus.component.dead.letters").tags(tags)
                .description("records written to the component's dead-letter topic").register(registry);
        freshness = Timer.builder("ficus.component.freshness").tags(tags)
                .description("time from the legacy commit to the component's commit").publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("ficus.component.lag", lag, AtomicLong::get).tags(tags)
                .description("records behind the end of the partitions assigned to this instance").register(registry);
        rate = new RateWindow(clock, 10);
        Gauge.builder("ficus.component.applied.rate", rate, RateWindow::perSecond).tags(tags)
                .description("events applied per second over the last 10 seconds").register(registry);
    }

    public void applied(Instant legacyCommitTime, Instant appliedAt) {
        applied.increment();
        rate.add(1);
        Duration age = Duration.between(legacyCommitTime, appliedAt);
        if (!age.isNegative()) {
            freshness.record(age);
        }
    }

    public void skipped() {
        skipped.increment();
    }

    public void retried() {
        retries.increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }

    public void lag(long records) {
        lag.set(records);
    }

    public long lag() {
        return lag.get();
    }

    public double appliedPerSecond() {
        return rate.perSecond();
    }

    /** A sliding count over whole seconds. */
    static final class RateWindow {
        private final Clock clock;
        private final long[] buckets;
        private final long[] bucketSecond;

        RateWindow(Clock clock, int seconds) {
            this.clock = clock;
            this.buckets = new long[seconds];
            this.bucketSecond = new long[seconds];
        }

        synchronized void add(long n) {
            long second = clock.millis() / 1000;
            int i = (int) (second % buckets.length);
            if (bucketSecond[i] != second) {
                bucketSecond[i] = second;
                buckets[i] = 0;
            }
            buckets[i] += n;
        }

        synchronized double perSecond() {
            long now = clock.millis() / 1000;
            long sum = 0;
            for (int i = 0; i < buckets.length; i++) {
                if (now - bucketSecond[i] < buckets.length) {
                    sum += buckets[i];
                }
            }
            return (double) sum / buckets.length;
        }
    }
}
