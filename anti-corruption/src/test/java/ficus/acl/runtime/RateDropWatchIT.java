package ficus.acl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.acl.watch.RateDropWatch;
import ficus.acl.watch.RateDropWatch.State;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The business-metric watch on a running layer over the real broker: a workload writes notes and edits them, each at a
 * steady rate; then the edits fall to a trickle. The watch (2 s windows, so the test is short) flags the edits and only
 * them, and says nothing while both rates are steady.
 */
@ExtendWith(SandboxExtension.class)
class RateDropWatchIT {

    private static final String RAW = "ratewatchit.wiki.note";
    private static final String WRITTEN = "wiki.NoteWritten.v1";
    private static final String EDITED = "wiki.NoteEdited.v1";
    private static final RateDropWatch.Settings WATCH = new RateDropWatch.Settings(Duration.ofSeconds(2), 0.2, 4, 0.3,
            2, 0.6, 1.0, 2.0);

    @Test
    void shouldFlagTheEventTypeWhoseRateFallsAndStayQuietWhileTheRatesAreSteady(Sandbox sandbox, @TempDir Path dir) {
        AclSettings settings = AclSettings.of(sandbox.bootstrapServers(), dir.resolve("state"),
                "classpath:ficus/specs/minimal.yaml", "ratewatchit").withApplicationId("ratewatchit-acl")
                .withTopics(RAW, "ratewatchit.note.v1", "ratewatchit.dlq.note");
        ScheduledExecutorService workload = Executors.newScheduledThreadPool(2);
        Map<String, Set<State>> seen = new ConcurrentHashMap<>();
        try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(settings, new SimpleMeterRegistry(), WATCH);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                     ProducerConfig.LINGER_MS_CONFIG, 0,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            acl.awaitRunning(Duration.ofSeconds(60));
            RateDropWatch watch = acl.metrics().rateWatch();
            AtomicLong lsn = new AtomicLong(0x1000);
            AtomicLong nextNote = new AtomicLong(1);
            AtomicReference<Duration> editEvery = new AtomicReference<>(Duration.ofMillis(50)); // 20/s, later 1/s
            // the legacy application: 20 new notes a second, and edits of the notes written so far
            workload.scheduleAtFixedRate(() -> send(producer, nextNote.getAndIncrement(), "c", lsn), 0, 50,
                    TimeUnit.MILLISECONDS);
            AtomicLong lastEdit = new AtomicLong();
            workload.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                if (now - lastEdit.get() >= editEvery.get().toNanos() && nextNote.get() > 1) {
                    lastEdit.set(now);
                    send(producer, 1 + (now % (nextNote.get() - 1)), "u", lsn);
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            workload.scheduleAtFixedRate(() -> watch.readings().forEach(r ->
                    seen.computeIfAbsent(r.type(), t -> EnumSet.noneOf(State.class)).add(r.state())),
                    0, 200, TimeUnit.MILLISECONDS);

            await("both types judged normal").atMost(Duration.ofSeconds(60)).until(() ->
                    state(watch, WRITTEN) == State.NORMAL && state(watch, EDITED) == State.NORMAL);
            // three more windows of steady traffic through the real pipeline, with its noise: nothing is flagged
            await("nothing flagged while steady").during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                    .until(() -> watch.dropped().isEmpty());
            assertThat(seen.values()).as("states while steady: %s", seen).noneMatch(s -> s.contains(State.DROPPED));

            editEvery.set(Duration.ofSeconds(1)); // the edits fall to 1/s; the new notes go on at 20/s

            await("the edits flagged").atMost(Duration.ofSeconds(30)).until(() -> state(watch, EDITED)
                    == State.DROPPED);
            RateDropWatch.Reading edits = watch.reading(EDITED);
            assertThat(edits.rate()).isLessThan(0.3 * edits.normal());
            assertThat(edits.normal()).as("the normal from before the drop").isGreaterThan(10);
            assertThat(seen.get(WRITTEN)).as("the notes' states: %s", seen).doesNotContain(State.DROPPED);
            assertThat(watch.dropped()).extracting(RateDropWatch.Reading::type).containsExactly(EDITED);
            assertThat(acl.metrics().registry().get("ficus.acl.event.rate.dropped").tag("type", EDITED).gauge()
                    .value()).isEqualTo(1);
        } finally {
            workload.shutdownNow();
        }
    }

    private static State state(RateDropWatch watch, String type) {
        RateDropWatch.Reading reading = watch.reading(type);
        return reading == null ? null : reading.state();
    }

    /** One Debezium record of note {@code id}: created ({@code c}) or edited ({@code u}), at the next LSN. */
    private static void send(KafkaProducer<byte[], byte[]> producer, long id, String op, AtomicLong lsn) {
        long at = lsn.addAndGet(0x10);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("note_id", id);
        row.put("title", "note " + id);
        row.put("body", "edit at " + at);
        row.put("edited_by", "someone");
        byte[] value = DebeziumRecords.value("wiki.note", op, null, row, "false", at, at);
        producer.send(new ProducerRecord<>(RAW, ("{\"note_id\":" + id + "}").getBytes(StandardCharsets.UTF_8),
                value));
    }
}
