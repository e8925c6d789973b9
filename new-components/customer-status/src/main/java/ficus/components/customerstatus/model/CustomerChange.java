package ficus.components.customerstatus.model;

import java.time.Instant;
import java.util.List;

/**
 * The data of every event on {@code crm.customer.v1}. Fields this component does not read are still declared, so the
 * record documents the contract; unknown fields are ignored (tolerant reader).
 *
 * @param state          the customer after the change; null for CustomerRemoved
 * @param changed        the mapped fields that changed
 * @param previousStatus only on status events
 */
public record CustomerChange(long customerId, String type, State state, List<String> changed,
                             CustomerStatus previousStatus) {

    public record State(long customerId, String name, String email, CustomerStatus status, Instant registeredAt) {
    }
}
