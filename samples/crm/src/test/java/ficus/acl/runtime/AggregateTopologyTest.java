package ficus.acl.runtime;

import static ficus.acl.runtime.RawChanges.addr;
import static ficus.acl.runtime.RawChanges.cust;
import static ficus.acl.runtime.RawChanges.lead;
import static ficus.acl.runtime.RawChanges.value;
import static ficus.acl.runtime.RawChanges.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.samples.crm.CrmSample;
import ficus.acl.translation.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

/** Golden cases of the customer aggregate across crm.cust, crm.cust_addr and crm.lead, through the real topology. */
class AggregateTopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ID = 1_000_001L;
    private static final String CUSTOMER_RESOURCE = CrmSample.CUSTOMER_SPEC.substring("classpath:".length());

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private AclMetrics metrics;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
    private TestOutputTopic<String, byte[]> domain;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private AclTopics topics;

    /** The aggregate store these golden cases run on (subclasses run them on the others). */
    AggregateStoreKind storeKind() {
        return AggregateStoreKind.ROCKSDB;
    }

    /** The translation step's cache of aggregates ({@code 0}: every change reads the store). */
    int cacheEntries() {
        return AclSettings.DEFAULT_AGGREGATE_CACHE_ENTRIES;
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(TranslationSpec spec) {
        metrics = new AclMetrics();
        topics = AclTopics.of(spec, "legacy.crm.cust", "crm.customer.v1", "ficus.dlq.customer",
                "ficus.dlq.customer" + AclTopics.REPLAY_SUFFIX);
        StreamsBuilder builder = new StreamsBuilder();
        AggregateTopology.build(builder, topics, spec, metrics, 1, storeKind());
        Properties props = new Properties();
        props.put(AclSettings.AGGREGATE_CACHE_ENTRIES_CONFIG, Integer.toString(cacheEntries()));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "acl-aggregate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(props), props);
        for (String topic : topics.sources()) {
            inputs.put(topic, driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
        }
        domain = driver.createOutputTopic(topics.domain().name(), new StringDeserializer(),
                new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private void start() {
        start(CrmSample.customerSpec());
    }

    private void custChange(byte[] value) {
        inputs.get("legacy.crm.cust").pipeInput(RawChanges.key(ID), value);
    }

    private void addrChange(long addrId, byte[] value) {
        inputs.get("legacy.crm.cust_addr").pipeInput(("{\"addr_id\":" + addrId + "}").getBytes(StandardCharsets.UTF_8),
                value);
    }

    private void leadChange(long leadId, byte[] value) {
        inputs.get("legacy.crm.lead").pipeInput(("{\"lead_id\":" + leadId + "}").getBytes(StandardCharsets.UTF_8),
                value);
    }

    private static String header(TestRecord<?, ?> record, String key) {
        return CloudEventHeaders.text(record.headers(), key);
    }

    private static JsonNode json(byte[] value) throws IOException {
        return JSON.readTree(value);
    }

    @Test
    void shouldKeepAnAddressThatArrivesBeforeItsCustomerAndRegisterTheCustomerWithIt() throws IOException {
        start();
        addrChange(7, value("cust_addr", "c", null, addr(7, ID, "H", "1 New Street"), "false", 0x100L, 0x110));
        assertThat(domain.isEmpty()).isTrue();

        custChange(RawChanges.create(cust(ID, "P"), 0x100, 0x108));

        TestRecord<String, byte[]> registered = domain.readRecord();
        assertThat(header(registered, "ce_type")).isEqualTo("crm.CustomerRegistered.v1");
        assertThat(json(registered.value()).path("state").path("address")).isEqualTo(JSON.readTree("""
                {"line1":"1 New Street","city":"Porto","zip":"4000","country":"PT"}"""));
        // the customer row's own position is older than the address's: the event still carries the change's position
        assertThat(header(registered, "ce_ficusposition")).isEqualTo("1/0000000000000100/0000000000000108");
        assertThat(domain.isEmpty()).isTrue();
    }

    @Test
    void shouldStampAPartOlderThanThePublishedPositionWithTheNextRevision() throws IOException {
        start();
        custChange(RawChanges.create(cust(ID, "P"), 0x200, 0x208));
        custChange(RawChanges.update(cust(ID, "P"), cust(ID, "A"), 0x300, 0x308));
        // the address change committed before the status change, but its topic is read later
        addrChange(7, value("cust_addr", "c", null, addr(7, ID, "H", "1 New Street"), "false", 0x250L, 0x258));
        addrChange(7, value("cust_addr", "u", addr(7, ID, "H", "1 New Street"), addr(7, ID, "H", "2 Old Road"),
                "false", 0x260L, 0x268));

        List<TestRecord<String, byte[]>> events = domain.readRecordsToList();
        assertThat(events).extracting(r -> header(r, "ce_ficusposition")).containsExactly(
                "1/0000000000000200/0000000000000208", "1/0000000000000300/0000000000000308",
                "1/0000000000000300/0000000000000308/0001", "1/0000000000000300/0000000000000308/0002");
        assertThat(events).extracting(r -> header(r, "ce_type")).containsExactly("crm.CustomerRegistered.v1",
                "crm.CustomerStatusChanged.v1", "crm.CustomerDetailsChanged.v1", "crm.CustomerDetailsChanged.v1");
        assertThat(json(events.get(3).value()).path("changed")).isEqualTo(JSON.readTree("[\"address\"]"));
        assertThat(json(events.get(3).value()).path("state").path("address").path("line1").asText())
                .isEqualTo("2 Old Road");
        List<String> positions = events.stream().map(r -> header(r, "ce_ficusposition")).toList();
        assertThat(positions).isSorted();
        assertThat(positions.stream().map(SourcePosition::parse).toList()).isSorted();
    }

    @Test
    void shouldCountOpenLeadsAndFollowALeadDeletedWithoutItsCustomerColumn() throws IOException {
        start();
        custChange(RawChanges.create(cust(ID, "A"), 0x100, 0x108));
        leadChange(1, value("lead", "c", null, lead(1, ID, "N"), "false", 0x200L, 0x208));
        leadChange(2, value("lead", "c", null, lead(2, ID, "Q"), "false", 0x300L, 0x308));
        leadChange(1, value("lead", "u", null, lead(1, ID, "W"), "false", 0x400L, 0x408));
        // crm.lead has no REPLICA IDENTITY FULL: a delete carries only the key
        leadChange(2, value("lead", "d", Map.of("lead_id", 2L), null, "false", 0x500L, 0x508));

        List<TestRecord<String, byte[]>> events = domain.readRecordsToList();
        assertThat(events).hasSize(5);
        assertThat(events.stream().map(r -> {
            try {
                return json(r.value()).path("state").path("openLeads").asInt();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList()).containsExactly(0, 1, 2, 1, 0);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeleteAMovedLeadFromItsLastOwnerEvenAfterAStaleReadOfItsOldOwnerArrived() throws IOException {
        start();
        long other = ID + 1;
        custChange(RawChanges.create(cust(ID, "A"), 0x100, 0x108));
        inputs.get("legacy.crm.cust").pipeInput(RawChanges.key(other), RawChanges.create(cust(other, "A"), 0x110,
                0x118));
        leadChange(1, value("lead", "c", null, lead(1, ID, "N"), "false", 0x200L, 0x208));
        leadChange(1, value("lead", "u", null, lead(1, other, "N"), "false", 0x300L, 0x308)); // moves to `other`
        // a backfill read of the lead taken before the move (phase 0) arrives after it: stale for both customers,
        // and it must not point the lead back at its old owner either
        leadChange(1, value("lead", "r", null, lead(1, ID, "N"), "true", null, 0x250));
        // crm.lead has no REPLICA IDENTITY FULL: the delete names the lead only, its owner comes from the layer
        leadChange(1, value("lead", "d", Map.of("lead_id", 1L), null, "false", 0x400L, 0x408));

        Map<String, Integer> lastOpenLeads = new HashMap<>();
        for (TestRecord<String, byte[]> event : domain.readRecordsToList()) {
            lastOpenLeads.put(event.key(), json(event.value()).path("state").path("openLeads").asInt());
        }
        assertThat(lastOpenLeads).containsEntry(Long.toString(ID), 0).containsEntry(Long.toString(other), 0);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldPublishNothingAgainAfterASimulatedConnectorRestartReplaysTheSameChanges() {
        start();
        byte[] cust = RawChanges.create(cust(ID, "P"), 0x100, 0x108);
        byte[] address = value("cust_addr", "c", null, addr(7, ID, "H", "1 New Street"), "false", 0x200L, 0x208);
        byte[] lead = value("lead", "c", null, lead(1, ID, "N"), "false", 0x300L, 0x308);
        custChange(cust);
        addrChange(7, address);
        leadChange(1, lead);
        assertThat(domain.readRecordsToList()).hasSize(3);

        // the connector restarts from an older offset and sends everything again, in another interleaving
        leadChange(1, lead);
        custChange(cust);
        addrChange(7, address);

        assertThat(domain.isEmpty()).isTrue();
        assertThat(metrics.duplicates()).isEqualTo(3);
    }

    @Test
    void shouldPublishNothingWhenOnlyAnUnmappedAddressColumnOrAnotherAddressTypeChanges() {
        start();
        custChange(RawChanges.create(cust(ID, "P"), 0x100, 0x108));
        addrChange(7, value("cust_addr", "c", null, addr(7, ID, "H", "1 New Street"), "false", 0x200L, 0x208));
        domain.readRecordsToList();
        addrChange(7, value("cust_addr", "u", addr(7, ID, "H", "1 New Street"),
                with(addr(7, ID, "H", "1 New Street"), "upd_ts", 42L), "false", 0x300L, 0x308));
        addrChange(8, value("cust_addr", "c", null, addr(8, ID, "B", "Billing Street"), "false", 0x400L, 0x408));
        assertThat(domain.isEmpty()).isTrue();
    }

    @Test
    void shouldRemoveTheCustomerWhenItsRowIsDeletedWhateverThePartsDoAfterwards() throws IOException {
        start();
        custChange(RawChanges.create(cust(ID, "P"), 0x100, 0x108));
        addrChange(7, value("cust_addr", "c", null, addr(7, ID, "H", "1 New Street"), "false", 0x200L, 0x208));
        custChange(RawChanges.delete(cust(ID, "P"), 0x300, 0x308));
        addrChange(7, value("cust_addr", "d", addr(7, ID, "H", "1 New Street"), null, "false", 0x300L, 0x304));

        List<TestRecord<String, byte[]>> events = domain.readRecordsToList();
        assertThat(events).extracting(r -> header(r, "ce_type")).containsExactly("crm.CustomerRegistered.v1",
                "crm.CustomerDetailsChanged.v1", "crm.CustomerRemoved.v1");
        assertThat(json(events.get(2).value()).path("state").isNull()).isTrue();
    }

    @Test
    void shouldIgnoreAndCountANewLegacyColumn() {
        start();
        custChange(RawChanges.create(with(cust(ID, "P"), "loyalty_tier", "GOLD"), 0x100, 0x108));
        TestRecord<String, byte[]> event = domain.readRecord();
        assertThat(new String(event.value(), StandardCharsets.UTF_8)).doesNotContain("loyalty", "GOLD");
        assertThat(metrics.ignoredColumns()).isEqualTo(1);
        assertThat(metrics.ignoredColumnsByName()).containsEntry("crm.cust.loyalty_tier", 1L);
    }

    @Test
    void shouldDeadLetterADroppedARenamedAndARetypedMappedColumnAsSchemaDrift() {
        start();
        Map<String, Object> ada = cust(ID, "P");
        custChange(RawChanges.create(ada, 0x100, 0x108));
        Map<String, Object> dropped = new java.util.LinkedHashMap<>(ada);
        dropped.remove("cst_eml");
        custChange(RawChanges.update(ada, dropped, 0x200, 0x208));
        Map<String, Object> renamed = new java.util.LinkedHashMap<>(dropped);
        renamed.put("cst_email", "new@example.org");
        custChange(RawChanges.update(ada, renamed, 0x300, 0x308));
        custChange(RawChanges.update(ada, with(ada, "crt_ts", "2023-11-14 22:13:20"), 0x400, 0x408));

        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(3);
        assertThat(letters).allSatisfy(letter -> assertThat(header(letter, DeadLetterHeaders.REASON_KIND))
                .isEqualTo("SCHEMA_DRIFT"));
        assertThat(header(letters.get(0), DeadLetterHeaders.REASON)).contains("cst_eml").contains("missing");
        assertThat(header(letters.get(2), DeadLetterHeaders.REASON)).contains("crt_ts").contains("retyped");
        assertThat(domain.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldDeadLetterAnUnknownCodeAndAPartWithoutAnyKnownCustomer() {
        start();
        custChange(RawChanges.create(cust(ID, "Z"), 0x100, 0x108));
        leadChange(9, value("lead", "d", Map.of("lead_id", 9L), null, "false", 0x200L, 0x208));

        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(l -> header(l, DeadLetterHeaders.REASON_KIND))
                .containsExactly("UNKNOWN_CODE", "MISSING_KEY");
        assertThat(header(letters.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("legacy.crm.cust");
        assertThat(header(letters.get(1), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("legacy.crm.lead");
    }

    @Test
    void shouldTranslateAReplayedDeadLetterWithTheFixedSpecAboveThePublishedPosition() {
        TranslationSpec spec = TranslationSpecLoader.parse(resource(CUSTOMER_RESOURCE).replace("X: CLOSED }", "X: CLOSED, Z: SUSPENDED }"),
                "fixed.yaml");
        start(spec);
        custChange(RawChanges.create(cust(ID, "P"), 0x100, 0x108));
        byte[] bad = RawChanges.update(cust(ID, "P"), cust(ID, "Z"), 0x200, 0x208);
        custChange(RawChanges.update(cust(ID, "P"), with(cust(ID, "P"), "cst_nm", "Later Name"), 0x300, 0x308));
        domain.readRecordsToList();

        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REPLAY_SOURCE_TOPIC, "legacy.crm.cust".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.REPLAY_SOURCE_PARTITION, "0".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.REPLAY_SOURCE_OFFSET, "1".getBytes(StandardCharsets.UTF_8));
        inputs.get(topics.replay()).pipeInput(new TestRecord<>(RawChanges.key(ID), bad, headers));

        // the replayed change is older than the later name change of the same row: the newer row state stands
        assertThat(domain.isEmpty()).isTrue();
        assertThat(metrics.duplicates()).isEqualTo(1);
    }

    @Test
    void shouldPublishAReplayedDeadLetterAboveEverythingAlreadyPublishedWithItsOwnDeterministicId() {
        String fixed = resource(CUSTOMER_RESOURCE).replace("X: CLOSED }",
                "X: CLOSED, Z: SUSPENDED }");
        start(TranslationSpecLoader.parse(fixed, "fixed.yaml"));
        custChange(RawChanges.create(cust(ID, "P"), 0x100, 0x108));
        byte[] bad = RawChanges.update(cust(ID, "P"), cust(ID, "Z"), 0x200, 0x208);
        addrChange(7, value("cust_addr", "c", null, addr(7, ID, "H", "1 New Street"), "false", 0x300L, 0x308));
        domain.readRecordsToList();

        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REPLAY_SOURCE_TOPIC, "legacy.crm.cust".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.REPLAY_SOURCE_PARTITION, "0".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.REPLAY_SOURCE_OFFSET, "1".getBytes(StandardCharsets.UTF_8));
        inputs.get(topics.replay()).pipeInput(new TestRecord<>(RawChanges.key(ID), bad, headers));
        inputs.get(topics.replay()).pipeInput(new TestRecord<>(RawChanges.key(ID), bad, headers));

        List<TestRecord<String, byte[]>> events = domain.readRecordsToList();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(header(event, "ce_type")).isEqualTo("crm.CustomerStatusChanged.v1");
            assertThat(header(event, "ce_ficusposition")).isEqualTo("1/0000000000000300/0000000000000308/0001");
            assertThat(header(event, "ce_id")).isEqualTo(RawChanges.eventId(SourcePosition.streamed(0x200, 0x208), ID,
                    "CustomerStatusChanged"));
        });
        assertThat(metrics.duplicates()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAReplayedRecordTheSpecStillRejectsWithItsOriginalCoordinates() {
        start();
        custChange(RawChanges.create(cust(ID, "P"), 0x100, 0x108));
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REPLAY_SOURCE_TOPIC, "legacy.crm.cust".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.REPLAY_SOURCE_PARTITION, "0".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.REPLAY_SOURCE_OFFSET, "1".getBytes(StandardCharsets.UTF_8));
        inputs.get(topics.replay()).pipeInput(new TestRecord<>(RawChanges.key(ID),
                RawChanges.update(cust(ID, "P"), cust(ID, "Z"), 0x200, 0x208), headers));

        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("legacy.crm.cust");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(letter, DeadLetterHeaders.REASON_KIND)).isEqualTo("UNKNOWN_CODE");
        assertThat(letter.headers().headers(DeadLetterHeaders.REPLAY_SOURCE_TOPIC)).isEmpty();
    }

    private static String resource(String name) {
        try (var in = AggregateTopologyTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
