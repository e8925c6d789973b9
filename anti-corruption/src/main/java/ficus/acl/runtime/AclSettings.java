package ficus.acl.runtime;

import ficus.core.FicusException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything one translation of the layer needs to run, declared once with its default. Build with
 * {@link #of(String, Path, String, String)} (every name from the spec and the capture source) and the {@code with*}
 * methods; {@link #problems()} reports what is wrong, {@link AntiCorruptionLayer#start} refuses to start with any.
 *
 * @param bootstrapServers  Kafka bootstrap servers (required)
 * @param applicationId     Kafka Streams application id = consumer group and prefix of internal topics;
 *                          {@code ficus-acl-<translation>} by {@link #of}
 * @param stateDir          where the aggregate store lives (required)
 * @param rawTopic          Debezium's topic of the spec's root table; {@code <source>.<schema>.<table>} by {@link #of}
 * @param domainTopic       {@code <context>.<aggregate>.v<version>} by {@link #of}
 * @param deadLetterTopic   {@code ficus.dlq.<translation>} by {@link #of}
 * @param processingGuarantee default {@code exactly_once_v2} (needs a broker whose transaction log can be replicated:
 *                          for a single broker, {@code transaction.state.log.replication.factor=1} and
 *                          {@code transaction.state.log.min.isr=1})
 * @param translationSpec   where the translation spec is: {@code classpath:<resource>} or a file (required to run;
 *                          only tools that read a dead-letter topic do without). The parts' topics share the raw
 *                          topic's prefix ({@code sea.fleet.Voyage} → {@code sea.fleet.Leg})
 * @param extraProperties   any other Kafka Streams / client property; wins over the values above (security
 *                          settings also go to the admin client that creates the topics)
 */
public record AclSettings(String bootstrapServers, String applicationId, Path stateDir, String rawTopic,
        String domainTopic, String deadLetterTopic, String processingGuarantee, Map<String, String> extraProperties,
        String translationSpec) {

    public static final String DEFAULT_PROCESSING_GUARANTEE = StreamsConfig.EXACTLY_ONCE_V2;
    public static final int COMMIT_INTERVAL_MS = 100;
    /**
     * The producer's {@code batch.size} (bytes per partition batch; Kafka's default is 16 KiB). Under
     * {@code exactly_once_v2} records become visible to {@code read_committed} consumers only when the transaction
     * commits (every {@link #COMMIT_INTERVAL_MS} ms), and Kafka Streams' producer lingers up to 100 ms anyway, so larger
     * batches cost no latency, only fewer and larger produce requests (the layer writes an event and a changelog
     * record per change).
     */
    public static final int PRODUCER_BATCH_SIZE = 256 * 1024;
    /**
     * {@code max.task.idle.ms}: -1, a task never waits for (or checks the lag of) its empty partitions before
     * processing what it has. The layer's task reads several topics (root, parts, replay, repartition) whose order
     * relative to each other is arbitrary anyway (the translation is built for that: per-row positions, revisions),
     * and the default's per-record check of every empty partition cost ~8 % of the stream thread.
     */
    public static final long MAX_TASK_IDLE_MS = StreamsConfig.MAX_TASK_IDLE_MS_DISABLED;

    /**
     * Kafka Streams property (pass it with {@link #withProperty}) choosing the aggregate store: {@code rocksdb}
     * (default) or {@code in-memory} — see {@link AggregateStoreKind}.
     */
    public static final String AGGREGATE_STORE_CONFIG = "ficus.acl.store";

    /**
     * Kafka Streams property (pass it with {@link #withProperty}) bounding each task's cache of deserialized
     * aggregates in front of the aggregate store ({@code AggregateCache}); {@code 0} turns the cache off. Default
     * {@value #DEFAULT_AGGREGATE_CACHE_ENTRIES}: an aggregate takes roughly 1 KiB of heap, so about 50 MiB per task.
     */
    public static final String AGGREGATE_CACHE_ENTRIES_CONFIG = "ficus.acl.aggregate.cache.entries";
    public static final int DEFAULT_AGGREGATE_CACHE_ENTRIES = 50_000;

    public AclSettings {
        extraProperties = Map.copyOf(extraProperties == null ? Map.of() : extraProperties);
    }

    /** The translation spec to run: {@code classpath:<resource>} or a file path. */
    public AclSettings withTranslationSpec(String location) {
        return new AclSettings(bootstrapServers, applicationId, stateDir, rawTopic, domainTopic, deadLetterTopic,
                processingGuarantee, extraProperties, location);
    }

    /** The translation spec, loaded ({@link ficus.core.FicusException.BadInput} with file and line if wrong). */
    public ficus.acl.spec.TranslationSpec spec() {
        if (translationSpec == null) {
            throw new FicusException.BadInput("translationSpec: missing (the translation spec to run: a file or "
                    + "classpath:<resource>)");
        }
        return ficus.acl.spec.yaml.TranslationSpecLoader.load(translationSpec);
    }

    /** The topic {@code DeadLetters.replay} re-publishes to and the layer reads: {@code <deadLetterTopic>.replay}. */
    public String replayTopic() {
        return deadLetterTopic + AclTopics.REPLAY_SUFFIX;
    }

    /**
     * The settings of one translation, every name taken from its spec and the capture that feeds it: application id
     * {@code ficus-acl-<translation>}, raw topic {@code <capture source>.<root schema>.<root table>} (the parts'
     * topics share its prefix), domain topic {@code <context>.<aggregate>.v<version>}, dead letters
     * {@code ficus.dlq.<translation>}. Several translations run side by side with one settings each.
     *
     * @param specLocation  {@code classpath:<resource>} or a file; loaded here, so a spec that does not load fails
     *                      before anything is created ({@link FicusException.BadInput} with its file and line)
     * @param captureSource the capture plan's {@code source} (Debezium's {@code topic.prefix})
     */
    public static AclSettings of(String bootstrapServers, Path stateDir, String specLocation, String captureSource) {
        ficus.acl.spec.TranslationSpec spec = ficus.acl.spec.yaml.TranslationSpecLoader.load(specLocation);
        return new AclSettings(bootstrapServers, APPLICATION_ID_PREFIX + spec.name(), stateDir,
                captureSource + "." + spec.root().table(), spec.domainTopic(), spec.deadLetterTopic(),
                DEFAULT_PROCESSING_GUARANTEE, Map.of(), specLocation);
    }

    /** The application id of a translation unless told otherwise: {@code ficus-acl-<translation>}. */
    public static final String APPLICATION_ID_PREFIX = "ficus-acl-";

    public AclSettings withApplicationId(String value) {
        return new AclSettings(bootstrapServers, value, stateDir, rawTopic, domainTopic, deadLetterTopic,
                processingGuarantee, extraProperties, translationSpec);
    }

    public AclSettings withTopics(String raw, String domain, String deadLetter) {
        return new AclSettings(bootstrapServers, applicationId, stateDir, raw, domain, deadLetter,
                processingGuarantee, extraProperties, translationSpec);
    }

    public AclSettings withRawTopic(String value) {
        return withTopics(value, domainTopic, deadLetterTopic);
    }

    public AclSettings withDomainTopic(String value) {
        return withTopics(rawTopic, value, deadLetterTopic);
    }

    public AclSettings withDeadLetterTopic(String value) {
        return withTopics(rawTopic, domainTopic, value);
    }

    public AclSettings withProcessingGuarantee(String value) {
        return new AclSettings(bootstrapServers, applicationId, stateDir, rawTopic, domainTopic, deadLetterTopic,
                value, extraProperties, translationSpec);
    }

    /** Adds (or replaces) one extra Kafka property. */
    public AclSettings withProperty(String key, String value) {
        Map<String, String> extra = new LinkedHashMap<>(extraProperties);
        extra.put(key, value);
        return new AclSettings(bootstrapServers, applicationId, stateDir, rawTopic, domainTopic, deadLetterTopic,
                processingGuarantee, extra, translationSpec);
    }

    public AclTopics topics() {
        return AclTopics.of(spec(), rawTopic, domainTopic, deadLetterTopic, replayTopic());
    }

    /** What is wrong with these settings, one line each naming the setting; empty when they are usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        blank(problems, "bootstrapServers", bootstrapServers);
        blank(problems, "applicationId", applicationId);
        blank(problems, "rawTopic", rawTopic);
        blank(problems, "domainTopic", domainTopic);
        blank(problems, "deadLetterTopic", deadLetterTopic);
        if (stateDir == null) {
            problems.add("stateDir: missing (a directory for the snapshot store)");
        }
        if (!List.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE).contains(processingGuarantee)) {
            problems.add("processingGuarantee: '" + processingGuarantee + "' is not " + StreamsConfig.EXACTLY_ONCE_V2
                    + " or " + StreamsConfig.AT_LEAST_ONCE);
        }
        if (extraProperties.containsKey(AGGREGATE_CACHE_ENTRIES_CONFIG)) {
            try {
                aggregateCacheEntries(Map.copyOf(extraProperties));
            } catch (FicusException.BadInput e) {
                problems.add(e.getMessage());
            }
        }
        String store = extraProperties.get(AGGREGATE_STORE_CONFIG);
        if (store != null && AggregateStoreKind.forConfigValue(store).isEmpty()) {
            problems.add(unknownStore(store));
        }
        if (rawTopic != null && (Objects.equals(rawTopic, domainTopic) || Objects.equals(rawTopic, deadLetterTopic)
                || Objects.equals(domainTopic, deadLetterTopic))) {
            problems.add("topics: raw, domain and dead letter topics must differ (" + rawTopic + ", " + domainTopic
                    + ", " + deadLetterTopic + ")");
        }
        return problems;
    }

    /** Throws {@link FicusException.BadInput} listing every problem. */
    public AclSettings validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new FicusException.BadInput("invalid anti-corruption layer settings: " + String.join("; ", problems));
        }
        return this;
    }

    /** The Kafka Streams configuration these settings stand for. */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(COMMIT_INTERVAL_MS));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(PRODUCER_BATCH_SIZE));
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(MAX_TASK_IDLE_MS));
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        props.putAll(extraProperties);
        return props;
    }

    /**
     * Stream threads when {@code num.stream.threads} is not set: one per task the instance can get (the root raw
     * topic's partitions), at most one per available processor — the translation is CPU-bound per record, and a
     * thread without a task only costs memory. Another instance of the same application id shares the tasks.
     */
    public static int defaultStreamThreads(int rootPartitions) {
        return Math.max(1, Math.min(rootPartitions, Runtime.getRuntime().availableProcessors()));
    }

    /** The aggregate store these settings ask for ({@link #AGGREGATE_STORE_CONFIG}; default RocksDB). */
    public AggregateStoreKind aggregateStore() {
        String value = extraProperties.get(AGGREGATE_STORE_CONFIG);
        return value == null ? AggregateStoreKind.ROCKSDB : AggregateStoreKind.forConfigValue(value).orElseThrow(
                () -> new FicusException.BadInput(unknownStore(value)));
    }

    private static String unknownStore(String value) {
        return AGGREGATE_STORE_CONFIG + ": '" + value + "' is not rocksdb or in-memory";
    }

    /** {@link #AGGREGATE_CACHE_ENTRIES_CONFIG} from a task's configuration, or its default. */
    static int aggregateCacheEntries(Map<String, Object> configs) {
        Object value = configs.get(AGGREGATE_CACHE_ENTRIES_CONFIG);
        if (value == null) {
            return DEFAULT_AGGREGATE_CACHE_ENTRIES;
        }
        try {
            int entries = Integer.parseInt(value.toString().trim());
            if (entries < 0) {
                throw new NumberFormatException("negative");
            }
            return entries;
        } catch (NumberFormatException e) {
            throw new FicusException.BadInput(AGGREGATE_CACHE_ENTRIES_CONFIG + ": '" + value
                    + "' is not a number of entries (0 or more)");
        }
    }

    private static void blank(List<String> problems, String name, String value) {
        if (value == null || value.isBlank()) {
            problems.add(name + ": missing");
        }
    }
}
