package ficus.acl.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The translated state of one customer: everything a consumer learns about it. Unmapped legacy columns (notes,
 * national id, audit columns) have no place here.
 *
 * @param email may be {@code null} (the legacy column is nullable)
 */
public record CustomerState(long customerId, String name, String email, CustomerStatus status, Instant registeredAt) {

    public CustomerState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    /** The fields whose values differ from {@code previous}, in {@link CustomerField} order. */
    public List<CustomerField> changedFrom(CustomerState previous) {
        List<CustomerField> changed = new ArrayList<>();
        if (customerId != previous.customerId) {
            changed.add(CustomerField.CUSTOMER_ID);
        }
        if (!name.equals(previous.name)) {
            changed.add(CustomerField.NAME);
        }
        if (!Objects.equals(email, previous.email)) {
            changed.add(CustomerField.EMAIL);
        }
        if (status != previous.status) {
            changed.add(CustomerField.STATUS);
        }
        if (!registeredAt.equals(previous.registeredAt)) {
            changed.add(CustomerField.REGISTERED_AT);
        }
        return List.copyOf(changed);
    }
}
