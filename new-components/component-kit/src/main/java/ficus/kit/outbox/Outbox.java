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
        return publishAll(tx, java.util.List.of(event)) == 1;
    }

    /**
     * Writes {@code events} in the transaction of {@code tx} with one statement (a batch handler's outbox). Ids
     * already published are no-ops.
     *
     * @return how many rows were written
     */
    public int publishAll(DSLContext tx, java.util.Collection<OutboxEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        var insert = tx.insertInto(OUTBOX, ID, TOPIC, AGGREGATE_ID, TYPE, SOURCE, EVENT_TIME, POSITION, SPECVERSION,
                CONTENT_TYPE, PAYLOAD, CREATED_AT);
        java.time.Instant created = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (OutboxEvent event : events) {
            insert = insert.values(event.id(), event.topic(), event.subject(), event.type(), event.source(),
                    event.time().toString(), event.position(), CloudEventHeaders.SPEC_VERSION_1_0, "application/json",
                    event.data().toString(), created);
        }
        return insert.onConflictDoNothing().execute();
    }
}
