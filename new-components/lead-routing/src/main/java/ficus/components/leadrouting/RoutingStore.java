package ficus.components.leadrouting;

import static ficus.components.leadrouting.store.generated.Tables.CUSTOMER_ROUTING;

import ficus.kit.event.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** {@code customer_routing} through the jOOQ classes generated from the changelog. */
public final class RoutingStore {

    /** One customer's routing. */
    public record Routing(long customerId, boolean routable, String reason, Instant since) {
    }

    public void put(DSLContext tx, long customerId, boolean routable, String reason, EventEnvelope event,
                    Instant appliedAt) {
        tx.insertInto(CUSTOMER_ROUTING)
                .set(CUSTOMER_ROUTING.CUSTOMER_ID, customerId)
                .set(CUSTOMER_ROUTING.ROUTABLE, routable)
                .set(CUSTOMER_ROUTING.REASON, reason)
                .set(CUSTOMER_ROUTING.POSITION, event.position())
                .set(CUSTOMER_ROUTING.LAST_EVENT_ID, event.id())
                .set(CUSTOMER_ROUTING.SINCE, event.time())
                .set(CUSTOMER_ROUTING.APPLIED_AT, appliedAt)
                .onConflict(CUSTOMER_ROUTING.CUSTOMER_ID)
                .doUpdate()
                .set(CUSTOMER_ROUTING.ROUTABLE, routable)
                .set(CUSTOMER_ROUTING.REASON, reason)
                .set(CUSTOMER_ROUTING.POSITION, event.position())
                .set(CUSTOMER_ROUTING.LAST_EVENT_ID, event.id())
                .set(CUSTOMER_ROUTING.SINCE, event.time())
                .set(CUSTOMER_ROUTING.APPLIED_AT, appliedAt)
                .execute();
    }

    public Optional<Routing> find(DSLContext dsl, long customerId) {
        return dsl.selectFrom(CUSTOMER_ROUTING).where(CUSTOMER_ROUTING.CUSTOMER_ID.eq(customerId))
                .fetchOptional(r -> new Routing(r.getCustomerId(), r.getRoutable(), r.getReason(), r.getSince()));
    }

    public List<Routing> parked(DSLContext dsl, int page, int size) {
        return dsl.selectFrom(CUSTOMER_ROUTING).where(CUSTOMER_ROUTING.ROUTABLE.isFalse())
                .orderBy(CUSTOMER_ROUTING.CUSTOMER_ID).limit(size).offset((long) page * size)
                .fetch(r -> new Routing(r.getCustomerId(), r.getRoutable(), r.getReason(), r.getSince()));
    }
}
