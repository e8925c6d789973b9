package ficus.acl.customer;

import ficus.acl.translation.SourcePosition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the layer remembers about one customer between changes, whichever table they come from: the customer
 * row's own fields and the source position of its last change, every part row seen (home address candidates, leads)
 * with its last source position, and what was last published. The runtime keeps one per customer in a state store
 * keyed by customer id; {@link CustomerTranslation#apply} returns the next one.
 *
 * <p>Duplicates are judged per row (a change at or before the last position of <em>that</em> row is a replay), and
 * the published position per aggregate (see {@link SourcePosition}: a part older than the aggregate is stamped with
 * the next revision of the last published position).
 *
 * @param root         the customer row's fields (no address, no leads); {@code null} before the row is seen or after it
 *                     was deleted
 * @param rootPosition source position of the last change of the customer row; {@code null} if never seen
 * @param parts        part name → part row key → row
 * @param published    the last published event's snapshot; {@code null} if nothing was published yet
 */
public record CustomerAggregate(long customerId, CustomerState root, SourcePosition rootPosition,
        Map<String, Map<Long, PartRow>> parts, CustomerSnapshot published) {

    public CustomerAggregate {
        Map<String, Map<Long, PartRow>> copy = new LinkedHashMap<>();
        (parts == null ? Map.<String, Map<Long, PartRow>>of() : parts)
                .forEach((name, rows) -> copy.put(name, Map.copyOf(rows)));
        parts = Map.copyOf(copy);
    }

    /**
     * One row of a part as last seen.
     *
     * @param values its mapped fields as text; {@code null} when it no longer belongs to the part (deleted, filtered
     *               out by the part's {@code where}, moved to another customer)
     */
    public record PartRow(Map<String, String> values, SourcePosition position) {
        public PartRow {
            Objects.requireNonNull(position, "position");
            values = values == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    public static CustomerAggregate empty(long customerId) {
        return new CustomerAggregate(customerId, null, null, Map.of(), null);
    }

    /** The aggregate a root-only translation remembered: its last published snapshot. */
    public static CustomerAggregate fromSnapshot(CustomerSnapshot snapshot) {
        CustomerState root = snapshot.state() == null ? null : snapshot.state().withParts(null, null);
        return new CustomerAggregate(snapshot.customerId(), root, snapshot.position(), Map.of(), snapshot);
    }

    public PartRow part(String name, long key) {
        return parts.getOrDefault(name, Map.of()).get(key);
    }

    /** The rows of a part that belong to it, by key (ascending). */
    public TreeMap<Long, Map<String, String>> members(String name) {
        TreeMap<Long, Map<String, String>> members = new TreeMap<>();
        parts.getOrDefault(name, Map.of()).forEach((key, row) -> {
            if (row.values() != null) {
                members.put(key, row.values());
            }
        });
        return members;
    }

    CustomerAggregate withRoot(CustomerState newRoot, SourcePosition position) {
        return new CustomerAggregate(customerId, newRoot, position, parts, published);
    }

    CustomerAggregate withPart(String name, long key, PartRow row) {
        Map<String, Map<Long, PartRow>> next = new LinkedHashMap<>(parts);
        Map<Long, PartRow> rows = new LinkedHashMap<>(parts.getOrDefault(name, Map.of()));
        rows.put(key, row);
        next.put(name, rows);
        return new CustomerAggregate(customerId, root, rootPosition, next, published);
    }

    CustomerAggregate withPublished(CustomerSnapshot snapshot) {
        return new CustomerAggregate(customerId, root, rootPosition, parts, snapshot);
    }
}
