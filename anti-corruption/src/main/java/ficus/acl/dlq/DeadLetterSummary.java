package ficus.acl.dlq;

import java.util.Map;

/**
 * What {@code ficus dlq list} prints.
 *
 * @param byKind   dead letters per reason kind (MALFORMED, MISSING_KEY, UNKNOWN_CODE, SCHEMA_DRIFT, REJECTED)
 * @param total    all dead letters in the topic
 * @param pending  those not yet replayed (after the replay consumer group's committed offsets)
 */
public record DeadLetterSummary(Map<String, Long> byKind, long total, long pending) {
    public DeadLetterSummary {
        byKind = Map.copyOf(byKind);
    }
}
