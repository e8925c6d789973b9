package ficus.components.leadrouting;

import ficus.kit.consume.ComponentConsumer;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /customers/{id}/routing} → {@code {"customerId":..,"routable":false,"reason":"SUSPENDED","since":..}}
 * (a customer never reported inactive is routable: 200 with {@code "reason":"NEVER_INACTIVE"}); {@code GET /parked}
 * → the parked customers; {@code GET /ficus/component} → the consumer's counters.
 */
@RestController
class RoutingController {

    private final RoutingStore store;
    private final DSLContext dsl;
    private final ComponentConsumer consumer;

    RoutingController(RoutingStore store, DSLContext dsl, ComponentConsumer consumer) {
        this.store = store;
        this.dsl = dsl;
        this.consumer = consumer;
    }

    @GetMapping("/customers/{id}/routing")
    RoutingStore.Routing routing(@PathVariable("id") long id) {
        return store.find(dsl, id).orElse(new RoutingStore.Routing(id, true, "NEVER_INACTIVE", null));
    }

    @GetMapping("/parked")
    ResponseEntity<List<RoutingStore.Routing>> parked(@RequestParam(name = "page", defaultValue = "0") int page,
                                                      @RequestParam(name = "size", defaultValue = "100") int size) {
        if (page < 0 || size < 1 || size > 1000) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok(store.parked(dsl, page, size));
    }

    @GetMapping("/ficus/component")
    Map<String, Object> component() {
        return Map.of(
                "running", consumer.isRunning(),
                "applied", consumer.appliedCount(),
                "skipped", consumer.skippedCount(),
                "deadLettered", consumer.deadLetterCount(),
                "retries", consumer.failedAttemptCount(),
                "lag", consumer.metrics().lag(),
                "deadLetterTopic", consumer.deadLetterTopic());
    }
}
