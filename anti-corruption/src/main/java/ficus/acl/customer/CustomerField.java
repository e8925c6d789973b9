package ficus.acl.customer;

/** The fields of {@link CustomerState}, as named in the event's {@code changed} list. */
public enum CustomerField {
    CUSTOMER_ID("customerId"),
    NAME("name"),
    EMAIL("email"),
    STATUS("status"),
    REGISTERED_AT("registeredAt");

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
