package ficus.acl.dlq;

/**
 * One dead letter as {@code ficus dlq show} prints it.
 *
 * @param key                the original record key as text (UTF-8), or {@code null}
 * @param reason             why it was rejected ({@code ficus_dlq_reason})
 * @param kind               the reason's category ({@code ficus_dlq_reason_kind}: MALFORMED, MISSING_KEY, UNKNOWN_CODE,
 *                           SCHEMA_DRIFT, REJECTED)
 * @param sourceTopic        the raw topic it was read from
 * @param translationVersion the version of the spec that rejected it
 * @param value              the original value as text (UTF-8)
 * @param dlqPartition       where the dead letter itself is
 */
public record DeadLetter(String key, String reason, String kind, String sourceTopic, int sourcePartition,
        long sourceOffset, String translation, String translationVersion, String value, int dlqPartition,
        long dlqOffset) {
}
