package ficus.kit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ComponentMetricsTest {

    @Test
    void shouldCountAppliedEventsAndTheirFreshness() {
        var registry = new SimpleMeterRegistry();
        var now = Instant.parse("2026-01-01T00:00:10Z");
        var metrics = new ComponentMetrics(registry, "customer-status", "crm.customer.v1",
                Clock.fixed(now, ZoneOffset.UTC));

        metrics.applied(now.minusMillis(300), now);
        metrics.applied(now.minusMillis(100), now);
        metrics.deadLettered();
        metrics.lag(7);

        assertThat(registry.get("ficus.component.applied").tag("component", "customer-status").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("ficus.component.freshness").timer().max(TimeUnit.MILLISECONDS)).isEqualTo(300);
        assertThat(registry.get("ficus.component.dead.letters").counter().count()).isEqualTo(1);
        assertThat(registry.get("ficus.component.lag").gauge().value()).isEqualTo(7);
        assertThat(registry.get("ficus.component.applied.rate").gauge().value()).isEqualTo(0.2);
    }
}
