package ficus.components.customerstatus.store;

import static ficus.components.customerstatus.store.generated.Tables.CUSTOMER_STATUS;

import ficus.components.customerstatus.model.CustomerStatus;
import ficus.components.customerstatus.store.generated.tables.records.CustomerStatusRecord;
import ficus.kit.event.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Reads and writes {@code customer_status} through the jOOQ classes generated from the component's changelog. The
 * write methods take the DSL context of the kit's transaction, so the row and the kit's applied position commit
 * together.
 */
public final class CustomerStatusStore {

    /** One page of a listing. */
    public record Page(List<CustomerStatusView> items, int page, int size, long total) {
    }

    /** The customer exists with {@code status} after {@code event}. */
    public void putStatus(DSLContext tx, long customerId, CustomerStatus status, EventEnvelope event,
                          Instant appliedAt) {
        tx.insertInto(CUSTOMER_STATUS)
                .set(CUSTOMER_STATUS.CUSTOMER_ID, customerId)
                .set(CUSTOMER_STATUS.STATUS, status.name())
                .set(CUSTOMER_STATUS.REMOVED, false)
                .set(CUSTOMER_STATUS.POSITION, event.position())
                .set(CUSTOMER_STATUS.LAST_EVENT_ID, event.id())
                .set(CUSTOMER_STATUS.LEGACY_COMMIT_TIME, event.time())
                .set(CUSTOMER_STATUS.APPLIED_AT, appliedAt)
                .onConflict(CUSTOMER_STATUS.CUSTOMER_ID)
                .doUpdate()
                .set(CUSTOMER_STATUS.STATUS, status.name())
                .set(CUSTOMER_STATUS.REMOVED, false)
                .set(CUSTOMER_STATUS.POSITION, event.position())
                .set(CUSTOMER_STATUS.LAST_EVENT_ID, event.id())
                .set(CUSTOMER_STATUS.LEGACY_COMMIT_TIME, event.time())
                .set(CUSTOMER_STATUS.APPLIED_AT, appliedAt)
                .execute();
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
