package ficus.kit.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One domain event as a component receives it: the CloudEvents attributes from the {@code ce_*} headers, the JSON
 * data, and where it was read from. Built by {@link EnvelopeReader}, which rejects records that lack a required
 * attribute.
 *
 * @param id        {@code ce_id}, deterministic: the same source change always has the same id
 * @param type      {@code ce_type}, e.g. {@code crm.CustomerStatusChanged.v1}
 * @param source    {@code ce_source}, e.g. {@code ficus://legacy/customer}
 * @param subject   {@code ce_subject}, the aggregate id
 * @param time      {@code ce_time}, the legacy commit time
 * @param position  {@code ce_ficusposition}, monotonic per aggregate; see {@link Position}
 * @param data      the record value parsed as JSON
 */
public record EventEnvelope(String id, String type, String source, String subject, Instant time, String position,
                            JsonNode data, String topic, int partition, long offset) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(data, "data");
        Position.parse(position);
    }

    /** The position, parsed; ordering between events of one aggregate uses this. */
    public Position sourcePosition() {
        return Position.parse(position);
    }

    /** Where this event was read from, for logs: {@code topic/partition@offset}. */
    public String coordinates() {
        return topic + "/" + partition + "@" + offset;
    }
}
