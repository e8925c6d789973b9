package ficus.kit.deadletter;

/**
 * The headers the kit adds to a record it dead-letters (values UTF-8 strings). The original key, value and headers are
 * kept as they were.
 */
public final class DeadLetterHeaders {

    /** Why the record was dead-lettered, one line. */
    public static final String REASON = "ficus_dlq_reason";
    /** {@code poison} (not readable as an event), {@code unusable} (the handler refused it), {@code failed} (attempts used up). */
    public static final String KIND = "ficus_dlq_kind";
    public static final String SOURCE_TOPIC = "ficus_dlq_source_topic";
    public static final String SOURCE_PARTITION = "ficus_dlq_source_partition";
    public static final String SOURCE_OFFSET = "ficus_dlq_source_offset";
    public static final String COMPONENT = "ficus_dlq_component";
    public static final String ATTEMPTS = "ficus_dlq_attempts";
    /** The exception class of the last failure, when there was one. */
    public static final String EXCEPTION = "ficus_dlq_exception";
    public static final String DEAD_LETTERED_AT = "ficus_dlq_time";

    private DeadLetterHeaders() {
    }
}
