package ficus.components.its;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.components.customerstatus.CustomerStatusComponent;
import ficus.components.customerstatus.CustomerStatusSettings;
import ficus.components.customerstatus.process.CustomerStatusProcess;
import ficus.connectors.connect.ConnectClient;
import ficus.kit.consume.ApplyListener;
import ficus.kit.event.EventEnvelope;
import ficus.kit.outbox.OutboxConnector;
import ficus.kit.process.ComponentProcess;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.sandbox.crm.LegacyWorkload;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The acceptance ITs of new-components over the real stack: legacy CRM → Debezium → ACL → customer-status (the
 * Spring Boot service in its own JVM, or the kit in-process) → outbox → Debezium outbox router → lead-routing (Spring
 * Boot, own JVM). Every test ends by comparing a component's state with legacy's.
 */
@ExtendWith(SandboxExtension.class)
class ComponentsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Pipeline pipeline;

    @BeforeAll
    static void startPipeline(Sandbox sandbox) throws Exception {
        pipeline = Pipeline.start(sandbox);
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldCascadeLegacyChangesThroughCustomerStatusAndItsOutboxToLeadRouting() throws Exception {
        DataSource statusDb = pipeline.database("cs_cascade");
        DataSource routingDb = pipeline.database("lr_cascade");
        Sandbox s = pipeline.sandbox;
        CustomerStatusSettings settings = CustomerStatusSettings.of(s.bootstrapServers(),
                pipeline.jdbcUrl("cs_cascade"), s.postgres().user(), s.postgres().password());
        try (CustomerStatusProcess status = CustomerStatusProcess.start(settings)) {
            var plan = new OutboxConnector.Plan("customer-status", s.postgres().host(), s.postgres().port(),
                    "cs_cascade", s.postgres().user(), "${file:" + s.secretsFile() + ":" + Sandbox.LEGACY_PASSWORD_KEY
                    + "}", 3);
            ConnectClient connect = ConnectClient.of(s.connectUrl());
            connect.putConfig(OutboxConnector.name(plan), OutboxConnector.render(plan));
            connect.awaitRunning(OutboxConnector.name(plan), Duration.ofSeconds(90));

            try (ComponentProcess routing = startLeadRouting("lr_cascade")) {
                List<Long> freshnessMillis;
                try (LegacyWorkload workload = pipeline.workload()) {
                    await().atMost(Pipeline.CONVERGE).until(() -> status.appliedCount() >= Pipeline.CUSTOMERS);
                    freshnessMillis = measureFreshness(status.httpPort(), 30);
                }
                pipeline.awaitConverged(() -> Pipeline.componentStatuses(statusDb));
                Set<Long> legacyInactive = inactive(pipeline.legacyStatuses());
                await().atMost(Pipeline.CONVERGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(parkedNotRemoved(routingDb)).as("lead-routing's parked customers (log %s)",
                                routing.spec().log()).isEqualTo(legacyInactive));

                assertThat(legacyInactive).isNotEmpty();
                long sample = legacyInactive.iterator().next();
                assertThat(get(routing.httpPort(), "/customers/" + sample + "/routing"))
                        .contains("\"routable\":false");
                assertThat(get(status.httpPort(), "/customers?status=SUSPENDED&page=0&size=5"))
                        .contains("\"items\":[{").contains("\"size\":5");
                // each service's Prometheus endpoint: the kit's meters and its Kafka consumer's, with real values
                assertScrapeOfAComponent(get(status.httpPort(), "/actuator/prometheus"), "customer-status");
                assertScrapeOfAComponent(get(routing.httpPort(), "/actuator/prometheus"), "lead-routing");
                report(freshnessMillis);
            } finally {
                connect.delete(OutboxConnector.name(plan));
            }
        }
    }

    @Test
    void shouldCatchUpAfterBeingStoppedWhileLegacyKeepsWriting() throws Exception {
        DataSource db = pipeline.database("cs_restart");
        Sandbox s = pipeline.sandbox;
        CustomerStatusSettings settings = CustomerStatusSettings.of(s.bootstrapServers(),
                pipeline.jdbcUrl("cs_restart"), s.postgres().user(), s.postgres().password())
                .withConsumerGroup("cs-restart");
        try (LegacyWorkload workload = pipeline.workload()) {
            long appliedFirst;
            try (CustomerStatusProcess first = CustomerStatusProcess.start(settings)) {
                await().atMost(Pipeline.CONVERGE).until(() -> first.appliedCount() >= Pipeline.CUSTOMERS
                        && first.componentInfo().orElseThrow().path("lag").asLong() == 0);
                appliedFirst = first.appliedCount();
            }
            long writtenWhileDown = workload.operations();
            await().atMost(Duration.ofMinutes(1)).until(() -> workload.operations() >= writtenWhileDown + 250);
            try (CustomerStatusProcess second = CustomerStatusProcess.start(settings)) {
                workload.stop();
                pipeline.awaitConverged(() -> Pipeline.componentStatuses(db));
                // it caught up from its committed offsets: it did not re-apply the snapshot
                assertThat(second.appliedCount()).isPositive().isLessThan(appliedFirst);
            }
        }
    }

    @Test
    void shouldShareThePartitionsBetweenTwoInstancesAndApplyNoEventTwice() throws Exception {
        DataSource db = pipeline.database("cs_pair");
        Sandbox s = pipeline.sandbox;
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        CustomerStatusSettings settings = CustomerStatusSettings.of(s.bootstrapServers(), pipeline.jdbcUrl("cs_pair"),
                s.postgres().user(), s.postgres().password()).withConsumerGroup("cs-pair");
        try (LegacyWorkload workload = pipeline.workload();
             CustomerStatusComponent first = CustomerStatusComponent.start(settings.withListener(a));
             CustomerStatusComponent second = CustomerStatusComponent.start(settings.withListener(b))) {
            await().atMost(Pipeline.CONVERGE).until(() -> a.partitions.size() + b.partitions.size() >= 3
                    && !a.partitions.isEmpty() && !b.partitions.isEmpty());
            await().atMost(Duration.ofMinutes(1)).until(() -> workload.operations() >= 300);
            workload.stop();
            pipeline.awaitConverged(() -> Pipeline.componentStatuses(db));

            List<String> all = new ArrayList<>(a.applied);
            all.addAll(b.applied);
            assertThat(all).doesNotHaveDuplicates();
            assertThat(first.appliedCount()).isPositive();
            assertThat(second.appliedCount()).isPositive();
        }
    }

    @Test
    void shouldChangeNothingWhenTheSameEventsAreReplayedFromOffsetZero() throws Exception {
        DataSource db = pipeline.database("cs_replay");
        Sandbox s = pipeline.sandbox;
        CustomerStatusSettings settings = CustomerStatusSettings.of(s.bootstrapServers(),
                pipeline.jdbcUrl("cs_replay"), s.postgres().user(), s.postgres().password())
                .withConsumerGroup("cs-replay-1");
        long appliedFirst;
        try (CustomerStatusComponent first = CustomerStatusComponent.start(settings)) {
            pipeline.awaitConverged(() -> Pipeline.componentStatuses(db));
            // statuses converged, but events that change no status (details) may still be arriving from the layer's
            // backlog of earlier tests: the replay below is only "the same events" once this one has read them all
            await().atMost(Pipeline.CONVERGE).during(Duration.ofSeconds(3))
                    .until(() -> first.consumer().metrics().lag() == 0);
            appliedFirst = first.appliedCount();
        }
        Map<Long, String> before = Pipeline.query(db, "select customer_id, position || ' ' || status || ' ' "
                + "|| removed || ' ' || last_event_id from customer_status");
        try (CustomerStatusComponent replay = CustomerStatusComponent.start(settings
                .withConsumerGroup("cs-replay-2"))) {
            await().atMost(Pipeline.CONVERGE).until(() -> replay.skippedCount() >= appliedFirst
                    && replay.consumer().metrics().lag() == 0);
            assertThat(replay.appliedCount()).isZero();
        }
        assertThat(Pipeline.query(db, "select customer_id, position || ' ' || status || ' ' || removed || ' ' "
                + "|| last_event_id from customer_status")).isEqualTo(before);
    }

    @Test
    void shouldDeadLetterAPoisonEventWhileTheOtherEventsKeepFlowing() throws Exception {
        DataSource db = pipeline.database("cs_poison");
        Sandbox s = pipeline.sandbox;
        CustomerStatusSettings settings = CustomerStatusSettings.of(s.bootstrapServers(),
                pipeline.jdbcUrl("cs_poison"), s.postgres().user(), s.postgres().password())
                .withConsumerGroup("cs-poison");
        String poisonKey = "poison-" + UUID.randomUUID();
        try (LegacyWorkload workload = pipeline.workload();
             CustomerStatusComponent component = CustomerStatusComponent.start(settings)) {
            try (var producer = producer(s)) {
                var poison = new ProducerRecord<>("crm.customer.v1", poisonKey, "{\"customerId\":1}");
                poison.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
                poison.headers().add("ce_ficusposition", "not-a-position".getBytes(StandardCharsets.UTF_8));
                producer.send(poison).get();
            }
            await().atMost(Pipeline.CONVERGE).until(() -> component.deadLetterCount() >= 1);
            long appliedAtPoison = component.appliedCount();
            await().atMost(Pipeline.CONVERGE).until(() -> component.appliedCount() > appliedAtPoison + 20);
            workload.stop();
            pipeline.awaitConverged(() -> Pipeline.componentStatuses(db));
        }
        ConsumerRecord<String, String> letter = readDeadLetter(s, "cs-poison.dlq", poisonKey);
        assertThat(header(letter, "ficus_dlq_kind")).isEqualTo("poison");
        assertThat(header(letter, "ficus_dlq_reason")).contains("ce_");
        assertThat(header(letter, "ficus_dlq_source_topic")).isEqualTo("crm.customer.v1");
        assertThat(letter.value()).isEqualTo("{\"customerId\":1}");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static ComponentProcess startLeadRouting(String database) throws IOException {
        Sandbox s = pipeline.sandbox;
        int port = ComponentProcess.freePort();
        Path jar = Path.of(System.getProperty("ficus.lead-routing.app-jar"));
        return ComponentProcess.start(new ComponentProcess.Spec("lead-routing", jar,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                List.of("--server.port=" + port, "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + pipeline.jdbcUrl(database),
                        "--spring.datasource.username=" + s.postgres().user(),
                        "--ficus.component.bootstrap-servers=" + s.bootstrapServers()),
                Map.of("SPRING_DATASOURCE_PASSWORD", s.postgres().password()), port,
                Files.createTempFile("ficus-lead-routing-", ".log"), null, null));
    }

    /**
     * Under the running workload: changes the status of {@code samples} random customers in legacy, one at a time, and
     * polls customer-status's HTTP API until it answers the new status; returns the delays from the legacy commit.
     */
    private static List<Long> measureFreshness(int port, int samples) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        String[] codes = {"P", "A", "S", "X"};
        String[] names = {"PROSPECT", "ACTIVE", "SUSPENDED", "CLOSED"};
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long id = 1 + random.nextInt(Pipeline.CUSTOMERS);
            int code = random.nextInt(codes.length);
            int changed;
            try (Connection c = pipeline.legacy.getConnection();
                 PreparedStatement st = c.prepareStatement("update crm.cust set cst_stat = ?, upd_ts = localtimestamp,"
                         + " upd_by = 'IT' where cust_id = ? and cst_stat <> ?")) {
                st.setString(1, codes[code]);
                st.setLong(2, id);
                st.setString(3, codes[code]);
                changed = st.executeUpdate(); // auto-commit: committed when this returns
            }
            long committed = System.nanoTime();
            if (changed == 0) {
                continue; // deleted meanwhile, or already that status
            }
            String expected = "\"status\":\"" + names[code] + "\"";
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                String body = getOrEmpty(port, "/customers/" + id + "/status");
                if (body.contains(expected)) {
                    delays.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - committed));
                    break;
                }
                if (!body.isEmpty() && !body.contains("\"status\":\"")) {
                    break; // the workload removed the customer meanwhile
                }
                Thread.onSpinWait();
            }
        }
        return delays;
    }

    private static void report(List<Long> delays) throws IOException {
        List<Long> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return;
        }
        long within = sorted.stream().filter(d -> d <= 1000).count();
        String line = "customer-status freshness (legacy commit → HTTP answers the new status) under the demo workload"
                + " (" + Pipeline.DEMO_RATE + " ops/s): samples " + sorted.size() + ", p50 "
                + sorted.get(sorted.size() / 2) + " ms, p90 " + sorted.get((int) (sorted.size() * 0.9)) + " ms, max "
                + sorted.getLast() + " ms, within 1 s: " + within + "/" + sorted.size();
        System.out.println(line);
        Files.writeString(Path.of("target", "freshness.txt"), line + "\n" + sorted + "\n");
    }

    private static Set<Long> inactive(Map<Long, String> statuses) {
        Set<Long> ids = new HashSet<>();
        statuses.forEach((id, status) -> {
            if (status.equals("SUSPENDED") || status.equals("CLOSED")) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static Set<Long> parkedNotRemoved(DataSource routingDb) {
        return Pipeline.query(routingDb,
                "select customer_id, reason from customer_routing where not routable and reason <> 'REMOVED'")
                .keySet();
    }

    /** A Prometheus scrape of a component that has applied events: the kit's meters, its consumer's, the JVM's. */
    private static void assertScrapeOfAComponent(String scrape, String component) {
        String tag = "component=\"" + component + "\"";
        assertThat(sample(scrape, "ficus_component_applied_total", tag)).as("%s applied, in:%n%s", component, scrape)
                .isPositive();
        assertThat(sample(scrape, "ficus_component_freshness_seconds_count", tag)).isPositive();
        assertThat(sample(scrape, "ficus_component_lag", tag)).isGreaterThanOrEqualTo(0);
        assertThat(sample(scrape, "kafka_consumer_fetch_manager_records_consumed_total", tag))
                .as("the consumer's own metrics are bound").isPositive();
        assertThat(scrape).contains("jvm_memory_used_bytes");
    }

    /** The largest value of the series of {@code name} whose labels contain {@code label}; NaN when there is none. */
    private static double sample(String scrape, String name, String label) {
        return scrape.lines().filter(l -> l.startsWith(name + "{") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max().orElse(Double.NaN);
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return r.body();
    }

    private static String getOrEmpty(int port, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : r.statusCode() == 404 ? "{}" : "";
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private static long endOffsets(String topic) {
        try (var consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.sandbox.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "its-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    private static KafkaProducer<String, String> producer(Sandbox s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static ConsumerRecord<String, String> readDeadLetter(Sandbox s, String topic, String key) {
        try (var consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Event ids applied by one instance, and the partitions it applied from. */
    static final class RecordingListener implements ApplyListener {
        final List<String> applied = new CopyOnWriteArrayList<>();
        final Set<Integer> partitions = ConcurrentHashMap.newKeySet();

        @Override
        public void onApplied(EventEnvelope event, Instant appliedAt) {
            applied.add(event.id());
            partitions.add(event.partition());
        }

        @Override
        public void onSkipped(EventEnvelope event, String why) {
        }
    }
}
