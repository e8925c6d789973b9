package ficus.acl.runtime;

import ficus.acl.customer.CustomerTranslation;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers a dead letter carries on top of the original record's headers (UTF-8 text). */
public final class DeadLetterHeaders {

    public static final String REASON = "ficus_dlq_reason";
    public static final String SOURCE_TOPIC = "ficus_dlq_source_topic";
    public static final String SOURCE_PARTITION = "ficus_dlq_source_partition";
    public static final String SOURCE_OFFSET = "ficus_dlq_source_offset";
    public static final String TRANSLATION = "ficus_dlq_translation";
    public static final String TRANSLATION_VERSION = "ficus_dlq_translation_version";

    private DeadLetterHeaders() {
    }

    /** A copy of {@code original} plus the dead letter headers. */
    static Headers of(Headers original, String reason, String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders(original == null ? null : original.toArray());
        CloudEventHeaders.add(headers, REASON, reason);
        CloudEventHeaders.add(headers, SOURCE_TOPIC, topic);
        CloudEventHeaders.add(headers, SOURCE_PARTITION, Integer.toString(partition));
        CloudEventHeaders.add(headers, SOURCE_OFFSET, Long.toString(offset));
        CloudEventHeaders.add(headers, TRANSLATION, CustomerTranslation.NAME);
        CloudEventHeaders.add(headers, TRANSLATION_VERSION, Integer.toString(CustomerTranslation.VERSION));
        return headers;
    }
}
