package ficus.kit.consume;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.DSLContext;

/**
 * What a component subscribes to: one domain topic, read in the consumer group named after the component, with one
 * handler per event type. Build it, then {@link #start(String, DSLContext)} it.
 *
 * <pre>{@code
 * ComponentConsumer consumer = Subscription.to("crm.customer.v1").as("customer-status")
 *         .on("crm.CustomerStatusChanged.v1", CustomerChange.class, d -> write(d.tx(), d.data()))
 *         .listener(myListener)
 *         .start(bootstrapServers, dsl);
 * }</pre>
 *
 * Event types without a handler are skipped (reported to the listener), never failed: a new event type on a topic
 * must not stop an old component.
 */
public final class Subscription {

    final String topic;
    String component;
    final Map<String, Route<?>> routes = new LinkedHashMap<>();
    ApplyListener listener = ApplyListener.NONE;
    Clock clock = Clock.systemUTC();
    Duration pollTimeout = Duration.ofMillis(500);
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    String deadLetterTopic;
    MeterRegistry meterRegistry;
    final Map<String, Object> consumerOverrides = new LinkedHashMap<>();
    ObjectMapper mapper = defaultObjectMapper();

    /**
     * The mapper that turns event data into handler records unless {@link #objectMapper} says otherwise: java.time
     * support, unknown properties ignored (a new field in a contract version must not break an old reader).
     */
    public static ObjectMapper defaultObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** A type's handler; {@code batch} when it came from {@link #onBatch} ({@code handler} then wraps it). */
    record Route<T>(String type, Class<T> dataType, EventHandler<T> handler, BatchHandler<T> batch) {
    }

    private Subscription(String topic) {
        this.topic = requireText(topic, "topic");
    }

    public static Subscription to(String topic) {
        return new Subscription(topic);
    }

    /** The component's name: its consumer group id and the prefix of its client ids. */
    public Subscription as(String componentName) {
        this.component = requireText(componentName, "component name");
        return this;
    }

    /** Handles events of {@code ceType} with their data as a JSON tree. */
    public Subscription on(String ceType, EventHandler<JsonNode> handler) {
        return on(ceType, JsonNode.class, handler);
    }

    /**
     * Handles events of {@code ceType} with their data mapped to {@code dataType} (unknown properties are ignored).
     * An event whose data does not map is a poison event.
     */
    public <T> Subscription on(String ceType, Class<T> dataType, EventHandler<T> handler) {
        requireUnrouted(ceType);
        routes.put(ceType, new Route<>(ceType, Objects.requireNonNull(dataType), Objects.requireNonNull(handler),
                null));
        return this;
    }

    /**
     * Handles events of every type in {@code ceTypes} with one {@link BatchHandler}: the events of a poll that route to
     * it arrive together, in order, so the handler can write them with a statement or two instead of a round trip per
     * event. Data is mapped to {@code dataType} as for {@link #on(String, Class, EventHandler)}.
     */
    public <T> Subscription onBatch(java.util.Collection<String> ceTypes, Class<T> dataType, BatchHandler<T> handler) {
        Objects.requireNonNull(handler);
        Objects.requireNonNull(dataType);
        if (ceTypes.isEmpty()) {
            throw new IllegalArgumentException("a batch handler needs at least one event type");
        }
        ceTypes.forEach(this::requireUnrouted);
        EventHandler<T> one = d -> handler.apply(d.tx(), java.util.List.of(d));
        for (String ceType : ceTypes) {
            routes.put(ceType, new Route<>(ceType, dataType, one, handler));
        }
        return this;
    }

    public Subscription listener(ApplyListener listener) {
        this.listener = listener == null ? ApplyListener.NONE : listener;
        return this;
    }

    /** The clock that stamps {@code applied_at}; the system UTC clock unless a test says otherwise. */
    public Subscription clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    public Subscription pollTimeout(Duration pollTimeout) {
        this.pollTimeout = Objects.requireNonNull(pollTimeout);
        return this;
    }

    /** The longest wait between two attempts to apply an event whose transaction failed. */
    public Subscription maxBackoff(Duration maxBackoff) {
        this.retryPolicy = retryPolicy.withMaxBackoff(Objects.requireNonNull(maxBackoff));
        return this;
    }

    /** Backoff, jitter and the attempts before an event is dead-lettered; {@link RetryPolicy#defaults()} unless set. */
    public Subscription retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy);
        return this;
    }

    /** The dead-letter topic; {@code <component>.dlq} unless set. */
    public Subscription deadLetterTopic(String topic) {
        this.deadLetterTopic = requireText(topic, "dead-letter topic");
        return this;
    }

    /** Where the kit's meters go ({@code ficus.component.*}); a private {@code SimpleMeterRegistry} unless set. */
    public Subscription meterRegistry(MeterRegistry registry) {
        this.meterRegistry = Objects.requireNonNull(registry);
        return this;
    }

    /** The dead-letter topic this subscription will use. */
    public String deadLetterTopic() {
        return deadLetterTopic != null ? deadLetterTopic : component + ".dlq";
    }

    /** Extra Kafka consumer properties (security, timeouts). The kit's own settings cannot be overridden. */
    public Subscription consumerProperty(String name, Object value) {
        consumerOverrides.put(name, value);
        return this;
    }

    public Subscription objectMapper(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper);
        return this;
    }

    /** Starts consuming on a thread of its own and returns at once. */
    public ComponentConsumer start(String bootstrapServers, DSLContext dsl) {
        if (component == null) {
            throw new IllegalStateException("name the component with as(...) before starting the subscription to "
                    + topic);
        }
        if (routes.isEmpty()) {
            throw new IllegalStateException("subscription of " + component + " to " + topic + " has no handler");
        }
        return ComponentConsumer.start(this, requireText(bootstrapServers, "bootstrap servers"),
                Objects.requireNonNull(dsl, "dsl"));
    }

    /** A type gets one handler: a second registration is a mistake in the component, refused where it is made. */
    private void requireUnrouted(String ceType) {
        requireText(ceType, "event type");
        if (routes.containsKey(ceType)) {
            throw new IllegalArgumentException("a handler for " + ceType + " is already registered");
        }
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
