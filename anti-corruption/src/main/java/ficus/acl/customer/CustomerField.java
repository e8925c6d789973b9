package ficus.acl.customer;

/** The fields of {@link CustomerState}, as named in the event's {@code changed} list. */
public enum CustomerField {
    CUSTOMER_ID("customerId"),
    NAME("name"),
    EMAIL("email"),
    STATUS("status"),
    REGISTERED_AT("registeredAt"),
    /** The home address (from {@code crm.cust_addr}). */
    ADDRESS("address"),
    /** The number of open leads (from {@code crm.lead}, status N or Q). */
    OPEN_LEADS("openLeads");

    private final String jsonName;

    CustomerField(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in the event contract ({@code changed}, {@code state}). */
    public String jsonName() {
        return jsonName;
    }

    public static CustomerField forJsonName(String name) {
        for (CustomerField field : values()) {
            if (field.jsonName.equals(name)) {
                return field;
            }
        }
        throw new IllegalArgumentException("no customer field named '" + name + "'");
    }
}
