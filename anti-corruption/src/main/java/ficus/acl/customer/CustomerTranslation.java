package ficus.acl.customer;

import ficus.acl.customer.CustomerEvent.CustomerClosed;
import ficus.acl.customer.CustomerEvent.CustomerDetailsChanged;
import ficus.acl.customer.CustomerEvent.CustomerRegistered;
import ficus.acl.customer.CustomerEvent.CustomerRemoved;
import ficus.acl.customer.CustomerEvent.CustomerStatusChanged;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.TranslationResult;
import ficus.acl.translation.TranslationResult.Emit;
import ficus.acl.translation.TranslationResult.Reject;
import ficus.acl.translation.TranslationResult.Skip;
import ficus.acl.translation.UntranslatableException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Translates legacy {@code crm.cust} rows into {@code crm.customer.v1} events. Pure and stateless: what it must
 * remember between changes of one customer comes in as the {@link CustomerSnapshot} the caller stored after the last
 * published event.
 *
 * <p>Mapping: {@code cust_id → customerId}, {@code cst_nm → name}, {@code cst_eml → email},
 * {@code cst_stat → status} (P, A, S, X), {@code crt_ts → registeredAt}. Every other column ({@code natl_id},
 * {@code cst_nts}, {@code upd_ts}, {@code upd_by}) is unmapped and never leaves the translation.
 */
public final class CustomerTranslation {

    /** The translation's name: in event ids, dead-letter headers and the dead-letter topic name. */
    public static final String NAME = "customer";
    /** Bumped whenever the mapping changes in a way a consumer could notice. */
    public static final int VERSION = 1;

    public static final String SCHEMA = "crm";
    public static final String TABLE = "cust";

    public static final String COL_ID = "cust_id";
    public static final String COL_NAME = "cst_nm";
    public static final String COL_EMAIL = "cst_eml";
    public static final String COL_STATUS = "cst_stat";
    public static final String COL_REGISTERED_AT = "crt_ts";
    /** The legacy columns this translation reads; nothing else is needed (or wanted) from a row. */
    public static final List<String> MAPPED_COLUMNS =
            List.of(COL_ID, COL_NAME, COL_EMAIL, COL_STATUS, COL_REGISTERED_AT);

    private static final List<CustomerField> ALL_FIELDS = Arrays.asList(CustomerField.values());

    /**
     * The translated state of one legacy {@code crm.cust} row, whether it came from Debezium or JDBC. Backfill and
     * reconciliation use this so that history and live changes are translated the same way.
     *
     * @throws UntranslatableException naming the column and value when the row cannot be translated
     */
    public CustomerState project(Row legacyCustRow) {
        return project(legacyCustRow, null);
    }

    /** The id of the customer a change is about (from the after row, or the before row of a delete). */
    public long customerId(Change change) {
        return customerId(change.current());
    }

    /**
     * Translates one change, given the snapshot stored after the last event published for this customer.
     *
     * <ul>
     *   <li>position not after the previous one → {@code Skip} (duplicate);</li>
     *   <li>first sight (no previous, or previously removed) of a created / read / updated row →
     *       {@code CustomerRegistered};</li>
     *   <li>status changed → {@code CustomerClosed} if now CLOSED, else {@code CustomerStatusChanged};</li>
     *   <li>other mapped fields changed → {@code CustomerDetailsChanged};</li>
     *   <li>no mapped field changed (nightly touch, re-read by a snapshot) → {@code Skip};</li>
     *   <li>deleted → {@code CustomerRemoved} (also when never seen: backfill may have published it);</li>
     *   <li>unknown status code, missing mapped column, wrong type → {@code Reject} naming column and value.</li>
     * </ul>
     */
    public TranslationResult<CustomerEvent> translate(Change change, Optional<CustomerSnapshot> previous) {
        if (!SCHEMA.equals(change.origin().schema()) || !TABLE.equals(change.origin().table())) {
            return new Reject<>("the customer translation reads " + SCHEMA + "." + TABLE + ", not "
                    + change.origin().schema() + "." + change.origin().table());
        }
        long customerId;
        try {
            customerId = customerId(change);
        } catch (UntranslatableException e) {
            return new Reject<>(e.getMessage());
        }
        CustomerSnapshot last = previous.orElse(null);
        if (last != null && last.customerId() != customerId) {
            throw new IllegalArgumentException("snapshot of customer " + last.customerId()
                    + " passed with a change of customer " + customerId);
        }
        if (last != null && !change.position().isAfter(last.position())) {
            return Skip.duplicate("duplicate: position " + change.position() + " of customer " + customerId
                    + " is not after the last published " + last.position());
        }
        try {
            return switch (change.operation()) {
                case DELETE -> last != null && last.removed()
                        ? new Skip<>("customer " + customerId + " is already removed")
                        : emit(new CustomerRemoved(eventId(change, customerId, CustomerEventType.REMOVED),
                                customerId, change.position(), change.commitTime()));
                case CREATE, READ, UPDATE -> translateUpsert(change, customerId,
                        last == null || last.removed() ? null : last.state());
            };
        } catch (UntranslatableException e) {
            return new Reject<>(e.getMessage() + " (customer " + customerId + ", position " + change.position() + ")");
        }
    }

    private TranslationResult<CustomerEvent> translateUpsert(Change change, long customerId, CustomerState known) {
        CustomerState state = project(change.after(), known);
        SourcePosition position = change.position();
        Instant time = change.commitTime();
        if (known == null) {
            return emit(new CustomerRegistered(eventId(change, customerId, CustomerEventType.REGISTERED), customerId,
                    position, time, state, ALL_FIELDS));
        }
        List<CustomerField> changed = state.changedFrom(known);
        if (changed.isEmpty()) {
            return new Skip<>(change.operation() == Operation.READ
                    ? "snapshot read of customer " + customerId + " matches the published state"
                    : "no mapped column of customer " + customerId + " changed");
        }
        if (changed.contains(CustomerField.STATUS)) {
            return state.status() == CustomerStatus.CLOSED
                    ? emit(new CustomerClosed(eventId(change, customerId, CustomerEventType.CLOSED), customerId,
                            position, time, state, changed, known.status()))
                    : emit(new CustomerStatusChanged(eventId(change, customerId, CustomerEventType.STATUS_CHANGED),
                            customerId, position, time, state, changed, known.status()));
        }
        return emit(new CustomerDetailsChanged(eventId(change, customerId, CustomerEventType.DETAILS_CHANGED),
                customerId, position, time, state, changed));
    }

    private static TranslationResult<CustomerEvent> emit(CustomerEvent event) {
        return new Emit<>(List.of(event));
    }

    /**
     * The deterministic event id: a name-based UUID over the translation name, the raw topic, the position, the
     * customer id and the event type. The same source change always yields the same id.
     */
    public static UUID eventId(Origin origin, SourcePosition position, long customerId, CustomerEventType type) {
        String name = NAME + "|" + origin.rawTopic() + "|" + position.format() + "|" + customerId + "|"
                + type.cloudEventType();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static UUID eventId(Change change, long customerId, CustomerEventType type) {
        return eventId(change.origin(), change.position(), customerId, type);
    }

    private static long customerId(Row row) {
        Long id = row.longValue(COL_ID);
        if (id == null) {
            throw new UntranslatableException(COL_ID, "column " + COL_ID + " is null");
        }
        return id;
    }

    /** Projects a row; a TOAST placeholder in a mapped column takes the value from {@code known}, if any. */
    private static CustomerState project(Row row, CustomerState known) {
        long customerId = customerId(row);
        String name = text(row, COL_NAME, known, CustomerState::name);
        if (name == null) {
            throw new UntranslatableException(COL_NAME, "column " + COL_NAME + " is null");
        }
        String email = text(row, COL_EMAIL, known, CustomerState::email);
        String code = row.isUnavailable(COL_STATUS) && known != null ? known.status().legacyCode()
                : row.string(COL_STATUS);
        CustomerStatus status = CustomerStatus.forCode(code).orElseThrow(() -> new UntranslatableException(COL_STATUS,
                "unknown status code " + (code == null ? "null" : "'" + code + "'") + " in column " + COL_STATUS
                        + " (known: P, A, S, X)"));
        Instant registeredAt = row.instant(COL_REGISTERED_AT);
        if (registeredAt == null) {
            throw new UntranslatableException(COL_REGISTERED_AT, "column " + COL_REGISTERED_AT + " is null");
        }
        return new CustomerState(customerId, name, email, status, registeredAt);
    }

    private static String text(Row row, String column, CustomerState known, Function<CustomerState, String> field) {
        if (!row.isUnavailable(column)) {
            return row.string(column);
        }
        if (known == null) {
            throw new UntranslatableException(column, "column " + column
                    + " holds Debezium's unavailable-value placeholder and no earlier value is known");
        }
        return field.apply(known);
    }
}
