package ficus.kit.consume;

import java.util.List;
import org.jooq.DSLContext;

/**
 * Applies a run of events at once, writing through {@code tx}: set-based writes (one select of the rows they touch,
 * one multi-row upsert) instead of a round trip per event. The kit hands over, in their order, the events of one poll
 * that claimed newer and route to this handler, all in the poll's transaction; when that transaction fails, it hands
 * them over one at a time (a list of one), which isolates the event at fault exactly as for an {@link EventHandler}.
 * Throwing {@link UnusableEvent} for a list of one dead-letters that event; any other exception is retried.
 *
 * <p>Several events of one aggregate may be in the list: apply them in order (the last one's state is the
 * aggregate's).
 */
@FunctionalInterface
public interface BatchHandler<T> {

    void apply(DSLContext tx, List<Delivery<T>> deliveries) throws Exception;
}
