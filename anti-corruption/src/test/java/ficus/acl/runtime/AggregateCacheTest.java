package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.aggregate.Aggregate;
import ficus.acl.aggregate.AggregateKey;
import org.junit.jupiter.api.Test;

class AggregateCacheTest {

    private static Aggregate aggregate(long id) {
        return Aggregate.empty(AggregateKey.of(id));
    }

    @Test
    void shouldHandOutWhatWasPutLatest() {
        AggregateCache cache = new AggregateCache(10);
        assertThat(cache.get("1")).isNull();
        Aggregate one = aggregate(1);
        cache.put("1", one);
        assertThat(cache.get("1")).isSameAs(one);
        Aggregate newer = aggregate(1);
        cache.put("1", newer);
        assertThat(cache.get("1")).isSameAs(newer);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedBeyondItsCapacity() {
        AggregateCache cache = new AggregateCache(2);
        cache.put("1", aggregate(1));
        cache.put("2", aggregate(2));
        assertThat(cache.get("1")).isNotNull(); // 1 is now more recent than 2
        cache.put("3", aggregate(3));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("2")).isNull();
        assertThat(cache.get("1")).isNotNull();
        assertThat(cache.get("3")).isNotNull();
    }

    @Test
    void shouldKeepNothingWithCapacityZeroAndForgetEverythingOnClear() {
        AggregateCache off = new AggregateCache(0);
        off.put("1", aggregate(1));
        assertThat(off.get("1")).isNull();
        assertThat(off.size()).isZero();

        AggregateCache cache = new AggregateCache(5);
        cache.put("1", aggregate(1));
        cache.clear();
        assertThat(cache.get("1")).isNull();
        assertThatThrownBy(() -> new AggregateCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
