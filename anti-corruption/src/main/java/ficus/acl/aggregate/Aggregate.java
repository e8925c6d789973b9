package ficus.acl.aggregate;

import ficus.acl.translation.SourcePosition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the layer remembers about one aggregate between changes, whichever table they come from: the root row's
 * fields and the source position of its last change, every part row seen with its last source position, the rows its
 * references point at, and what was last published. The runtime keeps one per aggregate in a state store keyed by
 * {@link AggregateKey#text()}; {@link AggregateTranslation#apply} returns the next one.
 *
 * <p>Duplicates are judged per row (a change at or before the last position of <em>that</em> row is a replay), and
 * the published position per aggregate (a part older than the aggregate is stamped with the next revision of the last
 * published position).
 *
 * @param root         the root row's fields; {@code null} before the row is seen or after it was deleted
 * @param rootPosition source position of the last change of the root row; {@code null} if never seen
 * @param parts        part name → part row key text → row (for a reference: the referenced row's key text)
 * @param references   reference part name → key text of the row the root row points at now
 * @param published    what was last published; {@code null} if nothing yet
 */
public record Aggregate(AggregateKey key, FieldValues root, SourcePosition rootPosition,
        Map<String, Map<String, PartRow>> parts, Map<String, String> references, Published published) {

    public Aggregate {
        Objects.requireNonNull(key, "key");
        Map<String, Map<String, PartRow>> copy = new LinkedHashMap<>();
        (parts == null ? Map.<String, Map<String, PartRow>>of() : parts)
                .forEach((name, rows) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(rows))));
        parts = Collections.unmodifiableMap(copy);
        references = Map.copyOf(references == null ? Map.of() : references);
    }

    /**
     * One row of a part as last seen.
     *
     * @param values its mapped fields; {@code null} when it no longer belongs to the part (deleted, filtered out by
     *               the part's {@code where}, moved to another aggregate)
     */
    public record PartRow(FieldValues values, SourcePosition position) {
        public PartRow {
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * What was last published.
     *
     * @param state       the published state; {@code null} once removed
     * @param lastEventId the id of the last published event
     */
    public record Published(AggregateState state, SourcePosition position, String lastEventId) {
        public Published {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(lastEventId, "lastEventId");
        }

        public boolean removed() {
            return state == null;
        }
    }

    public static Aggregate empty(AggregateKey key) {
        return new Aggregate(key, null, null, Map.of(), Map.of(), null);
    }

    public PartRow part(String name, String rowKey) {
        return parts.getOrDefault(name, Map.of()).get(rowKey);
    }

    /** The rows of a part that belong to it, by row key text (ordered as {@code comparator} says). */
    public TreeMap<String, FieldValues> members(String name, java.util.Comparator<String> comparator) {
        TreeMap<String, FieldValues> members = new TreeMap<>(comparator);
        parts.getOrDefault(name, Map.of()).forEach((key, row) -> {
            if (row.values() != null) {
                members.put(key, row.values());
            }
        });
        return members;
    }

    /** How many rows of a part belong to it (without ordering them). */
    public long memberCount(String name) {
        return parts.getOrDefault(name, Map.of()).values().stream().filter(row -> row.values() != null).count();
    }

    Aggregate withRoot(FieldValues newRoot, SourcePosition position) {
        return new Aggregate(key, newRoot, position, parts, references, published);
    }

    Aggregate withPart(String name, String rowKey, PartRow row) {
        Map<String, Map<String, PartRow>> next = new LinkedHashMap<>(parts);
        Map<String, PartRow> rows = new LinkedHashMap<>(parts.getOrDefault(name, Map.of()));
        rows.put(rowKey, row);
        next.put(name, rows);
        return new Aggregate(key, root, rootPosition, next, references, published);
    }

    /** Points reference {@code name} at {@code refKey} ({@code null}: at nothing), forgetting rows it left. */
    Aggregate withReference(String name, String refKey) {
        Map<String, String> nextReferences = new LinkedHashMap<>(references);
        Map<String, Map<String, PartRow>> nextParts = new LinkedHashMap<>(parts);
        if (refKey == null) {
            nextReferences.remove(name);
            nextParts.remove(name);
        } else {
            nextReferences.put(name, refKey);
            PartRow kept = part(name, refKey);
            nextParts.put(name, kept == null ? Map.of() : Map.of(refKey, kept));
        }
        return new Aggregate(key, root, rootPosition, nextParts, nextReferences, published);
    }

    Aggregate withPublished(Published next) {
        return new Aggregate(key, root, rootPosition, parts, references, next);
    }
}
