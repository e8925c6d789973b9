package ficus.acl.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The translated state of one customer: everything a consumer learns about it. Unmapped legacy columns (notes,
 * national id, audit columns) have no place here.
 *
 * @param email     may be {@code null} (the legacy column is nullable)
 * @param address   the home address, {@code null} when the customer has none (yet)
 * @param openLeads how many of the customer's leads are open (new or qualified); {@code null} when not known (a
 *                  projection of the customer row alone, e.g. by backfill; the layer always publishes a number)
 */
public record CustomerState(long customerId, String name, String email, CustomerStatus status, Instant registeredAt,
        CustomerAddress address, Integer openLeads) {

    public CustomerState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(registeredAt, "registeredAt");
        if (openLeads != null && openLeads < 0) {
            throw new IllegalArgumentException("openLeads must not be negative");
        }
    }

    /** The state of the customer row alone: no address, open leads not known. */
    public CustomerState(long customerId, String name, String email, CustomerStatus status, Instant registeredAt) {
        this(customerId, name, email, status, registeredAt, null, null);
    }

    public CustomerState withParts(CustomerAddress newAddress, Integer newOpenLeads) {
        return new CustomerState(customerId, name, email, status, registeredAt, newAddress, newOpenLeads);
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
        if (!Objects.equals(address, previous.address)) {
            changed.add(CustomerField.ADDRESS);
        }
        if (!Objects.equals(openLeads, previous.openLeads)) {
            changed.add(CustomerField.OPEN_LEADS);
        }
        return List.copyOf(changed);
    }
}
