package ficus.acl.runtime;

import ficus.acl.aggregate.Aggregate;
import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.spec.CodeTableRef;
import ficus.acl.spec.PartSpec;
import ficus.acl.spec.TranslationSpec;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The translation topology of any spec, built onto a {@link StreamsBuilder} so that the runtime and
 * {@code TopologyTestDriver} tests use the very same one:
 *
 * <pre>
 * raw root table ─┐                                  ┌─(root change on its aggregate's partition)───────────────┐
 * raw part tables ┼▶ route-changes (part owners) ──┤                                                           ├▶ translate ─┬▶ domain topic
 * replay ─────────┘   parse once                    ├─(parts, replays) ─────────────▶ repartition by aggregate ┤ (aggregates)├▶ dead letters
 *                        └─▶ dead letters          └─(referenced rows) ▶ reference index ──(to each follower)─┘             └▶ follows ─▶ reference index
 * code tables (global store, if the spec has any)
 * </pre>
 *
 * <p>The repartition topic ({@code <application id>-parts-repartition}) has the root raw topic's partition count and
 * places an aggregate where Kafka's default partitioner places Debezium's key of its root row
 * ({@link AggregatePartitioner}), so the root topic and the repartition topic are co-partitioned: the aggregate lives
 * in the task of that partition, and root changes — the bulk of the traffic — never take the repartition round trip.
 * A spec with {@code reference} parts adds the reference index ({@link ReferenceIndex}) behind
 * {@code <application id>-references-repartition}, keyed by the referenced row, and the follows topic
 * ({@link AclTopics#follows()}) through which the translation step tells it which rows an aggregate points at.
 */
public final class AggregateTopology {

    /**
     * RocksDB (the default) or in-memory store: aggregate key → {@link Aggregate} (binary values,
     * {@link AggregateSerde}).
     */
    public static final String AGGREGATE_STORE = "aggregates";
    /** The repartition topic's name part: {@code <application id>-parts-repartition}. */
    public static final String REPARTITION = "parts";
    /** The reference index's repartition topic's name part: {@code <application id>-references-repartition}. */
    public static final String REFERENCES = "references";

    private AggregateTopology() {
    }

    /** For a root raw topic of one partition (tests); the runtime passes the real count. */
    public static void build(StreamsBuilder builder, AclTopics topics, TranslationSpec spec, AclMetrics metrics) {
        build(builder, topics, spec, metrics, 1, AggregateStoreKind.ROCKSDB);
    }

    /**
     * @param rootPartitions the partition count of the root raw topic ({@code topics.raw()}); the repartition topics
     *                       are created with it, and it must not change while the layer's state exists (neither may
     *                       Debezium's: adding partitions to a raw topic breaks per-key order anyway)
     * @param storeKind      where the aggregates live ({@link AclSettings#AGGREGATE_STORE_CONFIG}); changelogged
     *                       either way
     */
    public static void build(StreamsBuilder builder, AclTopics topics, TranslationSpec spec, AclMetrics metrics,
            int rootPartitions, AggregateStoreKind storeKind) {
        if (rootPartitions < 1) {
            throw new IllegalArgumentException("rootPartitions must be at least 1, was " + rootPartitions);
        }
        // validates the spec's extension before anything runs
        AggregateTranslation translation = new AggregateTranslation(spec, JsonSupport.DOCUMENTS);
        boolean references = spec.parts().stream().anyMatch(PartSpec::isReference);
        if (references && topics.follows() == null) {
            throw new IllegalArgumentException("a spec with references needs a follows topic");
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ChangeRouter.OWNER_STORE),
                Serdes.String(), Serdes.String()));
        // no record cache: the translation step keeps its own cache of deserialized aggregates (AggregateCache)
        KeyValueBytesStoreSupplier aggregateStore = storeKind == AggregateStoreKind.IN_MEMORY
                ? Stores.inMemoryKeyValueStore(AGGREGATE_STORE) : Stores.persistentKeyValueStore(AGGREGATE_STORE);
        StoreBuilder<KeyValueStore<String, Aggregate>> aggregates = Stores.keyValueStoreBuilder(aggregateStore,
                Serdes.String(), new AggregateSerde()).withCachingDisabled();
        builder.addStateStore(aggregates);
        boolean codeTables = !topics.codeTables().isEmpty();
        if (topics.codeTables().size() > 1) {
            throw new ficus.core.FicusException.BadInput(spec.location() + ": codeTable: one captured code table per "
                    + "translation is supported, the spec refers to " + topics.codeTables().keySet());
        }
        if (codeTables) {
            for (Map.Entry<String, String> table : topics.codeTables().entrySet()) {
                CodeTableRef ref = spec.codeTable(table.getKey()).orElseThrow();
                builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                        CodeTableStore.STORE), Serdes.String(), Serdes.String()).withLoggingDisabled(),
                        table.getValue(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                                .withName("code-table-" + table.getKey()),
                        () -> new CodeTableStore.Updater(ref));
            }
        }

        String rootTopic = topics.raw().name();
        KStream<String, Outcome> routed = builder
                .stream(topics.sources(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("raw-changes"))
                .process(() -> new ChangeRouter(translation, metrics, rootTopic, rootPartitions),
                        Named.as("route-changes"), ChangeRouter.OWNER_STORE);

        Map<String, KStream<String, Outcome>> branches = routed.split(Named.as("routed-"))
                .branch((key, outcome) -> outcome instanceof Outcome.Local, Branched.as("local"))
                .branch((key, outcome) -> outcome instanceof Outcome.Routed, Branched.as("remote"))
                .branch((key, outcome) -> outcome instanceof Outcome.Referenced, Branched.as("referenced"))
                .defaultBranch(Branched.as("unroutable"));

        KStream<String, ChangeEnvelope> local = branches.get("routed-local")
                .mapValues(outcome -> ((Outcome.Local) outcome).change(), Named.as("local-envelope"));
        KStream<String, ChangeEnvelope> toAggregates = branches.get("routed-remote")
                .mapValues(outcome -> ((Outcome.Routed) outcome).change(), Named.as("envelope"));
        if (references) {
            ReferenceMessage.MessageSerde messages = new ReferenceMessage.MessageSerde();
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ReferenceIndex.ROWS),
                    Serdes.String(), new ChangeEnvelope.EnvelopeSerde()));
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                    ReferenceIndex.FOLLOWERS), Serdes.String(), messages));
            KStream<String, ReferenceMessage> follows = builder.stream(topics.follows(),
                    Consumed.with(Serdes.String(), messages).withName("follows"));
            KStream<String, ChangeEnvelope> delivered = branches.get("routed-referenced")
                    .mapValues(outcome -> ((Outcome.Referenced) outcome).message(), Named.as("referenced-row"))
                    .merge(follows, Named.as("reference-messages"))
                    .repartition(Repartitioned.with(Serdes.String(), messages).withName(REFERENCES)
                            .withNumberOfPartitions(rootPartitions))
                    .process(() -> new ReferenceIndex(metrics), Named.as("reference-index"), ReferenceIndex.ROWS,
                            ReferenceIndex.FOLLOWERS)
                    .mapValues(outcome -> ((Outcome.Routed) outcome).change(), Named.as("delivered-envelope"));
            toAggregates = toAggregates.merge(delivered, Named.as("to-aggregates"));
        }
        KStream<String, ChangeEnvelope> remote = toAggregates
                .repartition(Repartitioned.with(Serdes.String(), new ChangeEnvelope.EnvelopeSerde())
                        .withName(REPARTITION)
                        .withNumberOfPartitions(rootPartitions)
                        .withStreamPartitioner(new AggregatePartitioner()));

        KStream<String, Outcome> outcomes = local.merge(remote, Named.as("aggregate-changes"))
                .process(() -> new TranslationProcessor(spec, AGGREGATE_STORE, codeTables, metrics),
                        Named.as("translate"), AGGREGATE_STORE);

        Produced<byte[], byte[]> deadLetters = topics.deadLetter().produced();
        branches.get("routed-unroutable")
                .map((key, outcome) -> letter(outcome), Named.as("unroutable-letter"))
                .to(topics.deadLetter().name(), deadLetters.withName("unroutable-dead-letters"));

        var split = outcomes.split(Named.as("route-"))
                .branch((key, outcome) -> outcome instanceof Outcome.Translated,
                        Branched.withConsumer(events -> events
                                .mapValues(outcome -> ((Outcome.Translated) outcome).value(), Named.as("event"))
                                .to(topics.domain().name(), topics.domain().produced()
                                        .withName("domain-events")), "translated"))
                .branch((key, outcome) -> outcome instanceof Outcome.DeadLetter,
                        Branched.withConsumer(letters -> letters
                                .map((key, outcome) -> letter(outcome), Named.as("dead-letter"))
                                .to(topics.deadLetter().name(), topics.deadLetter().produced()
                                        .withName("dead-letters")), "dead-lettered"));
        if (references) {
            ReferenceMessage.MessageSerde messages = new ReferenceMessage.MessageSerde();
            split.branch((key, outcome) -> outcome instanceof Outcome.Referenced,
                    Branched.withConsumer(follows -> follows
                            .mapValues(outcome -> ((Outcome.Referenced) outcome).message(), Named.as("follow"))
                            .to(topics.follows(), Produced.with(Serdes.String(), messages)
                                    .withName("follow-references")), "followed"));
        }
        split.noDefaultBranch();
    }

    private static KeyValue<byte[], byte[]> letter(Outcome outcome) {
        Outcome.DeadLetter letter = (Outcome.DeadLetter) outcome;
        return KeyValue.pair(letter.key(), letter.value());
    }
}
