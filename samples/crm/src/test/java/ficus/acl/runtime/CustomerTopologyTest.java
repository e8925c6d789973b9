package ficus.acl.runtime;

import static ficus.acl.runtime.RawChanges.create;
import static ficus.acl.runtime.RawChanges.cust;
import static ficus.acl.runtime.RawChanges.key;
import static ficus.acl.runtime.RawChanges.update;
import static ficus.acl.runtime.RawChanges.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.samples.crm.CrmSample;
import ficus.acl.translation.Origin;
import ficus.acl.translation.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CRM's customer translation on the wire: one table, through the real topology (CloudEvents, ids, dead letters, metrics). */
class CustomerTopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AclTopics TOPICS = AclTopics.of(CrmSample.customerSpec(), "legacy.crm.cust");
    private static final long ID = 1_000_001L;

    @TempDir
    Path stateDir;

    private final List<TopologyTestDriver> drivers = new ArrayList<>();
    private AclMetrics metrics;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, byte[]> domain;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @AfterEach
    void closeDrivers() {
        drivers.forEach(TopologyTestDriver::close);
    }

    private void startDriver(String name) {
        metrics = new AclMetrics();
        StreamsBuilder builder = new StreamsBuilder();
        AggregateTopology.build(builder, TOPICS, CrmSample.customerSpec(), metrics);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "acl-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        TopologyTestDriver driver = new TopologyTestDriver(builder.build(props), props);
        drivers.add(driver);
        raw = driver.createInputTopic(TOPICS.raw().name(), new ByteArraySerializer(), new ByteArraySerializer());
        domain = driver.createOutputTopic(TOPICS.domain().name(), new StringDeserializer(),
                new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetter().name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private void pipe(byte[] value) {
        raw.pipeInput(key(ID), value);
    }

    private static String header(Headers headers, String key) {
        return CloudEventHeaders.text(headers, key);
    }

    private static JsonNode json(byte[] value) throws IOException {
        return JSON.readTree(value);
    }

    @Test
    void shouldPublishARegisteredEventKeyedByCustomerIdWithCloudEventsHeaders() throws IOException {
        startDriver("registered");
        pipe(create(cust(ID, "A"), 0x100, 0x108));

        TestRecord<String, byte[]> record = domain.readRecord();
        assertThat(record.key()).isEqualTo("1000001");
        Headers headers = record.headers();
        SourcePosition position = SourcePosition.streamed(0x100, 0x108);
        assertThat(header(headers, "ce_specversion")).isEqualTo("1.0");
        // the same id the customer-only layer gave this change: the generic engine keeps every id
        assertThat(header(headers, "ce_id")).isEqualTo(java.util.UUID.nameUUIDFromBytes(("customer|legacy.crm.cust|"
                + position.format() + "|1000001|crm.CustomerRegistered.v1").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)).toString());
        assertThat(header(headers, "ce_source")).isEqualTo("ficus://legacy/customer");
        assertThat(header(headers, "ce_type")).isEqualTo("crm.CustomerRegistered.v1");
        assertThat(header(headers, "ce_subject")).isEqualTo("1000001");
        assertThat(header(headers, "ce_time")).isEqualTo("2023-11-14T22:13:20.387Z"); // 1700000000123 + 0x108 ms
        assertThat(header(headers, "ce_ficusposition")).isEqualTo("1/0000000000000100/0000000000000108");
        assertThat(header(headers, "content-type")).isEqualTo("application/json");
        assertThat(json(record.value())).isEqualTo(JSON.readTree("""
                {"customerId":1000001,"type":"CustomerRegistered",
                 "state":{"customerId":1000001,"name":"Customer 1000001","email":"c1000001@example.org",
                          "status":"ACTIVE","registeredAt":"2023-11-14T22:13:20Z","address":null,"openLeads":0},
                 "changed":["customerId","name","email","status","registeredAt","address","openLeads"]}
                """));
        assertThat(domain.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldPublishAStatusChangeAsTheContractShowsIt() throws IOException {
        startDriver("status");
        pipe(create(cust(ID, "P"), 0x100, 0x108));
        pipe(update(cust(ID, "P"), cust(ID, "A"), 0x200, 0x208));

        List<TestRecord<String, byte[]>> records = domain.readRecordsToList();
        assertThat(records).hasSize(2);
        TestRecord<String, byte[]> changed = records.get(1);
        assertThat(header(changed.headers(), "ce_type")).isEqualTo("crm.CustomerStatusChanged.v1");
        assertThat(json(changed.value())).isEqualTo(JSON.readTree("""
                {"customerId":1000001,"type":"CustomerStatusChanged",
                 "state":{"customerId":1000001,"name":"Customer 1000001","email":"c1000001@example.org",
                          "status":"ACTIVE","registeredAt":"2023-11-14T22:13:20Z","address":null,"openLeads":0},
                 "changed":["status"],"previousStatus":"PROSPECT"}
                """));
    }

    @Test
    void shouldPublishNothingForTheNightlyTouch() {
        startDriver("nightly");
        Map<String, Object> before = cust(ID, "A");
        pipe(create(before, 0x100, 0x108));
        domain.readRecord();
        Map<String, Object> touched = with(with(before, "upd_ts", RawChanges.CREATED_MICROS + 86_400_000_000L),
                "upd_by", "NIGHTLY");
        pipe(update(before, touched, 0x200, 0x208));

        assertThat(domain.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(metrics.skipped()).isEqualTo(1);
    }

    @Test
    void shouldNeverPublishTheNationalIdNorOtherUnmappedColumns() {
        startDriver("pii");
        Map<String, Object> leaky = with(cust(ID, "A"), "natl_id", "756.1234.5678.97");
        pipe(create(leaky, 0x100, 0x108));
        pipe(update(leaky, with(leaky, "cst_stat", "X"), 0x200, 0x208));
        pipe(RawChanges.delete(with(leaky, "cst_stat", "X"), 0x300, 0x308));

        List<TestRecord<String, byte[]>> records = domain.readRecordsToList();
        assertThat(records).hasSize(3);
        for (TestRecord<String, byte[]> record : records) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(value).doesNotContain("natl_id", "756.1234.5678.97", "notes of", "upd_by", "cst_");
            record.headers().forEach(h -> assertThat(new String(h.value(), StandardCharsets.UTF_8))
                    .doesNotContain("756.1234.5678.97"));
        }
    }

    @Test
    void shouldGiveEveryEventTheSameIdInTwoIndependentRuns() {
        List<List<String>> idsPerRun = new ArrayList<>();
        for (String run : List.of("run-1", "run-2")) {
            startDriver(run);
            pipe(create(cust(ID, "P"), 0x100, 0x108));
            pipe(update(cust(ID, "P"), cust(ID, "A"), 0x200, 0x208));
            pipe(update(cust(ID, "A"), cust(ID, "X"), 0x300, 0x308));
            idsPerRun.add(domain.readRecordsToList().stream().map(r -> header(r.headers(), "ce_id")).toList());
        }
        assertThat(idsPerRun.get(0)).hasSize(3).doesNotHaveDuplicates().isEqualTo(idsPerRun.get(1));
    }

    @Test
    void shouldRouteAnUntranslatableChangeToTheDeadLetterTopicAndKeepGoing() {
        startDriver("dlq");
        pipe(create(cust(ID, "A"), 0x100, 0x108));
        domain.readRecord();
        RecordHeaders original = new RecordHeaders();
        original.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        byte[] bad = update(cust(ID, "A"), cust(ID, "Z"), 0x200, 0x208);
        raw.pipeInput(new TestRecord<>(key(ID), bad, original));
        pipe(update(cust(ID, "A"), cust(ID, "S"), 0x300, 0x308));

        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(letter.key()).isEqualTo(key(ID));
        assertThat(letter.value()).isEqualTo(bad);
        Headers headers = letter.headers();
        assertThat(header(headers, "traceparent")).isEqualTo("00-abc-def-01");
        assertThat(header(headers, "ficus_dlq_reason")).contains("cst_stat").contains("'Z'");
        assertThat(header(headers, "ficus_dlq_source_topic")).isEqualTo("legacy.crm.cust");
        assertThat(header(headers, "ficus_dlq_source_partition")).isEqualTo("0");
        assertThat(header(headers, "ficus_dlq_source_offset")).isEqualTo("1");
        assertThat(header(headers, "ficus_dlq_translation")).isEqualTo("customer");
        assertThat(header(headers, "ficus_dlq_translation_version")).isEqualTo("1");

        TestRecord<String, byte[]> next = domain.readRecord();
        assertThat(header(next.headers(), "ce_type")).isEqualTo("crm.CustomerStatusChanged.v1");
        assertThat(metrics.deadLettered()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAMalformedRecordWithItsReason() {
        startDriver("malformed");
        byte[] garbage = "{\"op\":\"c\",".getBytes(StandardCharsets.UTF_8);
        pipe(garbage);
        pipe(create(cust(ID, "A"), 0x100, 0x108));

        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter.headers(), "ficus_dlq_reason")).startsWith("malformed change:");
        assertThat(header(letter.headers(), "ficus_dlq_source_offset")).isEqualTo("0");
        assertThat(domain.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldPublishNothingForAReplayedChange() {
        startDriver("replay");
        byte[] insert = create(cust(ID, "A"), 0x100, 0x108);
        byte[] change = update(cust(ID, "A"), cust(ID, "S"), 0x200, 0x208);
        pipe(insert);
        pipe(change);
        pipe(insert);
        pipe(change);

        assertThat(domain.readRecordsToList()).hasSize(2);
        assertThat(metrics.duplicates()).isEqualTo(2);
    }

    @Test
    void shouldSkipATombstone() {
        startDriver("tombstone");
        raw.pipeInput(key(ID), (byte[]) null);
        assertThat(domain.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(metrics.skipped()).isEqualTo(1);
    }

    @Test
    void shouldCountEveryConsumedRecordExactlyOnce() {
        startDriver("metrics");
        pipe(create(cust(ID, "A"), 0x100, 0x108));
        pipe(create(cust(ID, "A"), 0x100, 0x108));
        pipe(update(cust(ID, "A"), with(cust(ID, "A"), "upd_by", "NIGHTLY"), 0x200, 0x208));
        pipe(update(cust(ID, "A"), cust(ID, "Q"), 0x300, 0x308));
        pipe(update(cust(ID, "A"), cust(ID, "X"), 0x400, 0x408));

        assertThat(metrics.consumed()).isEqualTo(5);
        assertThat(metrics.translated()).isEqualTo(2);
        assertThat(metrics.emitted()).isEqualTo(2);
        assertThat(metrics.duplicates()).isEqualTo(1);
        assertThat(metrics.skipped()).isEqualTo(1);
        assertThat(metrics.deadLettered()).isEqualTo(1);
    }

    @Test
    void shouldWriteEachEventsTypeAndPreviousValuesIntoItsValue() throws Exception {
        startDriver("values");
        pipe(create(cust(ID, "P"), 0x100, 0x108));
        pipe(update(cust(ID, "P"), cust(ID, "X"), 0x200, 0x208));
        pipe(RawChanges.delete(cust(ID, "X"), 0x300, 0x308));

        List<TestRecord<String, byte[]>> records = domain.readRecordsToList();
        List<com.fasterxml.jackson.databind.JsonNode> values = new ArrayList<>();
        for (TestRecord<String, byte[]> record : records) {
            values.add(JSON.readTree(record.value()));
        }
        assertThat(values).extracting(v -> v.path("type").asText()).containsExactly("CustomerRegistered",
                "CustomerClosed", "CustomerRemoved");
        assertThat(values.get(1).path("previousStatus").asText()).isEqualTo("PROSPECT");
        assertThat(values.get(1).path("state").path("status").asText()).isEqualTo("CLOSED");
        assertThat(values.get(2).get("state").isNull()).isTrue();
        assertThat(values.get(2).path("customerId").asLong()).isEqualTo(ID);
        assertThat(records).extracting(r -> header(r.headers(), "ce_type")).containsExactly(
                "crm.CustomerRegistered.v1", "crm.CustomerClosed.v1", "crm.CustomerRemoved.v1");
    }
}
