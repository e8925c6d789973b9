package ficus.acl.customer;

/** The event types of the {@code crm.customer.v1} contract. */
public enum CustomerEventType {
    REGISTERED("CustomerRegistered"),
    STATUS_CHANGED("CustomerStatusChanged"),
    CLOSED("CustomerClosed"),
    DETAILS_CHANGED("CustomerDetailsChanged"),
    REMOVED("CustomerRemoved");

    /** Major version of the contract; part of the topic name and of every CloudEvents type. */
    public static final int CONTRACT_VERSION = 1;

    private final String eventName;

    CustomerEventType(String eventName) {
        this.eventName = eventName;
    }

    /** The {@code type} field of the event value, e.g. {@code CustomerStatusChanged}. */
    public String eventName() {
        return eventName;
    }

    /** The CloudEvents {@code type}, e.g. {@code crm.CustomerStatusChanged.v1}. */
    public String cloudEventType() {
        return "crm." + eventName + ".v" + CONTRACT_VERSION;
    }

    public static CustomerEventType forEventName(String eventName) {
        for (CustomerEventType type : values()) {
            if (type.eventName.equals(eventName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no customer event type named '" + eventName + "'");
    }

    public static CustomerEventType forCloudEventType(String ceType) {
        for (CustomerEventType type : values()) {
            if (type.cloudEventType().equals(ceType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no customer event with CloudEvents type '" + ceType + "'");
    }
}
