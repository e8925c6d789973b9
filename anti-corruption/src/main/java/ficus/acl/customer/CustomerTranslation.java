package ficus.acl.customer;

import ficus.acl.customer.CustomerEvent.CustomerClosed;
import ficus.acl.customer.CustomerEvent.CustomerDetailsChanged;
import ficus.acl.customer.CustomerEvent.CustomerRegistered;
import ficus.acl.customer.CustomerEvent.CustomerRemoved;
import ficus.acl.customer.CustomerEvent.CustomerStatusChanged;
import ficus.acl.aggregate.NameBasedUuid;
import ficus.acl.spec.CodeTables;
import ficus.acl.spec.EventRule;
import ficus.acl.spec.EventRule.Trigger;
import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.PartSpec;
import ficus.acl.spec.RowProjector;
import ficus.acl.spec.TranslationExtension;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.TranslationResult;
import ficus.acl.translation.TranslationResult.Emit;
import ficus.acl.translation.TranslationResult.Reject;
import ficus.acl.translation.TranslationResult.Skip;
import ficus.acl.translation.UntranslatableException;
import ficus.core.FicusException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Translates the legacy customer — {@code crm.cust}, its home address in {@code crm.cust_addr} and its open leads in
 * {@code crm.lead} — into {@code crm.customer.v1} events, as its {@link TranslationSpec} says
 * ({@code ficus/translations/customer.yaml} unless given another) with {@link CustomerRules} for what YAML cannot
 * say. Pure: what it must remember between changes of one customer comes in as the {@link CustomerAggregate} the
 * caller stored, and {@link #apply} returns the next one.
 *
 * <p>Default mapping: {@code cust_id → customerId}, {@code cst_nm → name}, {@code cst_eml → email},
 * {@code cst_stat → status} (P, A, S, X), {@code crt_ts → registeredAt}; home address {@code ln1, cty, zip, ctry →
 * address.line1, city, zip, country}; leads with {@code ld_stat} N or Q counted as {@code openLeads}. Every other
 * column never leaves the translation.
 */
public final class CustomerTranslation {

    /** The translation's name: in event ids, dead-letter headers and the dead-letter topic name. */
    public static final String NAME = "customer";
    /** The version of the shipped spec; a loaded spec says its own ({@link #version()}). */
    public static final int VERSION = 1;

    public static final String SCHEMA = "crm";
    public static final String TABLE = "cust";

    public static final String COL_ID = "cust_id";
    public static final String COL_NAME = "cst_nm";
    public static final String COL_EMAIL = "cst_eml";
    public static final String COL_STATUS = "cst_stat";
    public static final String COL_REGISTERED_AT = "crt_ts";
    /** The legacy {@code crm.cust} columns the shipped spec reads; nothing else is needed (or wanted) from a row. */
    public static final List<String> MAPPED_COLUMNS =
            List.of(COL_ID, COL_NAME, COL_EMAIL, COL_STATUS, COL_REGISTERED_AT);

    /** Part names the customer state has room for. */
    public static final String PART_ADDRESS = "address";
    public static final String PART_OPEN_LEADS = "openLeads";

    private static final List<CustomerField> ALL_FIELDS = Arrays.asList(CustomerField.values());
    private static final Set<String> ROOT_FIELDS = Set.of("customerId", "name", "email", "status", "registeredAt");
    private static final Set<String> ADDRESS_FIELDS = Set.of("line1", "city", "zip", "country");

    private final TranslationSpec spec;
    /** Whether the spec has the {@value #PART_OPEN_LEADS} part (asked for every state built). */
    private final boolean countsOpenLeads;
    private final RowProjector rootProjector;
    private final Map<String, RowProjector> partProjectors = new HashMap<>();

    /** The shipped spec, no captured code tables. */
    public CustomerTranslation() {
        this(TranslationSpecLoader.customer());
    }

    public CustomerTranslation(TranslationSpec spec) {
        this(spec, CodeTables.NONE);
    }

    /**
     * @throws FicusException.BadInput when the spec does not fit the customer aggregate (naming the spec and field)
     */
    public CustomerTranslation(TranslationSpec spec, CodeTables codeTables) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.countsOpenLeads = spec.part(PART_OPEN_LEADS).isPresent();
        TranslationExtension extension = TranslationExtension.find(spec.extension()).orElseThrow(() ->
                new FicusException.BadInput(spec.location() + ": extension: no TranslationExtension named '"
                        + spec.extension() + "'"));
        check(spec);
        this.rootProjector = new RowProjector(spec.root(), codeTables, extension);
        for (PartSpec part : spec.parts()) {
            partProjectors.put(part.name(), new RowProjector(part.rows(), codeTables, extension));
        }
    }

    private static void check(TranslationSpec spec) {
        String where = spec.location() + ": ";
        Set<String> fields = new TreeSet<>(spec.root().fieldNames());
        for (String required : List.of("customerId", "name", "status", "registeredAt")) {
            if (!fields.contains(required)) {
                throw new FicusException.BadInput(where + "root.fields." + required + ": missing (the customer "
                        + "state needs it)");
            }
        }
        for (FieldSpec field : spec.root().fields()) {
            if (!ROOT_FIELDS.contains(field.field())) {
                throw new FicusException.BadInput(where + "root.fields." + field.field() + ": the customer state has "
                        + "no such field (has " + new TreeSet<>(ROOT_FIELDS) + ")");
            }
            if (!field.required() && !field.field().equals("email")) {
                throw new FicusException.BadInput(where + "root.fields." + field.field() + ": must be required "
                        + "(only email may be null)");
            }
            if (field.field().equals("status")) {
                if (field.type() != FieldType.ENUM) {
                    throw new FicusException.BadInput(where + "root.fields.status: must be an enum");
                }
                for (String value : field.codes().values()) {
                    if (Arrays.stream(CustomerStatus.values()).noneMatch(s -> s.name().equals(value))) {
                        throw new FicusException.BadInput(where + "root.fields.status.codes: '" + value
                                + "' is not a customer status " + Arrays.toString(CustomerStatus.values()));
                    }
                }
            }
        }
        for (PartSpec part : spec.parts()) {
            switch (part.name()) {
                case PART_ADDRESS -> {
                    if (part.collect() != PartSpec.Collect.ONE
                            || !new TreeSet<>(part.rows().fieldNames()).equals(new TreeSet<>(ADDRESS_FIELDS))) {
                        throw new FicusException.BadInput(where + "parts.address: must collect one row with fields "
                                + new TreeSet<>(ADDRESS_FIELDS));
                    }
                }
                case PART_OPEN_LEADS -> {
                    if (part.collect() != PartSpec.Collect.COUNT) {
                        throw new FicusException.BadInput(where + "parts.openLeads: must collect count");
                    }
                }
                default -> throw new FicusException.BadInput(where + "parts." + part.name() + ": the customer state "
                        + "has no such part (has address, openLeads)");
            }
        }
        for (EventRule rule : spec.events()) {
            String at = where + "events (line " + rule.line() + "): ";
            CustomerEventType type;
            try {
                type = CustomerEventType.forEventName(rule.type());
            } catch (IllegalArgumentException e) {
                throw new FicusException.BadInput(at + "type: '" + rule.type() + "' is not a customer event "
                        + Arrays.stream(CustomerEventType.values()).map(CustomerEventType::eventName).toList());
            }
            Trigger expected = switch (type) {
                case REGISTERED -> Trigger.REGISTERED;
                case REMOVED -> Trigger.REMOVED;
                case STATUS_CHANGED, CLOSED, DETAILS_CHANGED -> Trigger.CHANGED;
            };
            if (rule.on() != expected) {
                throw new FicusException.BadInput(at + "on: " + rule.type() + " is published on "
                        + expected.code() + ", not " + rule.on().code());
            }
            if ((type == CustomerEventType.STATUS_CHANGED || type == CustomerEventType.CLOSED)
                    && !rule.fields().equals(List.of("status"))) {
                throw new FicusException.BadInput(at + "fields: " + rule.type() + " must be for fields [status]");
            }
        }
    }

    public TranslationSpec spec() {
        return spec;
    }

    /** The spec's version: in dead-letter headers. */
    public int version() {
        return spec.version();
    }

    /**
     * The translated state of one legacy {@code crm.cust} row (address and leads aside), whether it came from
     * Debezium or JDBC. Backfill and reconciliation use this so that history and live changes are translated the
     * same way.
     *
     * @throws UntranslatableException naming the column and value when the row cannot be translated
     */
    public CustomerState project(Row legacyCustRow) {
        return projectRoot(legacyCustRow, null);
    }

    /** The id of the customer a {@code crm.cust} change is about (from the after row, or the before row of a delete). */
    public long customerId(Change change) {
        return RowProjector.key(change.current(), spec.root().key());
    }

    /** Whether the change is of the customer table itself. */
    public boolean isRoot(Origin origin) {
        return spec.root().is(origin.schema(), origin.table());
    }

    /** The part a change of another table belongs to, if any. */
    public Optional<PartSpec> partOf(Origin origin) {
        return spec.part(origin.schema(), origin.table());
    }

    /** Columns of the change's row that the spec does not know: the legacy schema gained them (count, ignore). */
    public Set<String> newColumns(Change change) {
        Row row = change.current();
        if (isRoot(change.origin())) {
            return rootProjector.newColumns(row);
        }
        return partOf(change.origin()).map(p -> partProjectors.get(p.name()).newColumns(row)).orElse(Set.of());
    }

    /**
     * Translates one change of the customer table alone, given the snapshot stored after the last event published
     * for this customer (the walking skeleton's contract; {@link #apply} is the aggregate's).
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
        if (!isRoot(change.origin())) {
            return new Reject<>("the customer translation reads " + spec.root().table() + " here, not "
                    + change.origin().schema() + "." + change.origin().table());
        }
        long customerId;
        try {
            customerId = customerId(change);
        } catch (UntranslatableException e) {
            return Reject.of(e);
        }
        CustomerSnapshot last = previous.orElse(null);
        if (last != null && last.customerId() != customerId) {
            throw new IllegalArgumentException("snapshot of customer " + last.customerId()
                    + " passed with a change of customer " + customerId);
        }
        if (last != null && last.state() != null) {
            // a root-only snapshot: what the aggregate would hold for a customer without address and leads
            CustomerState rootOnly = last.state().withParts(null, countsOpenLeads ? 0 : null);
            last = new CustomerSnapshot(last.customerId(), rootOnly, last.position(), last.removed(),
                    last.lastEventId());
        }
        return apply(change, customerId, last == null ? null : CustomerAggregate.fromSnapshot(last)).result();
    }

    /** What {@link #apply} makes of a change: the result, and the aggregate to store ({@code null}: unchanged). */
    public record Step(TranslationResult<CustomerEvent> result, CustomerAggregate next) {
        public Step {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * Applies one change of any of the aggregate's tables to the customer's aggregate.
     *
     * <ul>
     *   <li>a change at or before the last position of the same row (customer row, address row, lead row) → duplicate
     *       skip;</li>
     *   <li>a part that arrives before its customer is kept; the customer's registration then carries it;</li>
     *   <li>the new full state is compared with the last published one: no difference → skip; otherwise the first
     *       event rule of the spec that matches names the event;</li>
     *   <li>the event's position is the change's source position if that is after the last published position, else
     *       the next revision of the last published position: strictly increasing per customer;</li>
     *   <li>a rejected change leaves the aggregate as it was (so a replay after a fix is not mistaken for a
     *       duplicate);</li>
     *   <li>a {@linkplain Change#restate() restate} change (a re-drive read) is applied to its row by the same per-row
     *       rule — a row at or before that row's last position is not applied, so an older read never rolls the
     *       aggregate back — and then the aggregate's current state is <em>always</em> published, stamped as above
     *       (strictly above the last published position): the usual event if the state changed or the customer
     *       was never published; otherwise {@code CustomerDetailsChanged} with {@code changed: []} for a live customer
     *       or {@code CustomerRemoved} for a removed one. Its event id also covers the stamped position
     *       ({@link #restatementEventId}), so every re-drive yields new ids. Nothing is published for a customer
     *       without a customer row that was never published.</li>
     * </ul>
     *
     * @param customerId the customer the change belongs to (the runtime found it; for a part row that moved to another
     *                   customer, the old owner gets the change too and sees the row leave)
     * @param current    the stored aggregate, or {@code null} if none
     */
    public Step apply(Change change, long customerId, CustomerAggregate current) {
        CustomerAggregate aggregate = current != null ? current : CustomerAggregate.empty(customerId);
        try {
            if (isRoot(change.origin())) {
                return applyRoot(change, customerId, aggregate);
            }
            Optional<PartSpec> part = partOf(change.origin());
            if (part.isEmpty()) {
                return new Step(new Reject<>("the customer translation does not read " + change.origin().schema()
                        + "." + change.origin().table()), null);
            }
            return applyPart(part.get(), change, customerId, aggregate);
        } catch (UntranslatableException e) {
            return new Step(new Reject<>(e.getMessage() + " (customer " + customerId + ", " + change.origin()
                    + " at " + change.position() + ")", e.kind()), null);
        }
    }

    private Step applyRoot(Change change, long customerId, CustomerAggregate aggregate) {
        if (aggregate.rootPosition() != null && !change.position().isAfter(aggregate.rootPosition())) {
            if (change.restate()) {
                return publish(change, aggregate, false); // the row stands; re-state what the aggregate holds
            }
            return new Step(Skip.duplicate("duplicate: position " + change.position() + " of customer " + customerId
                    + " is not after its last " + aggregate.rootPosition()), null);
        }
        boolean deleted = change.operation() == Operation.DELETE || rootProjector.softDeleted(change.after());
        CustomerState root = deleted ? null : projectRoot(change.after(), aggregate.root());
        if (root != null && root.customerId() != customerId) {
            throw new IllegalArgumentException("change of customer " + root.customerId() + " applied to "
                    + customerId);
        }
        return publish(change, aggregate.withRoot(root, change.position()), deleted);
    }

    private Step applyPart(PartSpec part, Change change, long customerId, CustomerAggregate aggregate) {
        long key = RowProjector.key(change.current(), part.rows().key());
        CustomerAggregate.PartRow last = aggregate.part(part.name(), key);
        if (last != null && !change.position().isAfter(last.position())) {
            if (change.restate()) {
                return publish(change, aggregate, false); // the row stands; re-state what the aggregate holds
            }
            return new Step(Skip.duplicate("duplicate: position " + change.position() + " of " + part.name() + " "
                    + key + " is not after its last " + last.position()), null);
        }
        Map<String, String> values = null;
        RowProjector projector = partProjectors.get(part.name());
        Row after = change.after();
        if (change.operation() != Operation.DELETE && !projector.softDeleted(after)
                && RowProjector.key(after, part.aggregateKey()) == customerId && RowProjector.matches(part, after)) {
            values = RowProjector.asText(projector.project(after, null));
        }
        return publish(change, aggregate.withPart(part.name(), key,
                new CustomerAggregate.PartRow(values, change.position())), false);
    }

    /**
     * Compares the new full state with the published one and names the event, if any; for a restate change, publishes
     * the current state where an ordinary change would publish nothing.
     */
    private Step publish(Change change, CustomerAggregate next, boolean rootDeleted) {
        long customerId = next.customerId();
        CustomerSnapshot published = next.published();
        boolean live = published != null && !published.removed();
        CustomerState state = state(next);
        if (state == null) {
            if (change.restate() && published != null && published.removed()) {
                return emit(change, next, CustomerEventType.REMOVED, null, List.of(), null);
            }
            if (!rootDeleted) {
                return new Step(new Skip<>(live ? "customer " + customerId + " has no customer row"
                        : "part of customer " + customerId + " kept until the customer row arrives"), next);
            }
            if (published != null && published.removed()) {
                return new Step(new Skip<>("customer " + customerId + " is already removed"), next);
            }
            return emit(change, next, rule(Trigger.REMOVED, List.of(), null), null, List.of(), null);
        }
        if (!live) {
            return emit(change, next, rule(Trigger.REGISTERED, ALL_FIELDS, state), state, ALL_FIELDS, null);
        }
        List<CustomerField> changed = state.changedFrom(published.state());
        if (changed.isEmpty()) {
            if (change.restate()) {
                return emit(change, next, CustomerEventType.DETAILS_CHANGED, state, List.of(), null);
            }
            return new Step(new Skip<>(change.operation() == Operation.READ
                    ? "snapshot read of customer " + customerId + " matches the published state"
                    : "no mapped column of customer " + customerId + " changed"), next);
        }
        EventRule rule = rule(Trigger.CHANGED, changed, state);
        if (rule == null) {
            if (change.restate()) {
                return emit(change, next, CustomerEventType.DETAILS_CHANGED, state, changed, null);
            }
            return new Step(new Skip<>("no event rule for a change of " + changed + " of customer " + customerId),
                    next);
        }
        return emit(change, next, rule, state, changed, published.state().status());
    }

    private EventRule rule(Trigger trigger, List<CustomerField> changed, CustomerState state) {
        for (EventRule rule : spec.events()) {
            if (rule.on() != trigger) {
                continue;
            }
            if (trigger == Trigger.CHANGED && !rule.fields().isEmpty()
                    && changed.stream().noneMatch(f -> rule.fields().contains(f.jsonName()))) {
                continue;
            }
            if (state != null && !rule.when().entrySet().stream()
                    .allMatch(w -> w.getValue().equals(fieldText(state, w.getKey())))) {
                continue;
            }
            return rule;
        }
        return null;
    }

    private static String fieldText(CustomerState state, String field) {
        Object value = switch (field) {
            case "customerId" -> state.customerId();
            case "name" -> state.name();
            case "email" -> state.email();
            case "status" -> state.status().name();
            case "registeredAt" -> state.registeredAt();
            case "address" -> state.address();
            case "openLeads" -> state.openLeads();
            default -> null;
        };
        return value == null ? null : value.toString();
    }

    private Step emit(Change change, CustomerAggregate next, EventRule rule, CustomerState state,
            List<CustomerField> changed, CustomerStatus previousStatus) {
        if (rule == null) {
            return new Step(new Skip<>("no event rule for this change of customer " + next.customerId()), next);
        }
        return emit(change, next, CustomerEventType.forEventName(rule.type()), state, changed, previousStatus);
    }

    private Step emit(Change change, CustomerAggregate next, CustomerEventType type, CustomerState state,
            List<CustomerField> changed, CustomerStatus previousStatus) {
        long customerId = next.customerId();
        CustomerSnapshot published = next.published();
        SourcePosition position = change.position();
        if (published != null && !position.isAfter(published.position())) {
            try {
                position = published.position().nextRevision();
            } catch (IllegalStateException e) {
                throw new UntranslatableException(RejectionKind.REJECTED, null, e.getMessage());
            }
        }
        UUID id = change.restate()
                ? restatementEventId(change.origin(), change.position(), position, customerId, type)
                : eventId(change.origin(), change.position(), customerId, type);
        Instant time = change.commitTime();
        CustomerEvent event = switch (type) {
            case REGISTERED -> new CustomerRegistered(id, customerId, position, time, state, ALL_FIELDS);
            case STATUS_CHANGED -> new CustomerStatusChanged(id, customerId, position, time, state, changed,
                    previousStatus);
            case CLOSED -> new CustomerClosed(id, customerId, position, time, state, changed, previousStatus);
            case DETAILS_CHANGED -> new CustomerDetailsChanged(id, customerId, position, time, state, changed);
            case REMOVED -> new CustomerRemoved(id, customerId, position, time);
        };
        return new Step(new Emit<>(List.of(event)), next.withPublished(CustomerSnapshot.after(event)));
    }

    /** The full state: the customer row with its home address and open lead count; null without a customer row. */
    private CustomerState state(CustomerAggregate aggregate) {
        if (aggregate.root() == null) {
            return null;
        }
        CustomerAddress address = null;
        Integer openLeads = countsOpenLeads ? 0 : null;
        for (PartSpec part : spec.parts()) {
            TreeMap<Long, Map<String, String>> members = aggregate.members(part.name());
            if (part.name().equals(PART_ADDRESS) && !members.isEmpty()) {
                Map<String, String> home = members.lastEntry().getValue();
                address = new CustomerAddress(home.get("line1"), home.get("city"), home.get("zip"),
                        home.get("country"));
            } else if (part.name().equals(PART_OPEN_LEADS)) {
                openLeads = members.size();
            }
        }
        return aggregate.root().withParts(address, openLeads);
    }

    /**
     * The deterministic event id: a name-based UUID over the translation name, the raw topic, the source position of
     * the change, the customer id and the event type. The same source change always yields the same id.
     */
    public static UUID eventId(Origin origin, SourcePosition position, long customerId, CustomerEventType type) {
        String name = NAME + "|" + origin.rawTopic() + "|" + position.format() + "|" + customerId + "|"
                + type.cloudEventType();
        return NameBasedUuid.of(name); // = UUID.nameUUIDFromBytes(UTF-8 of name)
    }

    /**
     * The deterministic event id of a re-statement: like {@link #eventId}, plus the position the event was stamped
     * with, so re-stating the same (unchanged) aggregate twice — two re-drives, even of one snapshot LSN — yields two
     * ids that a consumer's inbox does not mistake for one event, while the same re-drive record applied to the same
     * aggregate still yields the same id.
     */
    public static UUID restatementEventId(Origin origin, SourcePosition sourcePosition, SourcePosition stamped,
            long customerId, CustomerEventType type) {
        String name = NAME + "|" + origin.rawTopic() + "|" + sourcePosition.format() + "|" + customerId + "|"
                + type.cloudEventType() + "|restate@" + stamped.format();
        return NameBasedUuid.of(name); // = UUID.nameUUIDFromBytes(UTF-8 of name)
    }

    private CustomerState projectRoot(Row row, CustomerState known) {
        Map<String, Object> fields = rootProjector.project(row, known == null ? null : fields(known));
        Object id = fields.get("customerId");
        if (id == null) {
            throw new UntranslatableException(RejectionKind.MISSING_KEY, spec.root().key(), "missing key: column "
                    + spec.root().key() + " is null");
        }
        return new CustomerState((Long) id, (String) fields.get("name"), (String) fields.get("email"),
                CustomerStatus.valueOf((String) fields.get("status")), (Instant) fields.get("registeredAt"));
    }

    private static Map<String, Object> fields(CustomerState state) {
        Map<String, Object> known = new LinkedHashMap<>();
        known.put("customerId", state.customerId());
        known.put("name", state.name());
        known.put("email", state.email());
        known.put("status", state.status().name());
        known.put("registeredAt", state.registeredAt());
        return known;
    }
}
