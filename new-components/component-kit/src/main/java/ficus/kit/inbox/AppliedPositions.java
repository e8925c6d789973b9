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
import java.util.List;
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
     * each aggregate written back with one statement. The keys and values travel as arrays ({@code unnest}), so the
     * three statements have the same text for every poll.
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
        // the keys as two arrays: each statement below has one text, whatever the poll's size, so PostgreSQL plans
        // it once (a server-side prepared statement) and jOOQ renders no rows
        String[] types = keys.stream().map(Key::type).toArray(String[]::new);
        String[] ids = keys.stream().map(Key::id).toArray(String[]::new);
        tx.execute("insert into ficus_applied_position (aggregate_type, aggregate_id, position, event_id, applied_at)"
                + " select k.t, k.i, ?::varchar, '', ?::timestamptz from unnest(?::varchar[], ?::varchar[]) as k(t, i)"
                + " on conflict do nothing", NOTHING_YET, appliedAt, types, ids);
        // locked in key order (two instances never deadlock), found through the primary key
        tx.resultQuery("select p.aggregate_type, p.aggregate_id, p.position, p.event_id from ficus_applied_position p"
                        + " join unnest(?::varchar[], ?::varchar[]) as k(t, i)"
                        + " on p.aggregate_type = k.t and p.aggregate_id = k.i"
                        + " order by p.aggregate_type, p.aggregate_id for update of p", types, ids)
                .fetch()
                .forEach(r -> current.put(new Key(r.get(0, String.class), r.get(1, String.class)),
                        new String[] {r.get(2, String.class), r.get(3, String.class)}));
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
        if (!newest.isEmpty()) {
            List<EventEnvelope> written = List.copyOf(newest.values());
            tx.execute("update ficus_applied_position p set position = v.p, event_id = v.e, applied_at = ?::timestamptz"
                            + " from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) as v(t, i, p, e)"
                            + " where p.aggregate_type = v.t and p.aggregate_id = v.i", appliedAt,
                    written.stream().map(EventEnvelope::source).toArray(String[]::new),
                    written.stream().map(EventEnvelope::subject).toArray(String[]::new),
                    written.stream().map(EventEnvelope::position).toArray(String[]::new),
                    written.stream().map(EventEnvelope::id).toArray(String[]::new));
        }
        return claims;
    }
}
