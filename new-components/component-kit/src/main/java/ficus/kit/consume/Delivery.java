package ficus.kit.consume;

import ficus.kit.event.EventEnvelope;
import java.time.Instant;
import org.jooq.DSLContext;

/**
 * One event handed to a handler, with the transaction to write in. Everything written through {@link #tx()} commits
 * together with the kit's record of the event's position, or not at all.
 *
 * @param event     the envelope
 * @param data      the data, as the handler asked for it ({@code JsonNode} or a record type)
 * @param tx        the transaction's DSL context; write only through it
 * @param appliedAt the time the kit stores as the application time (microsecond precision)
 */
public record Delivery<T>(EventEnvelope event, T data, DSLContext tx, Instant appliedAt) {
}
