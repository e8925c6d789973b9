package ficus.acl.runtime;

import ficus.acl.customer.CustomerAggregate;
import ficus.acl.customer.CustomerTranslation;
import ficus.acl.spec.CodeTableRef;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
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
 * The customer translation topology, built onto a {@link StreamsBuilder} so that the runtime and
 * {@code TopologyTestDriver} tests use the very same one:
 *
 * <pre>
 * raw crm.cust ──────┐                                  ┌─(root change on its customer's partition)────────────┐
 * raw crm.cust_addr ─┼▶ route-changes (part owners) ──┤                                                       ├▶ translate-customer ─┬▶ domain topic
 * raw crm.lead ──────┤   parse once                    └─(parts, replays) ▶ repartition by customer ─────────┘   (aggregates)       └▶ dead letters
 * replay ────────────┘      └─▶ dead letters (malformed, missing key)
 * code tables (global store, if the spec has any)
 * </pre>
 *
 * <p>The repartition topic ({@code <application id>-customer-parts-repartition}) has the root raw topic's partition
 * count and places a customer where Kafka's default partitioner places Debezium's key of the customer's row
 * ({@link CustomerPartitioner}), so the root topic and the repartition topic are co-partitioned: the aggregate of a
 * customer lives in the task of that partition, and root changes — the bulk of the traffic — never take the
 * repartition round trip. One sub-topology: task {@code 0_p} reads partition {@code p} of every source.
 */
public final class CustomerTopology {

    /**
     * RocksDB (the default) or in-memory store: customer id → {@link CustomerAggregate} (binary values,
     * {@link CustomerAggregateSerde}).
     */
    public static final String AGGREGATE_STORE = "customer-aggregates";
    /** @deprecated the walking skeleton's store name; the store is now {@link #AGGREGATE_STORE} */
    @Deprecated
    public static final String SNAPSHOT_STORE = AGGREGATE_STORE;
    /** The repartition topic's name part: {@code <application id>-customer-parts-repartition}. */
    public static final String REPARTITION = "customer-parts";

    private CustomerTopology() {
    }

    /** With the shipped customer spec, for a root raw topic of one partition (tests). */
    public static void build(StreamsBuilder builder, AclTopics topics, AclMetrics metrics) {
        build(builder, topics, TranslationSpecLoader.customer(), metrics);
    }

    /** For a root raw topic of one partition (tests); the runtime passes the real count. */
    public static void build(StreamsBuilder builder, AclTopics topics, TranslationSpec spec, AclMetrics metrics) {
        build(builder, topics, spec, metrics, 1);
    }

    /**
     * @param rootPartitions the partition count of the root raw topic ({@code topics.raw()}); the repartition topic is
     *                       created with it, and it must not change while the layer's state exists (neither may
     *                       Debezium's: adding partitions to a raw topic breaks per-key order anyway)
     */
    public static void build(StreamsBuilder builder, AclTopics topics, TranslationSpec spec, AclMetrics metrics,
            int rootPartitions) {
        build(builder, topics, spec, metrics, rootPartitions, AggregateStoreKind.ROCKSDB);
    }

    /**
     * @param storeKind where the aggregates live ({@link AclSettings#AGGREGATE_STORE_CONFIG}); changelogged either way
     */
    public static void build(StreamsBuilder builder, AclTopics topics, TranslationSpec spec, AclMetrics metrics,
            int rootPartitions, AggregateStoreKind storeKind) {
        if (rootPartitions < 1) {
            throw new IllegalArgumentException("rootPartitions must be at least 1, was " + rootPartitions);
        }
        CustomerTranslation translation = new CustomerTranslation(spec); // validates the spec before anything runs
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ChangeRouter.OWNER_STORE),
                Serdes.String(), Serdes.String()));
        // no record cache: the translation step keeps its own cache of deserialized aggregates (AggregateCache)
        KeyValueBytesStoreSupplier aggregateStore = storeKind == AggregateStoreKind.IN_MEMORY
                ? Stores.inMemoryKeyValueStore(AGGREGATE_STORE) : Stores.persistentKeyValueStore(AGGREGATE_STORE);
        StoreBuilder<KeyValueStore<String, CustomerAggregate>> aggregates = Stores.keyValueStoreBuilder(aggregateStore,
                Serdes.String(), new CustomerAggregateSerde()).withCachingDisabled();
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
                        .withName("customer-changes"))
                .process(() -> new ChangeRouter(translation, metrics, rootTopic, rootPartitions),
                        Named.as("route-changes"), ChangeRouter.OWNER_STORE);

        Map<String, KStream<String, Outcome>> branches = routed.split(Named.as("routed-"))
                .branch((key, outcome) -> outcome instanceof Outcome.Local, Branched.as("local"))
                .branch((key, outcome) -> outcome instanceof Outcome.Routed, Branched.as("remote"))
                .defaultBranch(Branched.as("unroutable"));

        KStream<String, ChangeEnvelope> local = branches.get("routed-local")
                .mapValues(outcome -> ((Outcome.Local) outcome).change(), Named.as("local-envelope"));
        KStream<String, ChangeEnvelope> remote = branches.get("routed-remote")
                .mapValues(outcome -> ((Outcome.Routed) outcome).change(), Named.as("envelope"))
                .repartition(Repartitioned.with(Serdes.String(), new ChangeEnvelope.EnvelopeSerde())
                        .withName(REPARTITION)
                        .withNumberOfPartitions(rootPartitions)
                        .withStreamPartitioner(new CustomerPartitioner(spec.root().key())));

        KStream<String, Outcome> outcomes = local.merge(remote, Named.as("customer-aggregate-changes"))
                .process(() -> new CustomerTranslationProcessor(spec, AGGREGATE_STORE, codeTables, metrics),
                        Named.as("translate-customer"), AGGREGATE_STORE);

        Produced<byte[], byte[]> deadLetters = topics.deadLetter().produced();
        branches.get("routed-unroutable")
                .map((key, outcome) -> letter(outcome), Named.as("unroutable-letter"))
                .to(topics.deadLetter().name(), deadLetters.withName("unroutable-dead-letters"));

        outcomes.split(Named.as("route-"))
                .branch((key, outcome) -> outcome instanceof Outcome.Translated,
                        Branched.withConsumer(events -> events
                                .mapValues(outcome -> ((Outcome.Translated) outcome).event(), Named.as("event"))
                                .to(topics.domain().name(), topics.domain().produced()
                                        .withName("domain-events")), "translated"))
                .branch((key, outcome) -> outcome instanceof Outcome.DeadLetter,
                        Branched.withConsumer(letters -> letters
                                .map((key, outcome) -> letter(outcome), Named.as("dead-letter"))
                                .to(topics.deadLetter().name(), topics.deadLetter().produced()
                                        .withName("dead-letters")), "dead-lettered"))
                .noDefaultBranch();
    }

    private static KeyValue<byte[], byte[]> letter(Outcome outcome) {
        Outcome.DeadLetter letter = (Outcome.DeadLetter) outcome;
        return KeyValue.pair(letter.key(), letter.value());
    }
}
