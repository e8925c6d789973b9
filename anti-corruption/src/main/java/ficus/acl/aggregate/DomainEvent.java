package ficus.acl.aggregate;

import ficus.acl.translation.SourcePosition;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One published domain event of any translation: its deterministic id, the event type the spec's rule named
 * ({@code OrderPlaced}), the aggregate's key, the source position (monotonic per aggregate), the legacy commit time,
 * the full state after the change ({@code null} when the aggregate was removed), the fields that changed, and the
 * previous values the rule asked for ({@code previousStatus}).
 */
public record DomainEvent(UUID eventId, String type, AggregateKey key, SourcePosition position, Instant commitTime,
        AggregateState state, List<String> changed, Map<String, Object> previous) {

    public DomainEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(commitTime, "commitTime");
        changed = List.copyOf(changed);
        previous = Collections.unmodifiableMap(new LinkedHashMap<>(previous == null ? Map.of() : previous));
    }

    /** Whether the event removes the aggregate (no state). */
    public boolean removed() {
        return state == null;
    }
}
