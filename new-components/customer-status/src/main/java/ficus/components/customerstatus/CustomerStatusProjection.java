package ficus.components.customerstatus;

import ficus.components.customerstatus.model.CustomerChange;
import ficus.components.customerstatus.model.CustomerEventType;
import ficus.components.customerstatus.store.CustomerStatusStore;
import ficus.kit.consume.Delivery;
import ficus.kit.consume.Subscription;
import ficus.kit.consume.UnusableEvent;

/** Applies the events of {@code crm.customer.v1} to {@code customer_status}. The kit has already checked ordering. */
final class CustomerStatusProjection {

    private final CustomerStatusStore store;

    CustomerStatusProjection(CustomerStatusStore store) {
        this.store = store;
    }

    /** Registers one handler per event type of the contract. */
    Subscription subscribe(Subscription subscription) {
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
        store.putStatus(d.tx(), customerId, state.status(), d.event(), d.appliedAt());
    }

    void applyRemoval(Delivery<CustomerChange> d) {
        store.markRemoved(d.tx(), customerId(d), d.event(), d.appliedAt());
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
