package ficus.acl.customer;

import ficus.acl.translation.SourcePosition;
import java.util.Objects;

/**
 * What the translation needs to remember about a customer between changes: the last published state, the position
 * of the last published event, and whether that event removed the customer. The runtime keeps one per customer in a
 * state store and hands it back to {@link CustomerTranslation#translate}.
 *
 * @param state       the last published state; {@code null} once removed
 * @param lastEventId the id of the last published event
 */
public record CustomerSnapshot(long customerId, CustomerState state, SourcePosition position, boolean removed,
        String lastEventId) {

    public CustomerSnapshot {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(lastEventId, "lastEventId");
        if (removed != (state == null)) {
            throw new IllegalArgumentException("a snapshot has a state exactly when the customer is not removed");
        }
    }

    /** The snapshot to remember after publishing {@code event}. */
    public static CustomerSnapshot after(CustomerEvent event) {
        boolean removed = event instanceof CustomerEvent.CustomerRemoved;
        return new CustomerSnapshot(event.customerId(), removed ? null : event.state(), event.position(), removed,
                event.eventId().toString());
    }
}
