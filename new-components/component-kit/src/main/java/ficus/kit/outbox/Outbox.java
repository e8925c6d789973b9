package ficus.kit.outbox;

import static ficus.kit.outbox.OutboxTable.AGGREGATE_ID;
import static ficus.kit.outbox.OutboxTable.CONTENT_TYPE;
import static ficus.kit.outbox.OutboxTable.CREATED_AT;
import static ficus.kit.outbox.OutboxTable.EVENT_TIME;
import static ficus.kit.outbox.OutboxTable.ID;
import static ficus.kit.outbox.OutboxTable.OUTBOX;
import static ficus.kit.outbox.OutboxTable.PAYLOAD;
import static ficus.kit.outbox.OutboxTable.POSITION;
import static ficus.kit.outbox.OutboxTable.SOURCE;
import static ficus.kit.outbox.OutboxTable.SPECVERSION;
import static ficus.kit.outbox.OutboxTable.TOPIC;
import static ficus.kit.outbox.OutboxTable.TYPE;

import ficus.kit.event.CloudEventHeaders;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;

/**
 * The transactional outbox: {@link #publish} writes the event as a row of {@code ficus_outbox} in the caller's
 * transaction (the handler's {@code Delivery.tx()}), so the event exists if and only if the state change committed.
 * Debezium's outbox event router ({@link OutboxConnector}) reads the rows from the WAL and writes them to their topic
 * with the CloudEvents headers. Rows stay in the table (an audit trail; housekeeping may delete old ones: the router
 * ignores deletes).
 */
public final class Outbox {

    private final Clock clock;

    public Outbox() {
        this(Clock.systemUTC());
    }

    public Outbox(Clock clock) {
        this.clock = clock;
    }

    /**
     * Writes {@code event} in the transaction of {@code tx}. Publishing the same id twice is a no-op.
     *
     * @return whether a row was written
     */
    public boolean publish(DSLContext tx, OutboxEvent event) {
        return tx.insertInto(OUTBOX)
                .set(ID, event.id())
                .set(TOPIC, event.topic())
                .set(AGGREGATE_ID, event.subject())
                .set(TYPE, event.type())
                .set(SOURCE, event.source())
                .set(EVENT_TIME, event.time().toString())
                .set(POSITION, event.position())
                .set(SPECVERSION, CloudEventHeaders.SPEC_VERSION_1_0)
                .set(CONTENT_TYPE, "application/json")
                .set(PAYLOAD, event.data().toString())
                .set(CREATED_AT, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .onConflictDoNothing()
                .execute() == 1;
    }
}
