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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The customer translation topology, built onto a {@link StreamsBuilder} so that the runtime and
 * {@code TopologyTestDriver} tests use the very same one:
 *
 * <pre>
 * raw crm.cust ─┐
 * raw crm.cust_addr ─┼▶ route-changes (part owners) ─▶ repartition by customer id ─▶ translate-customer (aggregates) ─┬▶ domain topic
 * raw crm.lead ─┤            └─▶ dead letters (malformed, missing key)                                          ├▶ dead letters
 * replay ───────┘                                                                                                  
 * code tables (global store, if the spec has any)
 * </pre>
 */
public final class CustomerTopology {

    /** Persistent store: customer id → {@link CustomerAggregate}. Caching off: read-your-writes. */
    public static final String AGGREGATE_STORE = "customer-aggregates";
    /** @deprecated the walking skeleton's store name; the store is now {@link #AGGREGATE_STORE} */
    @Deprecated
    public static final String SNAPSHOT_STORE = AGGREGATE_STORE;
    /** The repartition topic's name part: {@code <application id>-customer-changes-repartition}. */
    public static final String REPARTITION = "customer-changes";

    private CustomerTopology() {
    }

    /** With the shipped customer spec. */
    public static void build(StreamsBuilder builder, AclTopics topics, AclMetrics metrics) {
        build(builder, topics, TranslationSpecLoader.customer(), metrics);
    }

    public static void build(StreamsBuilder builder, AclTopics topics, TranslationSpec spec, AclMetrics metrics) {
        CustomerTranslation translation = new CustomerTranslation(spec); // validates the spec before anything runs
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ChangeRouter.OWNER_STORE),
                Serdes.String(), Serdes.String()).withCachingDisabled());
        StoreBuilder<KeyValueStore<String, CustomerAggregate>> aggregates = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AGGREGATE_STORE), Serdes.String(), new CustomerAggregateSerde())
                .withCachingDisabled();
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

        KStream<String, Outcome> routed = builder
                .stream(topics.sources(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("customer-changes"))
                .process(() -> new ChangeRouter(translation, metrics), Named.as("route-changes"),
                        ChangeRouter.OWNER_STORE);

        KStream<String, Outcome> outcomes = routed
                .filter((key, outcome) -> outcome instanceof Outcome.Routed, Named.as("routed"))
                .mapValues(outcome -> ((Outcome.Routed) outcome).change(), Named.as("envelope"))
                .repartition(Repartitioned.with(Serdes.String(), new ChangeEnvelope.EnvelopeSerde())
                        .withName(REPARTITION))
                .process(() -> new CustomerTranslationProcessor(spec, AGGREGATE_STORE, codeTables, metrics),
                        Named.as("translate-customer"), AGGREGATE_STORE);

        Produced<byte[], byte[]> deadLetters = topics.deadLetter().produced();
        routed.filter((key, outcome) -> outcome instanceof Outcome.DeadLetter, Named.as("unroutable"))
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
