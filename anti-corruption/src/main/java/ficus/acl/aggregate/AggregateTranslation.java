package ficus.acl.aggregate;

import ficus.acl.spec.CodeTables;
import ficus.acl.spec.EventRule;
import ficus.acl.spec.EventRule.Trigger;
import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.JsonDocuments;
import ficus.acl.spec.PartSpec;
import ficus.acl.spec.RowProjector;
import ficus.acl.spec.TableSpec;
import ficus.acl.spec.TranslationExtension;
import ficus.acl.spec.TranslationSpec;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The translation engine: turns changes of a spec's tables into the spec's domain events, for any spec. Pure: what it
 * must remember between changes of one aggregate comes in as the {@link Aggregate} the caller stored, and
 * {@link #apply} returns the next one.
 *
 * <ul>
 *   <li>a change at or before the last position of the same legacy row (root row, part row, referenced row) is a
 *       duplicate skip;</li>
 *   <li>a part that arrives before its root row is kept; the registration then carries it;</li>
 *   <li>the new full state is compared with the last published one: no difference → skip; otherwise the first
 *       event rule of the spec that matches names the event;</li>
 *   <li>the event's position is the change's source position if that is after the last published position, else
 *       the next revision of the last published position: strictly increasing per aggregate;</li>
 *   <li>a rejected change leaves the aggregate as it was (so a replay after a fix is not mistaken for a
 *       duplicate);</li>
 *   <li>a {@linkplain Change#restate() restate} change (a re-drive read) is applied to its row by the same per-row
 *       rule and then the aggregate's current state is <em>always</em> published, stamped strictly above the last
 *       published position: the usual event if the state changed, else the catch-all changed rule
 *       (the first {@code on: changed} rule without {@code fields} and {@code when}) with nothing changed, or the removed rule for a removed aggregate. Its event id also covers the
 *       stamped position, so every re-drive yields new ids;</li>
 *   <li>a TOAST placeholder ({@link Row#UNAVAILABLE_VALUE}) takes the row's last known value, or is rejected.</li>
 * </ul>
 */
public final class AggregateTranslation {

    private final TranslationSpec spec;
    private final List<FieldSpec> keyFields;
    private final RowProjector rootProjector;
    private final Map<String, RowProjector> partProjectors = new HashMap<>();
    private final Map<String, List<PartSpec>> partsByTable = new HashMap<>();
    private final List<String> allFields;
    private final EventRule restatement;

    public AggregateTranslation(TranslationSpec spec, JsonDocuments json) {
        this(spec, CodeTables.NONE, json);
    }

    /**
     * @throws FicusException.BadInput when the spec's extension is not on the class path
     */
    public AggregateTranslation(TranslationSpec spec, CodeTables codeTables, JsonDocuments json) {
        this.spec = Objects.requireNonNull(spec, "spec");
        TranslationExtension extension = TranslationExtension.find(spec.extension()).orElseThrow(() ->
                new FicusException.BadInput(spec.location() + ": extension: no TranslationExtension named '"
                        + spec.extension() + "'"));
        this.keyFields = spec.keyFields();
        this.rootProjector = new RowProjector(spec.root(), codeTables, extension, json);
        for (PartSpec part : spec.parts()) {
            partProjectors.put(part.name(), new RowProjector(part.rows(), codeTables, extension, json));
            partsByTable.computeIfAbsent(part.rows().table(), t -> new ArrayList<>()).add(part);
        }
        List<String> names = new ArrayList<>(spec.root().fieldNames());
        spec.parts().forEach(p -> names.add(p.name()));
        this.allFields = List.copyOf(names);
        this.restatement = spec.events().stream()
                .filter(r -> r.on() == Trigger.CHANGED && r.fields().isEmpty() && r.when().isEmpty()).findFirst()
                .orElseGet(() -> spec.events().stream().filter(r -> r.on() == Trigger.CHANGED).findFirst()
                        .orElse(null));
    }

    public TranslationSpec spec() {
        return spec;
    }

    /** The spec's version: in dead-letter headers. */
    public int version() {
        return spec.version();
    }

    /** Whether the change is of the root table. */
    public boolean isRoot(Origin origin) {
        return spec.root().is(origin.schema(), origin.table());
    }

    /** The parts (several may read one table, each with its own {@code where}) a change of this table feeds. */
    public List<PartSpec> partsOf(Origin origin) {
        return partsByTable.getOrDefault(origin.schema() + "." + origin.table(), List.of());
    }

    /** Whether the change is of a table the spec reads at all. */
    public boolean reads(Origin origin) {
        return isRoot(origin) || !partsOf(origin).isEmpty();
    }

    /** The key of the aggregate a root change is about (from the after row, or the before row of a delete). */
    public AggregateKey rootKey(Row row) {
        return key(row, spec.root().keyColumns());
    }

    /**
     * The key of the aggregate a part row links to ({@code null} when the row has no link columns or they are null:
     * a key-only before image, say).
     */
    public AggregateKey linkedKey(Row row, PartSpec part) {
        if (row == null || part.link().stream().anyMatch(c -> !row.has(c) || row.isNull(c))) {
            return null;
        }
        return key(row, part.link());
    }

    /**
     * The key text of the row a reference part points at from this root row ({@code null} when a via column is null
     * or absent: it points at nothing).
     */
    public String referencedKey(Row rootRow, PartSpec reference) {
        if (rootRow == null || reference.via().stream().anyMatch(c -> !rootRow.has(c) || rootRow.isNull(c))) {
            return null;
        }
        return rowKey(rootRow, reference.via(), reference.rows(), reference.rows().keyColumns());
    }

    /** The key text of a part row (its own key columns), e.g. for the owner index. */
    public String partRowKey(Row row, PartSpec part) {
        return rowKey(row, part.rows().keyColumns(), part.rows(), part.rows().keyColumns());
    }

    private AggregateKey key(Row row, List<String> columns) {
        List<Object> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            values.add(rootProjector.keyValue(row, columns.get(i), keyFields.get(i)));
        }
        return AggregateKey.of(values, spec.keySeparator());
    }

    /**
     * A row key's text: each column's value read as the field that maps it in {@code table} (so a JDBC read and a
     * Debezium read give the same text), else its plain text.
     */
    private String rowKey(Row row, List<String> columns, TableSpec table, List<String> tableColumns) {
        List<Object> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            Optional<FieldSpec> mapped = table.fieldOfColumn(tableColumns.get(i));
            if (mapped.isPresent() && !mapped.get().array()) {
                values.add(rootProjector.keyValue(row, column, mapped.get()));
            } else {
                if (row == null || !row.has(column) || row.isNull(column)) {
                    throw new UntranslatableException(RejectionKind.MISSING_KEY, column, "missing key: column "
                            + column + (row != null && row.has(column) ? " is null" : " is not in the row"));
                }
                values.add(plain(row.value(column)));
            }
        }
        return AggregateKey.text(values, spec.keySeparator());
    }

    private static Object plain(Object value) {
        return switch (value) {
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case BigInteger b -> b.toString();
            case BigDecimal d -> d.stripTrailingZeros().toPlainString();
            default -> value;
        };
    }

    /** Columns of the change's row that the spec does not know: the legacy schema gained them (count, ignore). */
    public java.util.Set<String> newColumns(Change change) {
        Row row = change.current();
        if (isRoot(change.origin())) {
            return rootProjector.newColumns(row);
        }
        List<PartSpec> parts = partsOf(change.origin());
        return parts.isEmpty() ? java.util.Set.of() : partProjectors.get(parts.get(0).name()).newColumns(row);
    }

    /**
     * The translated root fields of one legacy root row alone, whether it came from Debezium or JDBC: backfill and
     * reconciliation use this so that history and live changes are translated the same way.
     *
     * @throws UntranslatableException naming the column and value when the row cannot be translated
     */
    public FieldValues project(Row rootRow) {
        return projectRoot(rootRow, null);
    }

    /** The translated fields of one part row alone. */
    public FieldValues projectPart(PartSpec part, Row row) {
        return partProjectors.get(part.name()).projectValues(row, null);
    }

    /**
     * A reference the aggregate starts or stops following: the runtime keeps the index of which aggregates follow which
     * referenced row, and hands a followed row's changes to each of them.
     *
     * @param follow {@code true}: start (send me the row's current state and its changes); {@code false}: stop
     */
    public record Subscription(String part, String referencedKey, boolean follow) {
        public Subscription {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(referencedKey, "referencedKey");
        }
    }

    /**
     * What {@link #apply} makes of a change: the result, the aggregate to store ({@code null}: unchanged) and the
     * references it starts or stops following.
     */
    public record Step(TranslationResult<DomainEvent> result, Aggregate next, List<Subscription> subscriptions) {
        public Step {
            Objects.requireNonNull(result, "result");
            subscriptions = List.copyOf(subscriptions == null ? List.of() : subscriptions);
        }

        Step(TranslationResult<DomainEvent> result, Aggregate next) {
            this(result, next, List.of());
        }

        Step with(List<Subscription> more) {
            if (more.isEmpty()) {
                return this;
            }
            List<Subscription> all = new ArrayList<>(subscriptions);
            all.addAll(more);
            return new Step(result, next, all);
        }
    }

    /**
     * Applies one change of any of the aggregate's tables (the root, a part, or a row one of its references points at)
     * to the aggregate.
     *
     * @param key     the aggregate the change belongs to (the runtime found it; a part row that moved to another
     *                aggregate is applied to its old one too and leaves it there)
     * @param current the stored aggregate, or {@code null} if none
     */
    public Step apply(Change change, AggregateKey key, Aggregate current) {
        Aggregate aggregate = current != null ? current : Aggregate.empty(key);
        try {
            if (isRoot(change.origin())) {
                return applyRoot(change, key, aggregate);
            }
            List<PartSpec> parts = partsOf(change.origin());
            if (parts.isEmpty()) {
                return new Step(new Reject<>("the " + spec.name() + " translation does not read "
                        + change.origin().schema() + "." + change.origin().table()), null);
            }
            if (parts.get(0).isReference()) {
                return applyReferenced(parts, change, key, aggregate);
            }
            return applyParts(parts, change, key, aggregate);
        } catch (UntranslatableException e) {
            return new Step(new Reject<>(e.getMessage() + " (" + spec.aggregate() + " " + key.text() + ", "
                    + change.origin() + " at " + change.position() + ")", e.kind()), null);
        }
    }

    private Step applyRoot(Change change, AggregateKey key, Aggregate aggregate) {
        if (aggregate.rootPosition() != null && !change.position().isAfter(aggregate.rootPosition())) {
            if (change.restate()) {
                return publish(change, aggregate, false); // the row stands; re-state what the aggregate holds
            }
            return new Step(Skip.duplicate("duplicate: position " + change.position() + " of " + spec.aggregate()
                    + " " + key.text() + " is not after its last " + aggregate.rootPosition()), null);
        }
        boolean deleted = change.operation() == Operation.DELETE || rootProjector.softDeleted(change.after());
        FieldValues root = deleted ? null : projectRoot(change.after(), aggregate.root());
        if (root != null) {
            for (int i = 0; i < keyFields.size(); i++) {
                if (!key.values().get(i).equals(root.get(keyFields.get(i).field()))) {
                    throw new IllegalArgumentException("change of " + rootKey(change.after()) + " applied to " + key);
                }
            }
        }
        Aggregate next = aggregate.withRoot(root, change.position());
        List<Subscription> subscriptions = new ArrayList<>();
        for (PartSpec part : spec.parts()) {
            if (!part.isReference()) {
                continue;
            }
            String was = aggregate.references().get(part.name());
            String now = deleted ? null : referencedKey(change.after(), part);
            if (!Objects.equals(was, now)) {
                if (was != null) {
                    subscriptions.add(new Subscription(part.name(), was, false));
                }
                if (now != null) {
                    subscriptions.add(new Subscription(part.name(), now, true));
                }
                next = next.withReference(part.name(), now);
            }
        }
        return publish(change, next, deleted).with(subscriptions);
    }

    private Step applyParts(List<PartSpec> parts, Change change, AggregateKey key, Aggregate aggregate) {
        Aggregate next = aggregate;
        boolean applied = false;
        String duplicateOf = null;
        for (PartSpec part : parts) {
            String rowKey = partRowKey(change.current(), part);
            Aggregate.PartRow last = next.part(part.name(), rowKey);
            if (last != null && !change.position().isAfter(last.position())) {
                duplicateOf = part.name() + " " + rowKey + " (last " + last.position() + ")";
                continue;
            }
            FieldValues values = null;
            RowProjector projector = partProjectors.get(part.name());
            Row after = change.after();
            if (change.operation() != Operation.DELETE && !projector.softDeleted(after)
                    && key.equals(linkedKey(after, part)) && RowProjector.matches(part, after)) {
                values = projector.projectValues(after, last == null ? null : last.values());
            }
            next = next.withPart(part.name(), rowKey, new Aggregate.PartRow(values, change.position()));
            applied = true;
        }
        if (!applied) {
            if (change.restate()) {
                return publish(change, aggregate, false);
            }
            return new Step(Skip.duplicate("duplicate: position " + change.position() + " of " + duplicateOf
                    + " of " + spec.aggregate() + " " + key.text()), null);
        }
        return publish(change, next, false);
    }

    private Step applyReferenced(List<PartSpec> parts, Change change, AggregateKey key, Aggregate aggregate) {
        Aggregate next = aggregate;
        boolean applied = false;
        String why = null;
        for (PartSpec part : parts) {
            String refKey = partRowKey(change.current(), part);
            if (!refKey.equals(aggregate.references().get(part.name()))) {
                why = spec.aggregate() + " " + key.text() + " does not point at " + part.rows().table() + " "
                        + refKey + " (now)";
                continue;
            }
            Aggregate.PartRow last = next.part(part.name(), refKey);
            if (last != null && !change.position().isAfter(last.position())) {
                why = "duplicate: position " + change.position() + " of " + part.name() + " " + refKey
                        + " is not after its last " + last.position();
                continue;
            }
            RowProjector projector = partProjectors.get(part.name());
            FieldValues values = null;
            if (change.operation() != Operation.DELETE && !projector.softDeleted(change.after())
                    && RowProjector.matches(part, change.after())) {
                values = projector.projectValues(change.after(), last == null ? null : last.values());
            }
            next = next.withPart(part.name(), refKey, new Aggregate.PartRow(values, change.position()));
            applied = true;
        }
        if (!applied) {
            if (change.restate()) {
                return publish(change, aggregate, false);
            }
            return new Step(why != null && why.startsWith("duplicate") ? Skip.duplicate(why) : new Skip<>(why),
                    null);
        }
        return publish(change, next, false);
    }

    /**
     * Compares the new full state with the published one and names the event, if any; for a restate change, publishes
     * the current state where an ordinary change would publish nothing.
     */
    private Step publish(Change change, Aggregate next, boolean rootDeleted) {
        String key = next.key().text();
        Aggregate.Published published = next.published();
        boolean live = published != null && !published.removed();
        AggregateState state = state(next);
        if (state == null) {
            if (change.restate() && published != null && published.removed()) {
                return emit(change, next, rule(Trigger.REMOVED, List.of(), null), null, List.of(), null);
            }
            if (!rootDeleted) {
                return new Step(new Skip<>(live ? spec.aggregate() + " " + key + " has no root row"
                        : "part of " + spec.aggregate() + " " + key + " kept until its root row arrives"), next);
            }
            if (published != null && published.removed()) {
                return new Step(new Skip<>(spec.aggregate() + " " + key + " is already removed"), next);
            }
            return emit(change, next, rule(Trigger.REMOVED, List.of(), null), null, List.of(), null);
        }
        if (!live) {
            return emit(change, next, rule(Trigger.REGISTERED, allFields, state), state, allFields, null);
        }
        List<String> changed = state.changedFrom(published.state());
        if (changed.isEmpty()) {
            if (change.restate()) {
                return emit(change, next, restatement, state, List.of(), published.state());
            }
            return new Step(new Skip<>(change.operation() == Operation.READ
                    ? "snapshot read of " + spec.aggregate() + " " + key + " matches the published state"
                    : "no mapped column of " + spec.aggregate() + " " + key + " changed"), next);
        }
        EventRule rule = rule(Trigger.CHANGED, changed, state);
        if (rule == null) {
            if (change.restate()) {
                return emit(change, next, restatement, state, changed, published.state());
            }
            return new Step(new Skip<>("no event rule for a change of " + changed + " of " + spec.aggregate() + " "
                    + key), next);
        }
        return emit(change, next, rule, state, changed, published.state());
    }

    private EventRule rule(Trigger trigger, List<String> changed, AggregateState state) {
        for (EventRule rule : spec.events()) {
            if (rule.on() != trigger) {
                continue;
            }
            if (trigger == Trigger.CHANGED && !rule.fields().isEmpty()
                    && changed.stream().noneMatch(rule.fields()::contains)) {
                continue;
            }
            if (state != null && !rule.when().entrySet().stream()
                    .allMatch(w -> w.getValue().equals(text(state.value(w.getKey()))))) {
                continue;
            }
            return rule;
        }
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private Step emit(Change change, Aggregate next, EventRule rule, AggregateState state, List<String> changed,
            AggregateState before) {
        if (rule == null) {
            return new Step(new Skip<>("no event rule for this change of " + spec.aggregate() + " "
                    + next.key().text()), next);
        }
        Aggregate.Published published = next.published();
        SourcePosition position = change.position();
        if (published != null && !position.isAfter(published.position())) {
            try {
                position = published.position().nextRevision();
            } catch (IllegalStateException e) {
                throw new UntranslatableException(RejectionKind.REJECTED, null, e.getMessage());
            }
        }
        String ceType = spec.cloudEventType(rule.type());
        UUID id = change.restate()
                ? restatementEventId(change.origin(), change.position(), position, next.key(), ceType, row(change))
                : eventId(change.origin(), change.position(), next.key(), ceType, row(change));
        Map<String, Object> previous = new LinkedHashMap<>();
        if (before != null) {
            for (String field : rule.previous()) {
                previous.put(EventRule.previousName(field), before.root().get(field));
            }
        }
        Instant time = change.commitTime();
        DomainEvent event = new DomainEvent(id, rule.type(), next.key(), position, time, state, changed, previous);
        return new Step(new Emit<>(List.of(event)), next.withPublished(new Aggregate.Published(state, position,
                id.toString())));
    }

    /** The full state: the root row with its parts; {@code null} without a root row. */
    AggregateState state(Aggregate aggregate) {
        if (aggregate.root() == null) {
            return null;
        }
        Comparator<String> byKey = (a, b) -> AggregateKey.compareTexts(a, b, spec.keySeparator());
        Map<String, Object> parts = new LinkedHashMap<>();
        for (PartSpec part : spec.parts()) {
            Object value = switch (part.collect()) {
                case ONE -> {
                    var members = aggregate.members(part.name(), byKey);
                    yield members.isEmpty() ? null : members.lastEntry().getValue();
                }
                case LIST -> list(aggregate, part, byKey);
                case COUNT -> aggregate.memberCount(part.name());
                case EXISTS -> aggregate.memberCount(part.name()) > 0;
                case REFERENCE -> {
                    String refKey = aggregate.references().get(part.name());
                    Aggregate.PartRow row = refKey == null ? null : aggregate.part(part.name(), refKey);
                    yield row == null ? null : row.values();
                }
            };
            parts.put(part.name(), value);
        }
        return new AggregateState(aggregate.root(), parts);
    }

    private static List<FieldValues> list(Aggregate aggregate, PartSpec part, Comparator<String> byKey) {
        List<Map.Entry<String, FieldValues>> items = new ArrayList<>(aggregate.members(part.name(), byKey)
                .entrySet());
        if (!part.orderBy().isEmpty()) {
            Comparator<Map.Entry<String, FieldValues>> order = (a, b) -> 0;
            for (String field : part.orderBy()) {
                order = order.thenComparing(e -> e.getValue().get(field), AggregateTranslation::compareValues);
            }
            items.sort(order.thenComparing(Map.Entry::getKey, byKey)); // stable: ties by row key
        }
        return items.stream().map(Map.Entry::getValue).toList();
    }

    /** Nulls last; values of one declared type compare naturally; anything else by text. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    /**
     * The changed row's own key when it is not the root row ({@code null} for a root change): part of the event id,
     * because rows of one table can share a source position (every row of an initial snapshot is read at the
     * snapshot's LSN) and each of them is its own change.
     */
    private String row(Change change) {
        if (isRoot(change.origin())) {
            return null;
        }
        List<PartSpec> parts = partsOf(change.origin());
        return parts.isEmpty() ? null : partRowKey(change.current(), parts.get(0));
    }

    /**
     * The deterministic event id: a name-based UUID over the translation name, the raw topic, the source position of
     * the change, the aggregate key and the CloudEvents type — and for a change of a part or referenced row, that row's
     * key ({@code |row:<key>}). The same source change always yields the same id, two changes never one.
     */
    public UUID eventId(Origin origin, SourcePosition position, AggregateKey key, String cloudEventType,
            String partRowKey) {
        return NameBasedUuid.of(spec.name() + "|" + origin.rawTopic() + "|" + position.format() + "|" + key.text()
                + "|" + cloudEventType + (partRowKey == null ? "" : "|row:" + partRowKey));
    }

    /** The id of an event of a change of the root row ({@link #eventId(Origin, SourcePosition, AggregateKey,
     * String, String)} without a part row). */
    public UUID eventId(Origin origin, SourcePosition position, AggregateKey key, String cloudEventType) {
        return eventId(origin, position, key, cloudEventType, null);
    }

    /**
     * The deterministic event id of a re-statement: like {@link #eventId}, plus the position the event was stamped
     * with, so re-stating the same (unchanged) aggregate twice yields two ids that a consumer's inbox does not mistake
     * for one event, while the same re-drive record applied to the same aggregate still yields the same id.
     */
    public UUID restatementEventId(Origin origin, SourcePosition sourcePosition, SourcePosition stamped,
            AggregateKey key, String cloudEventType, String partRowKey) {
        return NameBasedUuid.of(spec.name() + "|" + origin.rawTopic() + "|" + sourcePosition.format() + "|"
                + key.text() + "|" + cloudEventType + (partRowKey == null ? "" : "|row:" + partRowKey)
                + "|restate@" + stamped.format());
    }

    /** The re-statement id of a root row's re-drive read. */
    public UUID restatementEventId(Origin origin, SourcePosition sourcePosition, SourcePosition stamped,
            AggregateKey key, String cloudEventType) {
        return restatementEventId(origin, sourcePosition, stamped, key, cloudEventType, null);
    }

    private FieldValues projectRoot(Row row, FieldValues known) {
        return rootProjector.projectValues(row, known);
    }
}
