package ficus.acl.customer;

import ficus.acl.translation.SourcePosition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The events of the {@code crm.customer.v1} contract. Each carries its deterministic id, the customer id, the source
 * position (monotonic per customer), the legacy commit time, the full state after the change ({@code null} for
 * {@link CustomerRemoved}) and the fields that changed.
 */
public sealed interface CustomerEvent {

    UUID eventId();

    long customerId();

    SourcePosition position();

    Instant commitTime();

    /** The full translated state after the change; {@code null} for {@link CustomerRemoved}. */
    CustomerState state();

    /** The mapped fields that changed (all of them for {@link CustomerRegistered}, none for {@link CustomerRemoved}). */
    List<CustomerField> changed();

    CustomerEventType type();

    /** First sight of a customer: a legacy insert, or a snapshot read of a customer not published before. */
    record CustomerRegistered(UUID eventId, long customerId, SourcePosition position, Instant commitTime,
            CustomerState state, List<CustomerField> changed) implements CustomerEvent {
        public CustomerRegistered {
            changed = checked(eventId, position, commitTime, state, changed);
        }

        @Override
        public CustomerEventType type() {
            return CustomerEventType.REGISTERED;
        }
    }

    /** The status changed to anything but {@link CustomerStatus#CLOSED} (name or e-mail may have changed with it). */
    record CustomerStatusChanged(UUID eventId, long customerId, SourcePosition position, Instant commitTime,
            CustomerState state, List<CustomerField> changed, CustomerStatus previousStatus) implements CustomerEvent {
        public CustomerStatusChanged {
            changed = checked(eventId, position, commitTime, state, changed);
            Objects.requireNonNull(previousStatus, "previousStatus");
        }

        @Override
        public CustomerEventType type() {
            return CustomerEventType.STATUS_CHANGED;
        }
    }

    /** The status became {@link CustomerStatus#CLOSED}. */
    record CustomerClosed(UUID eventId, long customerId, SourcePosition position, Instant commitTime,
            CustomerState state, List<CustomerField> changed, CustomerStatus previousStatus) implements CustomerEvent {
        public CustomerClosed {
            changed = checked(eventId, position, commitTime, state, changed);
            Objects.requireNonNull(previousStatus, "previousStatus");
        }

        @Override
        public CustomerEventType type() {
            return CustomerEventType.CLOSED;
        }
    }

    /** Name, e-mail (or registration time) changed; the status did not. */
    record CustomerDetailsChanged(UUID eventId, long customerId, SourcePosition position, Instant commitTime,
            CustomerState state, List<CustomerField> changed) implements CustomerEvent {
        public CustomerDetailsChanged {
            changed = checked(eventId, position, commitTime, state, changed);
        }

        @Override
        public CustomerEventType type() {
            return CustomerEventType.DETAILS_CHANGED;
        }
    }

    /** The legacy row was deleted. */
    record CustomerRemoved(UUID eventId, long customerId, SourcePosition position, Instant commitTime)
            implements CustomerEvent {
        public CustomerRemoved {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(commitTime, "commitTime");
        }

        @Override
        public CustomerState state() {
            return null;
        }

        @Override
        public List<CustomerField> changed() {
            return List.of();
        }

        @Override
        public CustomerEventType type() {
            return CustomerEventType.REMOVED;
        }
    }

    private static List<CustomerField> checked(UUID eventId, SourcePosition position, Instant commitTime,
            CustomerState state, List<CustomerField> changed) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(commitTime, "commitTime");
        Objects.requireNonNull(state, "state");
        return List.copyOf(changed);
    }
}
