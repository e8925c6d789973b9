package ficus.acl.runtime;

import ficus.acl.customer.CustomerSnapshot;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The customer translation topology, built onto a {@link StreamsBuilder} so that the runtime and
 * {@code TopologyTestDriver} tests use the very same one:
 *
 * <pre>
 * raw (bytes) ─▶ translate-customer (snapshot store) ─┬─▶ domain topic (key customer id, CloudEvents headers)
 *                                                     └─▶ dead letter topic (original key/value/headers + reason)
 * </pre>
 */
public final class CustomerTopology {

    /** Persistent store: customer id → last published {@link CustomerSnapshot}. Caching off: read-your-writes. */
    public static final String SNAPSHOT_STORE = "customer-snapshots";

    private CustomerTopology() {
    }

    public static void build(StreamsBuilder builder, AclTopics topics, AclMetrics metrics) {
        StoreBuilder<KeyValueStore<String, CustomerSnapshot>> snapshots = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SNAPSHOT_STORE), Serdes.String(), new CustomerSnapshotSerde())
                .withCachingDisabled();
        builder.addStateStore(snapshots);

        KStream<String, Outcome> outcomes = builder
                .stream(topics.raw().name(), topics.raw().consumed().withName("customer-changes"))
                .process(() -> new CustomerTranslationProcessor(SNAPSHOT_STORE, metrics),
                        Named.as("translate-customer"), SNAPSHOT_STORE);

        outcomes.split(Named.as("route-"))
                .branch((key, outcome) -> outcome instanceof Outcome.Translated,
                        Branched.withConsumer(events -> events
                                .mapValues(outcome -> ((Outcome.Translated) outcome).event(), Named.as("event"))
                                .to(topics.domain().name(), topics.domain().produced()
                                        .withName("domain-events")), "translated"))
                .branch((key, outcome) -> outcome instanceof Outcome.DeadLetter,
                        Branched.withConsumer(letters -> letters
                                .map((key, outcome) -> {
                                    Outcome.DeadLetter letter = (Outcome.DeadLetter) outcome;
                                    return KeyValue.pair(letter.key(), letter.value());
                                }, Named.as("dead-letter"))
                                .to(topics.deadLetter().name(), topics.deadLetter().produced()
                                        .withName("dead-letters")), "dead-lettered"))
                .noDefaultBranch();
    }
}
