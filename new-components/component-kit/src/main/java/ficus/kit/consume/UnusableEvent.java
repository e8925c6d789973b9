package ficus.kit.consume;

/**
 * Thrown by a handler for an event that can never be applied (its data contradicts the contract). The transaction
 * rolls back and the event is passed over as poison: logged with topic/partition/offset, counted, reported to
 * {@link ApplyListener#onPoison}. Any other exception from a handler is retried.
 */
public class UnusableEvent extends RuntimeException {

    public UnusableEvent(String message) {
        super(message);
    }
}
