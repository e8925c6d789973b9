package ficus.kit.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import ficus.kit.event.Position;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event a component publishes about its own aggregate, in the Ficus envelope (CloudEvents 1.0 binary mode, as on
 * every domain topic). The outbox connector turns it into a Kafka record on {@link #topic} with key {@link #subject}.
 *
 * @param id       {@code ce_id}: make it deterministic ({@link #deterministicId}) so a re-application cannot
 *                 publish twice
 * @param topic    the component's own topic, {@code <component>.<aggregate>.v<N>}
 * @param type     {@code ce_type}, {@code <component>.<Aggregate><PastTenseVerb>.v<N>}
 * @param source   {@code ce_source}, {@code ficus://<component>/<aggregate>}
 * @param subject  {@code ce_subject} and the record key: the aggregate id
 * @param time     {@code ce_time}: when it happened (for a derived event, the legacy commit time of its cause)
 * @param position {@code ce_ficusposition}: monotonic per aggregate (for a derived event, the position of its cause)
 * @param data     the JSON data
 */
public record OutboxEvent(String id, String topic, String type, String source, String subject, Instant time,
                          String position, JsonNode data) {

    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        Position.parse(position);
    }

    /** A name-based UUID over the parts: the same cause always yields the same id. */
    public static String deterministicId(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
