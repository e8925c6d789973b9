package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.acl.translation.RejectionKind;
import ficus.acl.watch.RateDropWatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer's meters, read from a registry after changes went through the real topology (no Kafka). */
class AclMetricsTest {

    private static final Path SPECS = Path.of("src/test/resources/ficus/specs");
    private static final String RAW = "src.wiki.note";
    /** {@link DebeziumRecords} stamps {@code ts_ms = 1_700_000_000_123 + lsn}. */
    private static final Instant COMMIT_OF_LSN_0 = Instant.ofEpochMilli(1_700_000_000_123L);
    private static final Tags NOTE = Tags.of("translation", "note");

    @TempDir
    Path stateDir;

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private AclMetrics metrics;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;

    @BeforeEach
    void start() {
        TranslationSpec spec = TranslationSpecLoader.load(SPECS.resolve("minimal.yaml"));
        // every change is translated 250 ms after the commit it carries (lsn 0x100)
        Clock clock = Clock.fixed(COMMIT_OF_LSN_0.plusMillis(0x100 + 250), ZoneOffset.UTC);
        metrics = new AclMetrics(registry, spec.name(), RateDropWatch.Settings.defaults(), clock);
        AclTopics topics = AclTopics.of(spec, RAW);
        StreamsBuilder builder = new StreamsBuilder();
        AggregateTopology.build(builder, topics, spec, metrics, 1, AggregateStoreKind.IN_MEMORY);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "acl-metrics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(props), props);
        raw = driver.createInputTopic(RAW, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private static Map<String, Object> note(long id, String title, Object... extra) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("note_id", id);
        row.put("title", title);
        row.put("body", "text");
        row.put("edited_by", "someone");
        for (int i = 0; i < extra.length; i += 2) {
            row.put((String) extra[i], extra[i + 1]);
        }
        return row;
    }

    private void pipe(long id, byte[] value) {
        raw.pipeInput(("{\"note_id\":" + id + "}").getBytes(StandardCharsets.UTF_8), value);
    }

    private double counter(String name, Tags tags) {
        return registry.get(name).tags(NOTE.and(tags)).functionCounter().count();
    }

    @Test
    void shouldCountEventsByTypeAndPhaseDeadLettersByKindAndTheHighestStreamedLsn() {
        pipe(1, DebeziumRecords.value("wiki.note", "r", null, note(1, "Tides"), "true", null, 0x80));
        pipe(2, DebeziumRecords.value("wiki.note", "c", null, note(2, "Moon"), "false", 0x100L, 0x100));
        pipe(2, DebeziumRecords.value("wiki.note", "u", note(2, "Moon"), note(2, "Sun"), "false", 0x140L, 0x140));
        pipe(3, "not json".getBytes(StandardCharsets.UTF_8));
        pipe(4, DebeziumRecords.value("wiki.note", "c", null, note(4, null), "false", 0x150L, 0x150));

        assertThat(counter("ficus.acl.events", Tags.of("type", "wiki.NoteWritten.v1", "phase", "read"))).isEqualTo(1);
        assertThat(counter("ficus.acl.events", Tags.of("type", "wiki.NoteWritten.v1", "phase", "streamed")))
                .isEqualTo(1);
        assertThat(counter("ficus.acl.events", Tags.of("type", "wiki.NoteEdited.v1", "phase", "streamed")))
                .isEqualTo(1);
        assertThat(metrics.eventsByType()).containsExactly(entry("wiki.NoteEdited.v1", 1L),
                entry("wiki.NoteWritten.v1", 2L));
        assertThat(counter("ficus.acl.dead.letters", Tags.of("kind", "MALFORMED"))).isEqualTo(1);
        assertThat(counter("ficus.acl.dead.letters", Tags.of("kind", RejectionKind.REJECTED.name())))
                .as("a required title that is null").isEqualTo(1);
        assertThat(counter("ficus.acl.dead.letters", Tags.of("kind", "UNKNOWN_CODE"))).as("every kind is a series")
                .isZero();
        assertThat(counter("ficus.acl.changes.consumed", Tags.empty())).isEqualTo(5);
        assertThat(counter("ficus.acl.changes", Tags.of("outcome", "translated"))).isEqualTo(3);
        assertThat(counter("ficus.acl.changes", Tags.of("outcome", "dead_lettered"))).isEqualTo(2);
        assertThat(registry.get("ficus.acl.source.lsn").tags(NOTE.and("topic", RAW)).gauge().value())
                .as("the streamed changes' highest LSN; the snapshot read's does not count").isEqualTo(0x150);
    }

    @Test
    void shouldMeasureFreshnessOfStreamedChangesOnlyFromTheirCommit() {
        pipe(1, DebeziumRecords.value("wiki.note", "r", null, note(1, "Tides"), "true", null, 0x100));
        pipe(2, DebeziumRecords.value("wiki.note", "c", null, note(2, "Moon"), "false", 0x100L, 0x100));

        var freshness = registry.get("ficus.acl.freshness").tags(NOTE).timer();
        assertThat(freshness.count()).as("the snapshot read is not a commit the user made").isEqualTo(1);
        assertThat(freshness.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
    }

    @Test
    void shouldCountColumnsTheSpecNeitherMapsNorIgnores() {
        pipe(1, DebeziumRecords.value("wiki.note", "c", null, note(1, "Tides", "colour", "red"), "false", 0x100L,
                0x100));
        pipe(1, DebeziumRecords.value("wiki.note", "u", null, note(1, "Tide", "colour", "blue"), "false", 0x110L,
                0x110));

        assertThat(registry.get("ficus.acl.ignored.columns").tags(NOTE).gauge().value()).isEqualTo(1);
        assertThat(counter("ficus.acl.ignored.values", Tags.of("column", "wiki.note.colour"))).isEqualTo(2);
    }

    @Test
    void shouldFlagTheTypeWhoseStreamedRateDropsAsAGaugeAndLeaveTheOtherAlone() {
        Instant t = Instant.parse("2026-12-01T12:00:00Z");
        metrics.sampleRates(t);
        for (int window = 0; window < 13; window++) {
            int written = window < 10 ? 50 : 2; // 5/s, then 0.2/s: a sharp drop in the last three windows
            for (int i = 0; i < written; i++) {
                metrics.recordEvent("wiki.NoteWritten.v1", true);
            }
            for (int i = 0; i < 40; i++) {
                metrics.recordEvent("wiki.NoteEdited.v1", true);
                metrics.recordEvent("wiki.NoteEdited.v1", false); // a backfill burst of the same type: not watched
            }
            t = t.plus(Duration.ofSeconds(10));
            metrics.sampleRates(t);
        }

        assertThat(registry.get("ficus.acl.event.rate.dropped").tags(NOTE.and("type", "wiki.NoteWritten.v1"))
                .gauge().value()).isEqualTo(1);
        assertThat(registry.get("ficus.acl.event.rate").tags(NOTE.and("type", "wiki.NoteWritten.v1")).gauge()
                .value()).isEqualTo(0.2);
        assertThat(registry.get("ficus.acl.event.rate.normal").tags(NOTE.and("type", "wiki.NoteWritten.v1")).gauge()
                .value()).isEqualTo(5.0);
        assertThat(registry.get("ficus.acl.event.rate.dropped").tags(NOTE.and("type", "wiki.NoteEdited.v1"))
                .gauge().value()).isZero();
        assertThat(registry.get("ficus.acl.event.rate").tags(NOTE.and("type", "wiki.NoteEdited.v1")).gauge().value())
                .as("streamed only").isEqualTo(4.0);
        assertThat(metrics.rateWatch().dropped()).extracting(RateDropWatch.Reading::type)
                .containsExactly("wiki.NoteWritten.v1");
    }

    @Test
    void shouldTakeItsMetersOutOfTheRegistryWhenUnregistered() {
        pipe(1, DebeziumRecords.value("wiki.note", "c", null, note(1, "Tides"), "false", 0x100L, 0x100));
        assertThat(registry.find("ficus.acl.events").meters()).isNotEmpty();

        metrics.unregister();

        assertThat(registry.getMeters()).isEmpty();
        assertThat(metrics.emitted()).as("the counters themselves stay readable").isEqualTo(1);
    }
}
