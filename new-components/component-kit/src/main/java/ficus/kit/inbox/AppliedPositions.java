package ficus.kit.inbox;

import static ficus.kit.inbox.AppliedPositionTable.AGGREGATE_ID;
import static ficus.kit.inbox.AppliedPositionTable.AGGREGATE_TYPE;
import static ficus.kit.inbox.AppliedPositionTable.APPLIED_AT;
import static ficus.kit.inbox.AppliedPositionTable.APPLIED_POSITION;
import static ficus.kit.inbox.AppliedPositionTable.EVENT_ID;
import static ficus.kit.inbox.AppliedPositionTable.POSITION;

import ficus.kit.event.EventEnvelope;
import ficus.kit.event.Position;
import java.time.Instant;
import org.jooq.DSLContext;

/**
 * Apply-if-newer: claims an event for its aggregate inside the caller's transaction. The stored row is locked
 * ({@code SELECT ... FOR UPDATE}), so a concurrent claim for the same aggregate waits for this transaction; if the
 * caller's transaction rolls back, the claim goes with it.
 *
 * <p>The aggregate is identified by the event's {@code source} (positions are only comparable within one source) and
 * {@code subject}. Positions are compared as {@link Position}s in Java, not as SQL strings, so the database collation
 * cannot change the order.
 */
public final class AppliedPositions {

    /** The result of a claim. */
    public sealed interface Claim permits Claim.Newer, Claim.NotNewer {

        /** The event is newer than what was stored (or nothing was): the claim is recorded, apply the event. */
        record Newer(String previousPosition) implements Claim {
        }

        /** The event is not newer than the stored position: apply nothing. */
        record NotNewer(String storedPosition, String storedEventId) implements Claim {
        }
    }

    /** Claims {@code event} for its aggregate in the transaction of {@code tx}, recording {@code appliedAt}. */
    public Claim claim(DSLContext tx, EventEnvelope event, Instant appliedAt) {
        Position incoming = event.sourcePosition();
        var stored = tx.select(POSITION, EVENT_ID)
                .from(APPLIED_POSITION)
                .where(AGGREGATE_TYPE.eq(event.source()), AGGREGATE_ID.eq(event.subject()))
                .forUpdate()
                .fetchOne();
        if (stored == null) {
            int inserted = tx.insertInto(APPLIED_POSITION)
                    .set(AGGREGATE_TYPE, event.source())
                    .set(AGGREGATE_ID, event.subject())
                    .set(POSITION, event.position())
                    .set(EVENT_ID, event.id())
                    .set(APPLIED_AT, appliedAt)
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 1) {
                return new Claim.Newer(null);
            }
            // another transaction inserted the row after our select: lock it and compare as usual
            return claim(tx, event, appliedAt);
        }
        String storedPosition = stored.value1();
        if (!incoming.isNewerThan(Position.parse(storedPosition))) {
            return new Claim.NotNewer(storedPosition, stored.value2());
        }
        tx.update(APPLIED_POSITION)
                .set(POSITION, event.position())
                .set(EVENT_ID, event.id())
                .set(APPLIED_AT, appliedAt)
                .where(AGGREGATE_TYPE.eq(event.source()), AGGREGATE_ID.eq(event.subject()))
                .execute();
        return new Claim.Newer(storedPosition);
    }
}
