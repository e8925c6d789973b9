package ficus.components.customerstatus;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.components.customerstatus.model.CustomerChange;
import ficus.components.customerstatus.model.CustomerEventType;
import ficus.components.customerstatus.model.CustomerStatus;
import ficus.components.customerstatus.model.CustomerStatusEvents;
import ficus.components.customerstatus.store.CustomerStatusStore;
import ficus.components.customerstatus.store.CustomerStatusView;
import ficus.kit.consume.Delivery;
import ficus.kit.consume.Subscription;
import ficus.kit.consume.UnusableEvent;
import ficus.kit.outbox.Outbox;
import ficus.kit.outbox.OutboxEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Applies the events of {@code crm.customer.v1} to {@code customer_status}, and publishes
 * {@link CustomerStatusEvents} through the outbox in the same transaction when a customer's activity flips. The kit
 * has already checked ordering. Used by both the in-process component and the Spring Boot service.
 */
public final class CustomerStatusProjection {

    private final CustomerStatusStore store;
    private final Outbox outbox;

    public CustomerStatusProjection(CustomerStatusStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /**
     * Registers one batch handler for every event type of the contract: the events of a poll are applied with one
     * select of the customers they touch, one upsert of their rows and one insert of the outbox events.
     */
    public Subscription subscribe(Subscription subscription) {
        return subscription.onBatch(java.util.Arrays.stream(CustomerEventType.values()).map(CustomerEventType::ceType)
                .toList(), CustomerChange.class, this::applyAll);
    }

    /**
     * Applies {@code all} in order, each event id once (the inbox {@code applied_event}); customers' rows and outbox
     * events are written once, at the end.
     */
    void applyAll(DSLContext tx, List<Delivery<CustomerChange>> all) {
        // the inbox first: an event id already recorded (applied before) changes nothing again
        java.util.Set<String> recorded = store.recordApplied(tx, all.stream().map(Delivery::event).toList(),
                all.getFirst().appliedAt());
        List<Delivery<CustomerChange>> deliveries = all.stream().filter(d -> recorded.contains(d.event().id()))
                .toList();
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
        for (Delivery<CustomerChange> d : deliveries) {
            ids.add(customerId(d));
        }
        Map<Long, CustomerStatusView> stored = store.findAll(tx, ids);
        Map<Long, CustomerStatusView> changed = new LinkedHashMap<>();
        List<OutboxEvent> published = new ArrayList<>();
        for (Delivery<CustomerChange> d : deliveries) {
            long customerId = customerId(d);
            Optional<CustomerStatusView> before = Optional.ofNullable(changed.containsKey(customerId)
                    ? changed.get(customerId) : stored.get(customerId));
            CustomerEventType type = CustomerEventType.forCeType(d.event().type()).orElseThrow(() ->
                    new UnusableEvent("type " + d.event().type() + " is not one of " + CustomerEventType.TOPIC));
            if (type.carriesState()) {
                CustomerChange.State state = d.data().state();
                if (state == null || state.status() == null) {
                    throw new UnusableEvent("it carries no state with a status");
                }
                changed.put(customerId, row(customerId, state.status(), false, d));
                flipped(d, customerId, before, state.status(), false).ifPresent(published::add);
            } else if (before.isPresent()) {
                if (before.get().status() == null) {
                    // a stored status this component does not write (edited by hand): mark it removed in place
                    store.markRemoved(tx, customerId, d.event(), d.appliedAt());
                    changed.remove(customerId);
                    continue;
                }
                changed.put(customerId, row(customerId, before.get().status(), true, d));
                flipped(d, customerId, before, before.get().status(), true).ifPresent(published::add);
            }
            // a removal of a customer this component never saw: no row to mark (the kit's position records it)
        }
        store.putAll(tx, changed.values());
        outbox.publishAll(tx, published);
    }

    private static CustomerStatusView row(long customerId, CustomerStatus status, boolean removed,
                                          Delivery<CustomerChange> d) {
        return new CustomerStatusView(customerId, status, removed, d.event().position(), d.event().id(),
                d.event().time(), d.appliedAt());
    }

    /** The event to publish when the customer's activity flips with this delivery. */
    private static Optional<OutboxEvent> flipped(Delivery<CustomerChange> d, long customerId,
                                                 Optional<CustomerStatusView> before, CustomerStatus status,
                                                 boolean removed) {
        // inactive(...) takes a null status (an unreadable stored one) as "not suspended or closed"
        boolean wasInactive = before.map(b -> CustomerStatusEvents.inactive(b.status(), b.removed())).orElse(false);
        boolean isInactive = CustomerStatusEvents.inactive(status, removed);
        CustomerStatusEvents type;
        boolean newlyRemoved = removed && before.isPresent() && !before.get().removed();
        if (isInactive && (before.isEmpty() || !wasInactive || newlyRemoved)) {
            type = CustomerStatusEvents.BECAME_INACTIVE;
        } else if (!isInactive && before.isPresent() && wasInactive) {
            type = CustomerStatusEvents.REACTIVATED;
        } else {
            return Optional.empty();
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("customerId", customerId)
                .put("status", status == null ? null : status.name())
                .put("removed", removed);
        before.filter(b -> b.status() != null).ifPresentOrElse(b -> data.put("previousStatus", b.status().name()),
                () -> data.putNull("previousStatus"));
        return Optional.of(new OutboxEvent(
                OutboxEvent.deterministicId("customer-status", d.event().id(), type.ceType()),
                CustomerStatusEvents.TOPIC, type.ceType(), CustomerStatusEvents.SOURCE, String.valueOf(customerId),
                d.event().time(), d.event().position(), data));
    }

    private static long customerId(Delivery<CustomerChange> d) {
        long fromSubject;
        try {
            fromSubject = Long.parseLong(d.event().subject());
        } catch (NumberFormatException e) {
            throw new UnusableEvent("subject '" + d.event().subject() + "' is not a customer id");
        }
        if (d.data().customerId() != fromSubject) {
            throw new UnusableEvent("data customerId " + d.data().customerId() + " differs from subject "
                    + fromSubject);
        }
        return fromSubject;
    }
}
