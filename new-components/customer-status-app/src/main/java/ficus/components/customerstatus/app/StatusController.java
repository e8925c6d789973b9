package ficus.components.customerstatus.app;

import ficus.components.customerstatus.model.CustomerStatus;
import ficus.components.customerstatus.store.CustomerStatusStore;
import ficus.components.customerstatus.store.CustomerStatusView;
import ficus.kit.consume.ComponentConsumer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP API. {@code GET /customers/{id}/status} → 200 {@code {"customerId":..,"status":"ACTIVE","since":"<legacy
 * commit time>"}}, 404 when unknown or removed, 400 when the id is not a number. {@code GET /customers?status=ACTIVE&page=0&size=50}
 * → the customers with that status in id order. {@code GET /ficus/component} → the consumer's counters.
 */
@RestController
class StatusController {

    static final int MAX_PAGE_SIZE = 500;

    record Status(long customerId, CustomerStatus status, Instant since) {
    }

    record CustomerPage(List<Status> items, int page, int size, long total) {
    }

    record Problem(int status, String error) {
    }

    private final CustomerStatusStore store;
    private final DSLContext dsl;
    private final ComponentConsumer consumer;

    StatusController(CustomerStatusStore store, DSLContext dsl, ComponentConsumer consumer) {
        this.store = store;
        this.dsl = dsl;
        this.consumer = consumer;
    }

    @GetMapping("/customers/{id}/status")
    ResponseEntity<?> status(@PathVariable("id") long id) {
        return store.find(dsl, id)
                .<ResponseEntity<?>>map(view -> view.removed()
                        ? problem(HttpStatus.NOT_FOUND, "customer " + id + " was removed")
                        : ResponseEntity.ok(status(view)))
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "customer " + id + " is not known"));
    }

    @GetMapping("/customers")
    ResponseEntity<?> list(@RequestParam("status") CustomerStatus status,
                           @RequestParam(name = "page", defaultValue = "0") int page,
                           @RequestParam(name = "size", defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            return problem(HttpStatus.BAD_REQUEST, "page must be >= 0 and size within 1.." + MAX_PAGE_SIZE);
        }
        CustomerStatusStore.Page found = store.list(dsl, status, page, size);
        return ResponseEntity.ok(new CustomerPage(found.items().stream().map(StatusController::status).toList(),
                found.page(), found.size(), found.total()));
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
                "appliedPerSecond", consumer.metrics().appliedPerSecond(),
                "deadLetterTopic", consumer.deadLetterTopic());
    }

    private static Status status(CustomerStatusView view) {
        return new Status(view.customerId(), view.status(), view.legacyCommitTime());
    }

    private static ResponseEntity<?> problem(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new Problem(status.value(), message));
    }
}
