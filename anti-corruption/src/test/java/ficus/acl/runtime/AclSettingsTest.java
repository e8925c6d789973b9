package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.core.FicusException;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AclSettingsTest {

    private static final String MINIMAL = "classpath:ficus/specs/minimal.yaml";
    private static final String VOYAGE = "classpath:ficus/specs/voyage.yaml";

    @Test
    void shouldNameEverythingFromTheSpecAndTheCaptureSourceAndDefaultToExactlyOnce() {
        AclSettings settings = AclSettings.of("127.0.0.1:9092", Path.of("/tmp/acl"), VOYAGE, "ships");
        assertThat(settings.applicationId()).isEqualTo("ficus-acl-voyage");
        assertThat(settings.rawTopic()).isEqualTo("ships.fleet.Voyage");
        assertThat(settings.domainTopic()).isEqualTo("fleet.voyage.v3");
        assertThat(settings.deadLetterTopic()).isEqualTo("ficus.dlq.voyage");
        assertThat(settings.replayTopic()).isEqualTo("ficus.dlq.voyage.replay");
        assertThat(settings.translationSpec()).isEqualTo(VOYAGE);
        assertThat(AclSettings.of("127.0.0.1:9092", Path.of("/tmp/acl"), MINIMAL, "src").rawTopic())
                .isEqualTo("src.wiki.note");
        Properties props = settings.streamsProperties();
        assertThat(props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(props.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("100");
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void shouldLetExtraPropertiesWin() {
        Properties props = AclSettings.of("127.0.0.1:9092", Path.of("/tmp/acl"), MINIMAL, "src")
                .withProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000").streamsProperties();
        assertThat(props.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("1000");
    }

    @Test
    void shouldReportEveryProblemNamingTheSetting() {
        AclSettings bad = AclSettings.of(" ", null, MINIMAL, "src").withProcessingGuarantee("exactly_once")
                .withDomainTopic("src.wiki.note");
        assertThat(bad.problems()).hasSize(4).anySatisfy(p -> assertThat(p).startsWith("bootstrapServers"))
                .anySatisfy(p -> assertThat(p).startsWith("stateDir"))
                .anySatisfy(p -> assertThat(p).startsWith("processingGuarantee"))
                .anySatisfy(p -> assertThat(p).startsWith("topics"));
        assertThatThrownBy(bad::validated).isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("bootstrapServers");
    }

    @Test
    void shouldDefaultToRocksDbAndACacheAndNameAWrongStoreOrCacheSize() {
        AclSettings settings = AclSettings.of("127.0.0.1:9092", Path.of("/tmp/acl"), MINIMAL, "src");
        assertThat(settings.aggregateStore()).isEqualTo(AggregateStoreKind.ROCKSDB);
        assertThat(AclSettings.aggregateCacheEntries(java.util.Map.of()))
                .isEqualTo(AclSettings.DEFAULT_AGGREGATE_CACHE_ENTRIES);
        assertThat(settings.withProperty(AclSettings.AGGREGATE_STORE_CONFIG, "in-memory").aggregateStore())
                .isEqualTo(AggregateStoreKind.IN_MEMORY);
        assertThat(AclSettings.aggregateCacheEntries(java.util.Map.of(AclSettings.AGGREGATE_CACHE_ENTRIES_CONFIG,
                "0"))).isZero();

        AclSettings bad = settings.withProperty(AclSettings.AGGREGATE_STORE_CONFIG, "redis")
                .withProperty(AclSettings.AGGREGATE_CACHE_ENTRIES_CONFIG, "-5");
        assertThat(bad.problems()).containsExactlyInAnyOrder(
                "ficus.acl.store: 'redis' is not rocksdb or in-memory",
                "ficus.acl.aggregate.cache.entries: '-5' is not a number of entries (0 or more)");
    }

    @Test
    void shouldRunAStreamThreadPerPartitionUpToTheProcessors() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertThat(AclSettings.defaultStreamThreads(1)).isEqualTo(1);
        assertThat(AclSettings.defaultStreamThreads(0)).isEqualTo(1);
        assertThat(AclSettings.defaultStreamThreads(1000)).isEqualTo(processors);
        assertThat(AclSettings.defaultStreamThreads(2)).isEqualTo(Math.min(2, processors));
    }
}
