package ficus.kit.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void shouldDoubleTheBackoffUntilTheCap() {
        var policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), 0);
        assertThat(policy.backoff(1, fixed(0.5))).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2, fixed(0.5))).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(4, fixed(0.5))).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(5, fixed(0.5))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(500, fixed(0.5))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldDrawTheJitteredShareOfEachWaitAtRandom() {
        var policy = new RetryPolicy(5, Duration.ofMillis(1000), Duration.ofSeconds(10), 0.5);
        assertThat(policy.backoff(1, fixed(0.0))).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(1, fixed(0.999))).isBetween(Duration.ofMillis(990), Duration.ofMillis(1000));
        assertThat(policy.backoff(2, fixed(0.0))).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void shouldTellAnUnreachableDatabaseFromABadEvent() {
        var wrapped = new RuntimeException("jOOQ", new SQLTransientConnectionException("pool exhausted"));
        assertThat(RetryPolicy.isUnavailable(wrapped)).isTrue();
        assertThat(RetryPolicy.isUnavailable(new RuntimeException(new SQLException("refused", "08001")))).isTrue();
        assertThat(RetryPolicy.isUnavailable(new RuntimeException(new SQLException("dup", "23505")))).isFalse();
        assertThat(RetryPolicy.isUnavailable(new IllegalStateException("handler bug"))).isFalse();
    }

    @Test
    void shouldRejectAPolicyWithoutAttempts() {
        assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    }
}
