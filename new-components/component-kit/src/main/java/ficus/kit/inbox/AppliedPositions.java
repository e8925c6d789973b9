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

    /** The lowest position there is: a placeholder row that any real event is newer than. */
    private static final String NOTHING_YET = "0/0000000000000000/0000000000000000";

    /**
     * Claims a whole poll of events at once, in order, in the caller's transaction: the result has one claim per event,
     * exactly as calling {@link #claim} for each in turn would give, in three statements instead of two per event.
     * Rows are created for aggregates seen for the first time (a placeholder older than any event), then every row of
     * the poll is locked in key order (two instances never deadlock), compared in memory, and the final position of
     * each aggregate written back in one batch.
     */
    public java.util.List<Claim> claimAll(DSLContext tx, java.util.List<EventEnvelope> events, Instant appliedAt) {
        record Key(String type, String id) {
        }
        java.util.Map<Key, String[]> current = new java.util.HashMap<>();
        java.util.Set<Key> keys = new java.util.LinkedHashSet<>();
        for (EventEnvelope e : events) {
            keys.add(new Key(e.source(), e.subject()));
        }
        if (keys.isEmpty()) {
            return java.util.List.of();
        }
        var placeholders = tx.insertInto(APPLIED_POSITION, AGGREGATE_TYPE, AGGREGATE_ID, POSITION, EVENT_ID, APPLIED_AT);
        for (Key k : keys) {
            placeholders = placeholders.values(k.type(), k.id(), NOTHING_YET, "", appliedAt);
        }
        placeholders.onConflictDoNothing().execute();
        tx.select(AGGREGATE_TYPE, AGGREGATE_ID, POSITION, EVENT_ID)
                .from(APPLIED_POSITION)
                .where(org.jooq.impl.DSL.row(AGGREGATE_TYPE, AGGREGATE_ID).in(
                        keys.stream().map(k -> org.jooq.impl.DSL.row(k.type(), k.id())).toList()))
                .orderBy(AGGREGATE_TYPE, AGGREGATE_ID)
                .forUpdate()
                .fetch()
                .forEach(r -> current.put(new Key(r.value1(), r.value2()), new String[] {r.value3(), r.value4()}));
        java.util.List<Claim> claims = new java.util.ArrayList<>(events.size());
        java.util.Map<Key, EventEnvelope> newest = new java.util.LinkedHashMap<>();
        for (EventEnvelope e : events) {
            Key k = new Key(e.source(), e.subject());
            String[] stored = current.get(k);
            boolean firstSight = NOTHING_YET.equals(stored[0]);
            if (firstSight || e.sourcePosition().isNewerThan(Position.parse(stored[0]))) {
                claims.add(new Claim.Newer(firstSight ? null : stored[0]));
                current.put(k, new String[] {e.position(), e.id()});
                newest.put(k, e);
            } else {
                claims.add(new Claim.NotNewer(stored[0], stored[1]));
            }
        }
        tx.batch(newest.values().stream()
                .map(e -> tx.update(APPLIED_POSITION)
                        .set(POSITION, e.position())
                        .set(EVENT_ID, e.id())
                        .set(APPLIED_AT, appliedAt)
                        .where(AGGREGATE_TYPE.eq(e.source()), AGGREGATE_ID.eq(e.subject())))
                .toList()).execute();
        return claims;
    }
}
