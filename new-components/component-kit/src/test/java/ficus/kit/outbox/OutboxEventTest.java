package ficus.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxEventTest {

    @Test
    void shouldDeriveTheSameIdFromTheSameCause() {
        assertThat(OutboxEvent.deterministicId("customer-status", "e-1", "CustomerBecameInactive"))
                .isEqualTo(OutboxEvent.deterministicId("customer-status", "e-1", "CustomerBecameInactive"))
                .isNotEqualTo(OutboxEvent.deterministicId("customer-status", "e-2", "CustomerBecameInactive"));
    }
}
