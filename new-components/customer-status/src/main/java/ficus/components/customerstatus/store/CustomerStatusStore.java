package ficus.components.customerstatus.store;

import static ficus.components.customerstatus.store.CustomerStatusTable.APPLIED_AT;
import static ficus.components.customerstatus.store.CustomerStatusTable.CUSTOMER_ID;
import static ficus.components.customerstatus.store.CustomerStatusTable.CUSTOMER_STATUS;
import static ficus.components.customerstatus.store.CustomerStatusTable.LAST_EVENT_ID;
import static ficus.components.customerstatus.store.CustomerStatusTable.LEGACY_COMMIT_TIME;
import static ficus.components.customerstatus.store.CustomerStatusTable.POSITION;
import static ficus.components.customerstatus.store.CustomerStatusTable.REMOVED;
import static ficus.components.customerstatus.store.CustomerStatusTable.STATUS;

import ficus.components.customerstatus.model.CustomerStatus;
import ficus.kit.event.EventEnvelope;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Reads and writes {@code customer_status}. The write methods take the DSL context of the kit's transaction, so the
 * row and the kit's applied position commit together.
 */
public final class CustomerStatusStore {

    /** The customer exists with {@code status} after {@code event}. */
    public void putStatus(DSLContext tx, long customerId, CustomerStatus status, EventEnvelope event,
                          Instant appliedAt) {
        tx.insertInto(CUSTOMER_STATUS)
                .set(CUSTOMER_ID, customerId)
                .set(STATUS, status.name())
                .set(REMOVED, false)
                .set(POSITION, event.position())
                .set(LAST_EVENT_ID, event.id())
                .set(LEGACY_COMMIT_TIME, event.time())
                .set(APPLIED_AT, appliedAt)
                .onConflict(CUSTOMER_ID)
                .doUpdate()
                .set(STATUS, status.name())
                .set(REMOVED, false)
                .set(POSITION, event.position())
                .set(LAST_EVENT_ID, event.id())
                .set(LEGACY_COMMIT_TIME, event.time())
                .set(APPLIED_AT, appliedAt)
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
                .set(REMOVED, true)
                .set(POSITION, event.position())
                .set(LAST_EVENT_ID, event.id())
                .set(LEGACY_COMMIT_TIME, event.time())
                .set(APPLIED_AT, appliedAt)
                .where(CUSTOMER_ID.eq(customerId))
                .execute() == 1;
    }

    public Optional<CustomerStatusView> find(DSLContext dsl, long customerId) {
        return dsl.select(CUSTOMER_ID, STATUS, REMOVED, POSITION, LAST_EVENT_ID, LEGACY_COMMIT_TIME, APPLIED_AT)
                .from(CUSTOMER_STATUS)
                .where(CUSTOMER_ID.eq(customerId))
                .fetchOptional(r -> new CustomerStatusView(r.value1(), CustomerStatus.valueOf(r.value2()), r.value3(),
                        r.value4(), r.value5(), r.value6(), r.value7()));
    }
}
