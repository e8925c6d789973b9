package ficus.acl.runtime;

import ficus.acl.translation.RejectionKind;
import java.util.List;
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
    /** The category of the reason ({@link RejectionKind} name): what {@code DeadLetters.list} counts by. */
    public static final String REASON_KIND = "ficus_dlq_reason_kind";
    /** On a record re-published by {@code DeadLetters.replay}: the original raw topic, partition and offset. */
    public static final String REPLAY_SOURCE_TOPIC = "ficus_replay_source_topic";
    public static final String REPLAY_SOURCE_PARTITION = "ficus_replay_source_partition";
    public static final String REPLAY_SOURCE_OFFSET = "ficus_replay_source_offset";
    /** On a replayed record: the dead letter it came from ({@code <dlq topic>-<partition>@<offset>}). */
    public static final String REPLAY_OF = "ficus_replay_of";

    /** The headers a dead letter adds; a replay strips them before re-publishing. */
    public static final List<String> ALL = List.of(REASON, SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET, TRANSLATION,
            TRANSLATION_VERSION, REASON_KIND, REPLAY_SOURCE_TOPIC, REPLAY_SOURCE_PARTITION, REPLAY_SOURCE_OFFSET,
            REPLAY_OF);

    private DeadLetterHeaders() {
    }

    /** A copy of {@code original} (its own dead-letter headers dropped) plus the dead letter headers. */
    static Headers of(Headers original, String reason, RejectionKind kind, String topic, int partition, long offset,
            String translation, int version) {
        RecordHeaders headers = new RecordHeaders();
        if (original != null) {
            original.forEach(h -> {
                if (!ALL.contains(h.key())) {
                    headers.add(h);
                }
            });
        }
        CloudEventHeaders.add(headers, REASON_KIND, kind.name());
        CloudEventHeaders.add(headers, REASON, reason);
        CloudEventHeaders.add(headers, SOURCE_TOPIC, topic);
        CloudEventHeaders.add(headers, SOURCE_PARTITION, Integer.toString(partition));
        CloudEventHeaders.add(headers, SOURCE_OFFSET, Long.toString(offset));
        CloudEventHeaders.add(headers, TRANSLATION, translation);
        CloudEventHeaders.add(headers, TRANSLATION_VERSION, Integer.toString(version));
        return headers;
    }
}
