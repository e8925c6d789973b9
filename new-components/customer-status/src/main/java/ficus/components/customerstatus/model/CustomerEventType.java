package ficus.components.customerstatus.model;

import java.util.Arrays;
import java.util.Optional;

/** The event types of topic {@value #TOPIC} (CloudEvents {@code ce_type}). */
public enum CustomerEventType {
    REGISTERED("crm.CustomerRegistered.v1"),
    STATUS_CHANGED("crm.CustomerStatusChanged.v1"),
    CLOSED("crm.CustomerClosed.v1"),
    DETAILS_CHANGED("crm.CustomerDetailsChanged.v1"),
    REMOVED("crm.CustomerRemoved.v1");

    /** The domain topic these events are published on. */
    public static final String TOPIC = "crm.customer.v1";

    private final String ceType;

    CustomerEventType(String ceType) {
        this.ceType = ceType;
    }

    public String ceType() {
        return ceType;
    }

    /** True for the types whose data carries the customer's state after the change. */
    public boolean carriesState() {
        return this != REMOVED;
    }

    public static Optional<CustomerEventType> forCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }
}
