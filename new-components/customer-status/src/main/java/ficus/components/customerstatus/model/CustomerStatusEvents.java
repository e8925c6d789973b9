package ficus.components.customerstatus.model;

/**
 * The events customer-status publishes about its own aggregate on {@value #TOPIC} (through the kit's outbox), for
 * other components such as lead-routing. Envelope as on every Ficus domain topic: CloudEvents headers, key = customer
 * id; {@code ce_time} is the legacy commit time and {@code ce_ficusposition} the position of the change that caused
 * the event, so a consumer's apply-if-newer works unchanged.
 *
 * <p>Data: {@code {"customerId":1000001,"status":"SUSPENDED","previousStatus":"ACTIVE","removed":false}}.
 */
public enum CustomerStatusEvents {
    /** The customer became inactive (SUSPENDED, CLOSED or removed), was first seen inactive, or was removed. */
    BECAME_INACTIVE("customer-status.CustomerBecameInactive.v1"),
    /** An inactive customer became PROSPECT or ACTIVE again. */
    REACTIVATED("customer-status.CustomerReactivated.v1");

    public static final String TOPIC = "customer-status.customer.v1";
    public static final String SOURCE = "ficus://customer-status/customer";

    private final String ceType;

    CustomerStatusEvents(String ceType) {
        this.ceType = ceType;
    }

    public String ceType() {
        return ceType;
    }

    /** Whether a customer with this status (or removed) counts as inactive. */
    public static boolean inactive(CustomerStatus status, boolean removed) {
        return removed || status == CustomerStatus.SUSPENDED || status == CustomerStatus.CLOSED;
    }
}
