package ficus.kit.consume;

import ficus.kit.event.EnvelopeReader;
import ficus.kit.event.EventEnvelope;
import java.time.Instant;

/**
 * Told what happened to each event, after the database transaction committed (or, for a skip, rolled nothing
 * forward). A host measures freshness as {@code appliedAt - event.time()} and counts applied and skipped events.
 * Called on the consumer thread: return quickly and do not throw.
 */
public interface ApplyListener {

    ApplyListener NONE = new ApplyListener() {
        @Override
        public void onApplied(EventEnvelope event, Instant appliedAt) {
        }

        @Override
        public void onSkipped(EventEnvelope event, String why) {
        }
    };

    /** The event changed state; {@code appliedAt} is the time stored with it. */
    void onApplied(EventEnvelope event, Instant appliedAt);

    /** The event changed nothing: a duplicate, a replay, an older position, or a type with no handler. */
    void onSkipped(EventEnvelope event, String why);

    /** The record could not be read as an event and was passed over. It has been logged. */
    default void onPoison(EnvelopeReader.Read.Poison poison) {
    }
}
