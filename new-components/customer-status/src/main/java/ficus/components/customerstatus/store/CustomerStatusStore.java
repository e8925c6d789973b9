package ficus.components.customerstatus.store;

import static ficus.components.customerstatus.store.generated.Tables.CUSTOMER_STATUS;

import ficus.components.customerstatus.model.CustomerStatus;
import ficus.components.customerstatus.store.generated.tables.records.CustomerStatusRecord;
import ficus.kit.event.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Reads and writes {@code customer_status} through the jOOQ classes generated from the component's changelog. The
 * write methods take the DSL context of the kit's transaction, so the row and the kit's applied position commit
 * together.
 */
public final class CustomerStatusStore {

    /** One page of a listing. */
    public record Page(List<CustomerStatusView> items, int page, int size, long total) {
    }

    /**
     * The customer was removed by {@code event}; its last status is kept. A customer this component never saw has no
     * row to mark (the kit's applied position still records the removal, so an older event cannot bring it back).
     *
     * @return whether a row was marked
     */
    public boolean markRemoved(DSLContext tx, long customerId, EventEnvelope event, Instant appliedAt) {
        return tx.update(CUSTOMER_STATUS)
                .set(CUSTOMER_STATUS.REMOVED, true)
                .set(CUSTOMER_STATUS.POSITION, event.position())
                .set(CUSTOMER_STATUS.LAST_EVENT_ID, event.id())
                .set(CUSTOMER_STATUS.LEGACY_COMMIT_TIME, event.time())
                .set(CUSTOMER_STATUS.APPLIED_AT, appliedAt)
                .where(CUSTOMER_STATUS.CUSTOMER_ID.eq(customerId))
                .execute() == 1;
    }

    /**
     * Records the events in the inbox {@code applied_event}, one row per event id, with one statement.
     *
     * @return the ids recorded now (an id already there, a redelivery, is not among them)
     */
    public java.util.Set<String> recordApplied(DSLContext tx, List<EventEnvelope> events, Instant appliedAt) {
        java.util.Set<String> recorded = new java.util.HashSet<>();
        if (events.isEmpty()) {
            return recorded;
        }
        tx.resultQuery("insert into applied_event (event_id, event_type, subject, position, applied_at)"
                        + " select v.i, v.t, v.s, v.p, ?::timestamptz"
                        + " from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) as v(i, t, s, p)"
                        + " on conflict (event_id) do nothing returning event_id", appliedAt,
                events.stream().map(EventEnvelope::id).toArray(String[]::new),
                events.stream().map(EventEnvelope::type).toArray(String[]::new),
                events.stream().map(EventEnvelope::subject).toArray(String[]::new),
                events.stream().map(EventEnvelope::position).toArray(String[]::new))
                .fetch().forEach(r -> recorded.add(r.get(0, String.class)));
        return recorded;
    }

    /** The rows of {@code customerIds} that exist, by id (one statement). */
    public java.util.Map<Long, CustomerStatusView> findAll(DSLContext dsl, java.util.Collection<Long> customerIds) {
        java.util.Map<Long, CustomerStatusView> found = new java.util.HashMap<>();
        if (!customerIds.isEmpty()) {
            dsl.selectFrom(CUSTOMER_STATUS)
                    // one array bind (= any(?)): one statement text whatever the number of ids
                    .where(CUSTOMER_STATUS.CUSTOMER_ID.eq(DSL.any(customerIds.toArray(Long[]::new))))
                    .forEach(r -> found.put(r.getCustomerId(), view(r)));
        }
        return found;
    }

    /**
     * Writes {@code rows} (at most one per customer) with one statement: each inserted, or replacing the customer's
     * row. A removed customer's row keeps its last status with {@code removed} set.
     */
    public void putAll(DSLContext tx, java.util.Collection<CustomerStatusView> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // the rows as arrays (unnest): one statement text whatever the number of rows, planned once by PostgreSQL
        List<CustomerStatusView> all = List.copyOf(rows);
        tx.execute("insert into customer_status (customer_id, status, removed, position, last_event_id,"
                        + " legacy_commit_time, applied_at)"
                        + " select v.c, v.s, v.r, v.p, v.e, v.t::timestamptz, v.a::timestamptz"
                        + " from unnest(?::bigint[], ?::varchar[], ?::boolean[], ?::varchar[], ?::varchar[], ?::text[],"
                        + " ?::text[]) as v(c, s, r, p, e, t, a)"
                        + " on conflict (customer_id) do update set status = excluded.status, removed = excluded.removed,"
                        + " position = excluded.position, last_event_id = excluded.last_event_id,"
                        + " legacy_commit_time = excluded.legacy_commit_time, applied_at = excluded.applied_at",
                all.stream().map(CustomerStatusView::customerId).toArray(Long[]::new),
                all.stream().map(r -> r.status().name()).toArray(String[]::new),
                all.stream().map(CustomerStatusView::removed).toArray(Boolean[]::new),
                all.stream().map(CustomerStatusView::position).toArray(String[]::new),
                all.stream().map(CustomerStatusView::lastEventId).toArray(String[]::new),
                all.stream().map(r -> r.legacyCommitTime().toString()).toArray(String[]::new),
                all.stream().map(r -> r.appliedAt().toString()).toArray(String[]::new));
    }

    public Optional<CustomerStatusView> find(DSLContext dsl, long customerId) {
        return dsl.selectFrom(CUSTOMER_STATUS)
                .where(CUSTOMER_STATUS.CUSTOMER_ID.eq(customerId))
                .fetchOptional(CustomerStatusStore::view);
    }

    /** The customers (not removed) with {@code status}, in customer id order, {@code size} per page from page 0. */
    public Page list(DSLContext dsl, CustomerStatus status, int page, int size) {
        var where = CUSTOMER_STATUS.STATUS.eq(status.name()).and(CUSTOMER_STATUS.REMOVED.isFalse());
        List<CustomerStatusView> items = dsl.selectFrom(CUSTOMER_STATUS)
                .where(where)
                .orderBy(CUSTOMER_STATUS.CUSTOMER_ID)
                .limit(size)
                .offset((long) page * size)
                .fetch(CustomerStatusStore::view);
        long total = dsl.fetchCount(CUSTOMER_STATUS, where);
        return new Page(items, page, size, total);
    }

    /**
     * A row whose status is not one this component writes (edited by hand, corrupted) reads as status {@code null}:
     * the next event for that customer overwrites it instead of failing on it forever (reconciliation finds such rows
     * and re-drive repairs them through exactly that path).
     */
    private static CustomerStatusView view(CustomerStatusRecord r) {
        CustomerStatus status = java.util.Arrays.stream(CustomerStatus.values())
                .filter(s -> s.name().equals(r.getStatus())).findFirst().orElse(null);
        return new CustomerStatusView(r.getCustomerId(), status, r.getRemoved(),
                r.getPosition(), r.getLastEventId(), r.getLegacyCommitTime(), r.getAppliedAt());
    }
}
