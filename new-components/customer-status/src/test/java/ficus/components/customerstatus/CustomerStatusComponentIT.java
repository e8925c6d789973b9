package ficus.components.customerstatus;

import static ficus.components.customerstatus.store.generated.Tables.CUSTOMER_STATUS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.components.customerstatus.store.CustomerStatusView;
import ficus.kit.consume.ApplyListener;
import ficus.kit.event.EnvelopeReader;
import ficus.kit.event.EventEnvelope;
import ficus.kit.inbox.AppliedPositionTable;
import ficus.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ficus.sandbox.SandboxExtension;

/**
 * The component over the real sandbox broker and PostgreSQL: hand-built contract records on a topic of the test's own,
 * a database of the test's own.
 */
@ExtendWith(SandboxExtension.class)
class CustomerStatusComponentIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2023-11-14T22:13:20.123Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    @Test
    void shouldApplyEveryEventTypeAndServeTheLatestStatusOverHttp(Sandbox s) throws Exception {
        Fixture f = fixture(s, "cs_it_apply");
        var component = f.start();

        f.send(event("crm.CustomerRegistered.v1", 1000001, pos(1, 0x100), T0, "PROSPECT", null),
                event("crm.CustomerStatusChanged.v1", 1000001, pos(1, 0x200), T0.plusSeconds(1), "ACTIVE",
                        "PROSPECT"),
                event("crm.CustomerRegistered.v1", 1000002, pos(1, 0x110), T0, "ACTIVE", null),
                event("crm.CustomerClosed.v1", 1000002, pos(1, 0x210), T0.plusSeconds(2), "CLOSED", "ACTIVE"),
                event("crm.CustomerRegistered.v1", 1000003, pos(0, 0x050), T0, "SUSPENDED", null),
                event("crm.CustomerDetailsChanged.v1", 1000003, pos(1, 0x300), T0.plusSeconds(3), "SUSPENDED", null));

        await().atMost(WAIT).untilAsserted(() -> assertThat(component.appliedCount()).isEqualTo(6));
        assertThat(component.skippedCount()).isZero();
        assertThat(f.listener.applied).hasSize(6);

        JsonNode ada = get(component, "/customers/1000001/status", 200);
        assertThat(ada.path("customerId").asLong()).isEqualTo(1000001L);
        assertThat(ada.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(ada.path("since").asText()).isEqualTo(T0.plusSeconds(1).toString());
        assertThat(get(component, "/customers/1000002/status", 200).path("status").asText()).isEqualTo("CLOSED");
        assertThat(get(component, "/customers/1000003/status", 200).path("status").asText())
                .isEqualTo("SUSPENDED");
        assertThat(get(component, "/customers/999/status", 404).path("error").asText()).contains("999");
        assertThat(get(component, "/customers/ada/status", 400).path("error").asText()).contains("ada");
        assertThat(get(component, "/health", 200).path("status").asText()).isEqualTo("UP");

        CustomerStatusView row = f.row(1000001).orElseThrow();
        assertThat(row.position()).isEqualTo(pos(1, 0x200));
        assertThat(row.lastEventId()).isEqualTo(eventId(1000001, pos(1, 0x200)));
        assertThat(row.legacyCommitTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(row.removed()).isFalse();
        assertThat(f.storedPositions()).containsEntry("1000001", pos(1, 0x200)).containsEntry("1000003", pos(1, 0x300));
    }

    @Test
    void shouldChangeNothingWhenTheSameEventsArriveAgain(Sandbox s) throws Exception {
        Fixture f = fixture(s, "cs_it_replay");
        var component = f.start();
        List<ProducerRecord<String, String>> events = List.of(
                event("crm.CustomerRegistered.v1", 2000001, pos(1, 0x100), T0, "PROSPECT", null),
                event("crm.CustomerStatusChanged.v1", 2000001, pos(1, 0x200), T0.plusSeconds(1), "ACTIVE",
                        "PROSPECT"),
                event("crm.CustomerRegistered.v1", 2000002, pos(1, 0x150), T0, "ACTIVE", null));
        f.send(events);
        await().atMost(WAIT).untilAsserted(() -> assertThat(component.appliedCount()).isEqualTo(3));
        Result<?> before = f.rows();

        f.send(events); // the same source changes published again: same ids, same positions
        await().atMost(WAIT).untilAsserted(() -> assertThat(component.skippedCount()).isEqualTo(3));

        assertThat(component.appliedCount()).isEqualTo(3);
        assertThat(f.rows()).isEqualTo(before);
        assertThat(f.listener.skipped).allSatisfy(why -> assertThat(why).contains("not newer"));

        // a second instance reading the whole topic from the start (a new consumer group) changes nothing either
        var replay = f.start(f.settings().withConsumerGroup("cs-it-replay-from-start"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(replay.skippedCount()).isEqualTo(6));
        assertThat(replay.appliedCount()).isZero();
        assertThat(f.rows()).isEqualTo(before);
    }

    @Test
    void shouldSkipAnOlderPositionThatArrivesAfterANewerOne(Sandbox s) throws Exception {
        Fixture f = fixture(s, "cs_it_older");
        var component = f.start();

        f.send(event("crm.CustomerRegistered.v1", 3000001, pos(1, 0x100), T0, "ACTIVE", null),
                event("crm.CustomerStatusChanged.v1", 3000001, pos(1, 0x500), T0.plusSeconds(5), "SUSPENDED",
                        "ACTIVE"),
                // a redelivered older change: its position is below the stored one
                event("crm.CustomerStatusChanged.v1", 3000001, pos(1, 0x300), T0.plusSeconds(3), "ACTIVE",
                        "PROSPECT"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(component.skippedCount()).isEqualTo(1));
        assertThat(component.appliedCount()).isEqualTo(2);
        assertThat(f.listener.skipped).singleElement().asString().contains(pos(1, 0x300)).contains(pos(1, 0x500));
        JsonNode body = get(component, "/customers/3000001/status", 200);
        assertThat(body.path("status").asText()).isEqualTo("SUSPENDED");
        assertThat(body.path("since").asText()).isEqualTo(T0.plusSeconds(5).toString());
        assertThat(f.row(3000001).orElseThrow().position()).isEqualTo(pos(1, 0x500));
    }

    @Test
    void shouldAnswerNotFoundOnceTheCustomerIsRemovedAndNotResurrectItWithAnOlderEvent(Sandbox s) throws Exception {
        Fixture f = fixture(s, "cs_it_removed");
        var component = f.start();
        f.send(event("crm.CustomerRegistered.v1", 4000001, pos(1, 0x100), T0, "ACTIVE", null));
        await().atMost(WAIT).untilAsserted(() -> get(component, "/customers/4000001/status", 200));

        f.send(removed(4000001, pos(1, 0x200), T0.plusSeconds(2)),
                event("crm.CustomerStatusChanged.v1", 4000001, pos(1, 0x150), T0.plusSeconds(1), "SUSPENDED",
                        "ACTIVE"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(component.skippedCount()).isEqualTo(1));
        assertThat(component.appliedCount()).isEqualTo(2);
        assertThat(get(component, "/customers/4000001/status", 404).path("error").asText()).contains("removed");
        CustomerStatusView row = f.row(4000001).orElseThrow();
        assertThat(row.removed()).isTrue();
        assertThat(row.position()).isEqualTo(pos(1, 0x200));
        assertThat(row.legacyCommitTime()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void shouldDeadLetterAPoisonRecordAndKeepApplyingTheEventsAfterIt(Sandbox s) throws Exception {
        Fixture f = fixture(s, "cs_it_poison");
        var component = f.start();
        ProducerRecord<String, String> noType = event("crm.CustomerRegistered.v1", 5000001, pos(1, 0x100), T0,
                "ACTIVE", null);
        noType.headers().remove("ce_type");

        f.send(noType, event("crm.CustomerRegistered.v1", 5000001, pos(1, 0x200), T0, "PROSPECT", null));

        await().atMost(WAIT).untilAsserted(() -> assertThat(component.appliedCount()).isEqualTo(1));
        assertThat(component.poisonCount()).isEqualTo(1);
        assertThat(f.listener.poison).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("missing header ce_type");
            assertThat(p.topic()).isEqualTo(f.topic);
        });
        assertThat(get(component, "/customers/5000001/status", 200).path("status").asText()).isEqualTo("PROSPECT");
        assertThat(component.deadLetterCount()).isEqualTo(1);
        var letter = readOne(s, component.consumer().deadLetterTopic());
        assertThat(letter.key()).isEqualTo("5000001");
        assertThat(header(letter, "ficus_dlq_reason")).isEqualTo("missing header ce_type");
        assertThat(header(letter, "ficus_dlq_kind")).isEqualTo("poison");
        assertThat(header(letter, "ficus_dlq_source_topic")).isEqualTo(f.topic);
        assertThat(header(letter, "ce_ficusposition")).isEqualTo(pos(1, 0x100));
    }

    private static org.apache.kafka.clients.consumer.ConsumerRecord<String, String> readOne(Sandbox s, String topic) {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> got = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(got::add);
                return !got.isEmpty();
            });
            return got.getFirst();
        }
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldResumeAfterRestartWithoutApplyingCommittedEventsAgain(Sandbox s) throws Exception {
        Fixture f = fixture(s, "cs_it_restart");
        var first = f.start();
        f.send(event("crm.CustomerRegistered.v1", 6000001, pos(1, 0x100), T0, "PROSPECT", null));
        await().atMost(WAIT).untilAsserted(() -> assertThat(first.appliedCount()).isEqualTo(1));
        first.close();
        assertThat(first.isRunning()).isFalse();

        f.send(event("crm.CustomerStatusChanged.v1", 6000001, pos(1, 0x200), T0.plusSeconds(1), "ACTIVE",
                "PROSPECT"));
        var second = f.start();

        await().atMost(WAIT).untilAsserted(() -> assertThat(second.appliedCount()).isEqualTo(1));
        assertThat(second.skippedCount()).as("the committed event is not redelivered").isZero();
        assertThat(get(second, "/customers/6000001/status", 200).path("status").asText()).isEqualTo("ACTIVE");
    }

    // ---- fixture

    private Fixture fixture(Sandbox s, String name) throws Exception {
        s.postgres().createDatabase(name);
        String topic = "crm.customer.v1." + name;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        toClose.add(producer);
        return new Fixture(s, name, topic, producer);
    }

    private final class Fixture {
        final Sandbox sandbox;
        final String database;
        final String topic;
        final KafkaProducer<String, String> producer;
        final RecordingListener listener = new RecordingListener();
        final DSLContext dsl;

        Fixture(Sandbox sandbox, String database, String topic, KafkaProducer<String, String> producer) {
            this.sandbox = sandbox;
            this.database = database;
            this.topic = topic;
            this.producer = producer;
            this.dsl = DSL.using(sandbox.postgres().dataSource(database), SQLDialect.POSTGRES);
        }

        CustomerStatusSettings settings() {
            return CustomerStatusSettings.of(sandbox.bootstrapServers(), sandbox.postgres().jdbcUrl(database),
                            sandbox.postgres().user(), sandbox.postgres().password())
                    .withTopic(topic)
                    .withConsumerGroup("cs-it-" + database)
                    .withListener(listener);
        }

        CustomerStatusComponent start() {
            return start(settings());
        }

        CustomerStatusComponent start(CustomerStatusSettings settings) {
            CustomerStatusComponent component = CustomerStatusComponent.start(settings);
            toClose.add(component);
            return component;
        }

        @SafeVarargs
        final void send(ProducerRecord<String, String>... records) throws Exception {
            send(List.of(records));
        }

        void send(List<ProducerRecord<String, String>> records) throws Exception {
            for (ProducerRecord<String, String> r : records) {
                producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers())).get();
            }
        }

        java.util.Optional<CustomerStatusView> row(long customerId) {
            return dsl.select(CUSTOMER_STATUS.CUSTOMER_ID, CUSTOMER_STATUS.STATUS, CUSTOMER_STATUS.REMOVED, CUSTOMER_STATUS.POSITION,
                            CUSTOMER_STATUS.LAST_EVENT_ID, CUSTOMER_STATUS.LEGACY_COMMIT_TIME, CUSTOMER_STATUS.APPLIED_AT)
                    .from(CUSTOMER_STATUS).where(CUSTOMER_STATUS.CUSTOMER_ID.eq(customerId))
                    .fetchOptional(r -> new CustomerStatusView(r.value1(),
                            ficus.components.customerstatus.model.CustomerStatus.valueOf(r.value2()), r.value3(),
                            r.value4(), r.value5(), r.value6(), r.value7()));
        }

        Result<?> rows() {
            return dsl.selectFrom(CUSTOMER_STATUS).orderBy(CUSTOMER_STATUS.CUSTOMER_ID).fetch();
        }

        Map<String, String> storedPositions() {
            return dsl.select(AppliedPositionTable.AGGREGATE_ID, AppliedPositionTable.POSITION)
                    .from(AppliedPositionTable.APPLIED_POSITION)
                    .fetch().stream().collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
        }
    }

    static final class RecordingListener implements ApplyListener {
        final List<EventEnvelope> applied = new CopyOnWriteArrayList<>();
        final List<String> skipped = new CopyOnWriteArrayList<>();
        final List<EnvelopeReader.Read.Poison> poison = new CopyOnWriteArrayList<>();

        @Override
        public void onApplied(EventEnvelope event, Instant appliedAt) {
            applied.add(event);
        }

        @Override
        public void onSkipped(EventEnvelope event, String why) {
            skipped.add(why);
        }

        @Override
        public void onPoison(EnvelopeReader.Read.Poison p) {
            poison.add(p);
        }
    }

    // ---- contract records, built by hand as the ACL would publish them

    private static String pos(int phase, long lsn) {
        return String.format("%d/%016X/%016X", phase, phase == 0 ? 0 : lsn - 8, lsn);
    }

    private static String eventId(long customerId, String position) {
        return UUID.nameUUIDFromBytes((customerId + "|" + position).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private ProducerRecord<String, String> event(String ceType, long customerId, String position, Instant time,
                                                 String status, String previousStatus) {
        String name = ceType.substring("crm.".length(), ceType.length() - ".v1".length());
        var data = mapper.createObjectNode().put("customerId", customerId).put("type", name);
        data.putObject("state").put("customerId", customerId).put("name", "Customer " + customerId)
                .put("email", customerId + "@example.org").put("status", status)
                .put("registeredAt", T0.toString());
        data.putArray("changed").add("status");
        if (previousStatus != null) {
            data.put("previousStatus", previousStatus);
        }
        return record(ceType, customerId, position, time, data.toString());
    }

    private ProducerRecord<String, String> removed(long customerId, String position, Instant time) {
        var data = mapper.createObjectNode().put("customerId", customerId).put("type", "CustomerRemoved");
        data.putNull("state");
        data.putArray("changed");
        return record("crm.CustomerRemoved.v1", customerId, position, time, data.toString());
    }

    private static ProducerRecord<String, String> record(String ceType, long customerId, String position,
                                                         Instant time, String value) {
        var r = new ProducerRecord<>("unset", String.valueOf(customerId), value);
        header(r, "ce_specversion", "1.0");
        header(r, "ce_id", eventId(customerId, position));
        header(r, "ce_source", "ficus://legacy/customer");
        header(r, "ce_type", ceType);
        header(r, "ce_subject", String.valueOf(customerId));
        header(r, "ce_time", time.toString());
        header(r, "ce_ficusposition", position);
        header(r, "content-type", "application/json");
        return r;
    }

    private static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode get(CustomerStatusComponent component, String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + component.httpPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s -> %s", path, response.body()).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return mapper.readTree(response.body());
    }
}
