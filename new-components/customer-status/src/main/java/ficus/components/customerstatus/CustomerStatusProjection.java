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
import java.util.Optional;

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

    /** Registers one handler per event type of the contract. */
    public Subscription subscribe(Subscription subscription) {
        for (CustomerEventType type : CustomerEventType.values()) {
            subscription.on(type.ceType(), CustomerChange.class,
                    type.carriesState() ? this::applyState : this::applyRemoval);
        }
        return subscription;
    }

    void applyState(Delivery<CustomerChange> d) {
        long customerId = customerId(d);
        CustomerChange.State state = d.data().state();
        if (state == null || state.status() == null) {
            throw new UnusableEvent("it carries no state with a status");
        }
        Optional<CustomerStatusView> before = store.find(d.tx(), customerId);
        store.putStatus(d.tx(), customerId, state.status(), d.event(), d.appliedAt());
        publishIfFlipped(d, customerId, before, state.status(), false);
    }

    void applyRemoval(Delivery<CustomerChange> d) {
        long customerId = customerId(d);
        Optional<CustomerStatusView> before = store.find(d.tx(), customerId);
        if (store.markRemoved(d.tx(), customerId, d.event(), d.appliedAt())) {
            publishIfFlipped(d, customerId, before, before.orElseThrow().status(), true);
        }
    }

    private void publishIfFlipped(Delivery<CustomerChange> d, long customerId, Optional<CustomerStatusView> before,
                                  CustomerStatus status, boolean removed) {
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
            return;
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("customerId", customerId)
                .put("status", status == null ? null : status.name())
                .put("removed", removed);
        before.filter(b -> b.status() != null).ifPresentOrElse(b -> data.put("previousStatus", b.status().name()),
                () -> data.putNull("previousStatus"));
        outbox.publish(d.tx(), new OutboxEvent(
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
