package ficus.acl.runtime;

import ficus.acl.watch.RateDropWatch;
import ficus.core.FicusException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running translation: a Kafka Streams application reading the raw topics of its spec's tables and writing the
 * spec's domain topic and its dead letters. {@link #start} creates missing topics, starts the stream and returns;
 * {@link #awaitRunning} waits until it processes; {@link #close} stops it cleanly (commits, closes the store).
 *
 * <pre>{@code
 * AclSettings settings = AclSettings.of(bootstrap, workDir.resolve("acl"), "specs/voyage.yaml", "sea");
 * try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(settings)) {
 *     acl.awaitRunning(Duration.ofSeconds(60));
 *     ...
 * }
 * }</pre>
 *
 * <p>Started with a {@link MeterRegistry}, the layer puts its own meters there ({@link AclMetrics}) and binds its Kafka
 * Streams client's metrics (Micrometer's {@code KafkaStreamsMetrics}: {@code kafka_stream_*}, {@code kafka_consumer_*},
 * {@code kafka_producer_*}, tag {@code translation}); the process that runs it serves the registry. Once a second it
 * hands the {@link RateDropWatch} the streamed events per type.
 */
public final class AntiCorruptionLayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AntiCorruptionLayer.class);
    private static final Set<State> STOPPED = EnumSet.of(State.PENDING_SHUTDOWN, State.NOT_RUNNING,
            State.PENDING_ERROR, State.ERROR);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final AclSettings settings;
    private final AclMetrics metrics;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final ScheduledExecutorService rateSampler;
    private final Object monitor = new Object();
    private volatile Throwable failure;
    private boolean closed;

    private AntiCorruptionLayer(AclSettings settings, AclMetrics metrics, KafkaStreams streams,
                                KafkaStreamsMetrics streamsMetrics, ScheduledExecutorService rateSampler) {
        this.settings = settings;
        this.metrics = metrics;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.rateSampler = rateSampler;
    }

    /** {@link #start(AclSettings, MeterRegistry, RateDropWatch.Settings)} with the layer's meters kept to itself. */
    public static AntiCorruptionLayer start(AclSettings settings) {
        return start(settings, null, RateDropWatch.Settings.defaults());
    }

    /** {@link #start(AclSettings, MeterRegistry, RateDropWatch.Settings)} with the rate watch's defaults. */
    public static AntiCorruptionLayer start(AclSettings settings, MeterRegistry registry) {
        return start(settings, registry, RateDropWatch.Settings.defaults());
    }

    /**
     * Validates the settings, creates missing topics (domain and dead letter; the raw one too if the capture has not
     * yet), and starts the stream. Returns without waiting for it to run.
     *
     * @param registry  where the layer's meters and its Kafka Streams client's go; null keeps the layer's own meters in
     *                  a private registry and binds no client metrics
     * @param rateWatch how the business-metric watch judges a drop of an event type's rate
     *
     * @throws FicusException.BadInput    for invalid settings
     * @throws FicusException.Unavailable when Kafka cannot be reached
     */
    public static AntiCorruptionLayer start(AclSettings settings, MeterRegistry registry,
                                            RateDropWatch.Settings rateWatch) {
        settings.validated();
        ficus.acl.spec.TranslationSpec spec = settings.spec();
        AclTopics topics = AclTopics.of(spec, settings.rawTopic(), settings.domainTopic(), settings.deadLetterTopic(),
                settings.replayTopic());
        int rootPartitions = TopicProvisioner.ensureTopics(settings, topics);
        boolean shared = registry != null;
        AclMetrics metrics = new AclMetrics(shared ? registry : new io.micrometer.core.instrument.simple
                .SimpleMeterRegistry(), spec.name(), rateWatch, Clock.systemUTC());
        StreamsBuilder builder = new StreamsBuilder();
        AggregateStoreKind store = settings.aggregateStore();
        AggregateTopology.build(builder, topics, spec, metrics, rootPartitions, store);
        Properties props = settings.streamsProperties();
        if (!props.containsKey(StreamsConfig.NUM_STREAM_THREADS_CONFIG)) {
            int threads = AclSettings.defaultStreamThreads(rootPartitions);
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        }
        LOG.info("anti-corruption layer {}: {} partition(s) of {}, {} stream thread(s), {} aggregate store",
                settings.applicationId(), rootPartitions, settings.rawTopic(),
                props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG), store.configValue());
        KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        KafkaStreamsMetrics streamsMetrics = null;
        if (shared) {
            streamsMetrics = new KafkaStreamsMetrics(streams, Tags.of("translation", spec.name()));
            streamsMetrics.bindTo(registry);
        }
        ScheduledExecutorService rateSampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, settings.applicationId() + "-rate-watch");
            t.setDaemon(true);
            return t;
        });
        rateSampler.scheduleAtFixedRate(() -> {
            try {
                metrics.sampleRates();
            } catch (RuntimeException e) {
                LOG.warn("anti-corruption layer {}: rate watch sample failed: {}", settings.applicationId(), e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        AntiCorruptionLayer layer = new AntiCorruptionLayer(settings, metrics, streams, streamsMetrics, rateSampler);
        streams.setStateListener((now, before) -> {
            LOG.info("anti-corruption layer {}: {} -> {}", settings.applicationId(), before, now);
            synchronized (layer.monitor) {
                layer.monitor.notifyAll();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("anti-corruption layer {} stops on an unexpected error", settings.applicationId(), e);
            layer.failure = e;
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return layer;
    }

    public AclMetrics metrics() {
        return metrics;
    }

    public AclSettings settings() {
        return settings;
    }

    public State state() {
        return streams.state();
    }

    /**
     * Waits until the stream is running (partitions assigned, store restored).
     *
     * @throws FicusException.OperationFailed if it stopped or failed, or did not run within {@code timeout}
     */
    public void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (streams.state() != State.RUNNING) {
                State state = streams.state();
                if (STOPPED.contains(state)) {
                    throw new FicusException.OperationFailed("anti-corruption layer " + settings.applicationId()
                            + " is " + state + (failure == null ? "" : ": " + failure), failure);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new FicusException.OperationFailed("anti-corruption layer " + settings.applicationId()
                            + " not running after " + timeout + " (state " + state + ", Kafka "
                            + settings.bootstrapServers() + ")");
                }
                try {
                    monitor.wait(Math.max(1, remaining / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FicusException.OperationFailed("interrupted while waiting for the anti-corruption layer",
                            e);
                }
            }
        }
    }

    /**
     * Stops the stream: finishes the record in flight, commits, closes the store and leaves the consumer group (so a
     * restart or another instance takes over the partitions immediately). Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // leave the group: a restarted instance then gets the partitions at once instead of after session.timeout.ms
        boolean stopped = streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        if (!stopped) {
            LOG.warn("anti-corruption layer {} did not stop within {}", settings.applicationId(), CLOSE_TIMEOUT);
        }
        rateSampler.shutdownNow();
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        metrics.unregister();
        LOG.info("anti-corruption layer {} closed ({})", settings.applicationId(), metrics);
    }
}
