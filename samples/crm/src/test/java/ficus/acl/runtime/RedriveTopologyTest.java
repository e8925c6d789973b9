package ficus.acl.runtime;

import static ficus.acl.runtime.RawChanges.addr;
import static ficus.acl.runtime.RawChanges.cust;
import static ficus.acl.runtime.RawChanges.value;
import static ficus.acl.runtime.RawChanges.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.samples.crm.CrmSample;
import ficus.acl.translation.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden cases of a re-drive through the real topology: read records marked {@code source.snapshot: "redrive"} on the
 * replay topic (what {@code Reconciliation --redrive} publishes) make the layer re-state the aggregate.
 */
class RedriveTopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AclTopics TOPICS = AclTopics.of(CrmSample.customerSpec(), "legacy.crm.cust");
    private static final long ID = 1_000_001L;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private TestInputTopic<byte[], byte[]> addresses;
    private TestInputTopic<byte[], byte[]> replay;
    private TestOutputTopic<String, byte[]> domain;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        AggregateTopology.build(builder, TOPICS, CrmSample.customerSpec(), new AclMetrics());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "acl-redrive-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(props), props);
        raw = driver.createInputTopic(TOPICS.raw().name(), new ByteArraySerializer(), new ByteArraySerializer());
        addresses = driver.createInputTopic("legacy.crm.cust_addr", new ByteArraySerializer(),
                new ByteArraySerializer());
        replay = driver.createInputTopic(TOPICS.replay(), new ByteArraySerializer(), new ByteArraySerializer());
        domain = driver.createOutputTopic(TOPICS.domain().name(), new StringDeserializer(),
                new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetter().name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    /** A read record as the re-drive (and, with another marker, the backfill) renders it: no sequence needed. */
    private void replayRead(String table, Map<String, Object> row, String marker, long lsn) {
        replay.pipeInput(RawChanges.key(ID), value(table, "r", null, row, marker, null, lsn));
    }

    private static String header(TestRecord<?, ?> record, String key) {
        return CloudEventHeaders.text(record.headers(), key);
    }

    private static JsonNode json(byte[] value) throws IOException {
        return JSON.readTree(value);
    }

    @Test
    void shouldReEmitTheUnchangedStateWithANewerPositionOnARedriveRead() throws IOException {
        raw.pipeInput(RawChanges.key(ID), RawChanges.create(cust(ID, "P"), 0x100, 0x108));
        raw.pipeInput(RawChanges.key(ID), RawChanges.update(cust(ID, "P"), cust(ID, "A"), 0x200, 0x208));
        domain.readRecordsToList();
        replayRead("cust", cust(ID, "A"), "backfill", 0x900);
        assertThat(domain.isEmpty()).as("a backfill read of the unchanged customer emits nothing").isTrue();

        replayRead("cust", cust(ID, "A"), "redrive", 0x900);

        TestRecord<String, byte[]> restated = domain.readRecord();
        assertThat(restated.key()).isEqualTo("1000001");
        assertThat(header(restated, "ce_type")).isEqualTo("crm.CustomerDetailsChanged.v1");
        assertThat(header(restated, "ce_ficusposition")).isEqualTo("1/0000000000000200/0000000000000208/0001");
        assertThat(header(restated, "ce_id")).isEqualTo(RawChanges.restatementEventId(SourcePosition.snapshot(0x900),
                SourcePosition.parse("1/0000000000000200/0000000000000208/0001"), ID, "CustomerDetailsChanged"));
        assertThat(json(restated.value())).isEqualTo(JSON.readTree("""
                {"customerId":1000001,"type":"CustomerDetailsChanged",
                 "state":{"customerId":1000001,"name":"Customer 1000001","email":"c1000001@example.org",
                          "status":"ACTIVE","registeredAt":"2023-11-14T22:13:20Z","address":null,"openLeads":0},
                 "changed":[]}
                """));

        replayRead("cust", cust(ID, "A"), "redrive", 0x900); // a second re-drive: higher again, another id
        TestRecord<String, byte[]> again = domain.readRecord();
        assertThat(header(again, "ce_ficusposition")).isEqualTo("1/0000000000000200/0000000000000208/0002");
        assertThat(header(again, "ce_id")).isNotEqualTo(header(restated, "ce_id"));
        assertThat(domain.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldNotRollBackTheStateWithAnOlderRedriveRow() throws IOException {
        raw.pipeInput(RawChanges.key(ID), RawChanges.create(cust(ID, "A"), 0x100, 0x108));
        raw.pipeInput(RawChanges.key(ID), RawChanges.update(cust(ID, "A"),
                with(cust(ID, "S"), "cst_eml", "new@example.org"), 0x200, 0x208));
        domain.readRecordsToList();

        // read at a snapshot that still saw the old row (a phase-0 read ranks below every streamed change)
        replayRead("cust", cust(ID, "A"), "redrive", 0x900);

        TestRecord<String, byte[]> restated = domain.readRecord();
        assertThat(header(restated, "ce_type")).isEqualTo("crm.CustomerDetailsChanged.v1");
        JsonNode state = json(restated.value()).path("state");
        assertThat(state.path("status").asText()).isEqualTo("SUSPENDED");
        assertThat(state.path("email").asText()).isEqualTo("new@example.org");
        assertThat(json(restated.value()).path("changed")).isEmpty();

        // the stored aggregate was not rolled back either: the next streamed change compares with SUSPENDED
        raw.pipeInput(RawChanges.key(ID), RawChanges.update(with(cust(ID, "S"), "cst_eml", "new@example.org"),
                with(cust(ID, "A"), "cst_eml", "new@example.org"), 0x300, 0x308));
        TestRecord<String, byte[]> next = domain.readRecord();
        assertThat(header(next, "ce_type")).isEqualTo("crm.CustomerStatusChanged.v1");
        assertThat(json(next.value()).path("previousStatus").asText()).isEqualTo("SUSPENDED");
        assertThat(domain.isEmpty()).isTrue();
    }

    @Test
    void shouldReEmitCustomerRemovedForARemovedCustomer() throws IOException {
        raw.pipeInput(RawChanges.key(ID), RawChanges.create(cust(ID, "A"), 0x100, 0x108));
        raw.pipeInput(RawChanges.key(ID), RawChanges.delete(cust(ID, "A"), 0x200, 0x208));
        domain.readRecordsToList();

        replayRead("cust", cust(ID, "A"), "redrive", 0x900);

        TestRecord<String, byte[]> restated = domain.readRecord();
        assertThat(header(restated, "ce_type")).isEqualTo("crm.CustomerRemoved.v1");
        assertThat(header(restated, "ce_ficusposition")).isEqualTo("1/0000000000000200/0000000000000208/0001");
        assertThat(json(restated.value()).path("state").isNull()).isTrue();
        assertThat(domain.isEmpty()).isTrue();
    }

    @Test
    void shouldReStateTheWholeAggregateForEachRedriveRowPartsFirst() throws IOException {
        raw.pipeInput(RawChanges.key(ID), RawChanges.create(cust(ID, "A"), 0x100, 0x108));
        addresses.pipeInput("{\"addr_id\":7}".getBytes(StandardCharsets.UTF_8), value("cust_addr", "c", null,
                addr(7, ID, "H", "1 New Street"), "false", 0x110L, 0x118));
        domain.readRecordsToList();

        // the re-drive publishes the parts, then the customer row, all read at one snapshot
        replayRead("cust_addr", addr(7, ID, "H", "1 New Street"), "redrive", 0x900);
        replayRead("cust", cust(ID, "A"), "redrive", 0x900);

        List<TestRecord<String, byte[]>> events = domain.readRecordsToList();
        assertThat(events).extracting(r -> header(r, "ce_ficusposition")).containsExactly(
                "1/0000000000000110/0000000000000118/0001", "1/0000000000000110/0000000000000118/0002");
        assertThat(events).allSatisfy(r -> {
            assertThat(header(r, "ce_type")).isEqualTo("crm.CustomerDetailsChanged.v1");
            assertThat(json(r.value()).path("state").path("address").path("line1").asText())
                    .isEqualTo("1 New Street");
        });
    }

    @Test
    void shouldRegisterACustomerTheLayerNeverSawFromItsRedriveRows() throws IOException {
        replayRead("cust_addr", addr(7, ID, "H", "1 New Street"), "redrive", 0x900);
        assertThat(domain.isEmpty()).as("a part alone is kept until its customer row arrives").isTrue();
        replayRead("cust", cust(ID, "A"), "redrive", 0x900);

        TestRecord<String, byte[]> registered = domain.readRecord();
        assertThat(header(registered, "ce_type")).isEqualTo("crm.CustomerRegistered.v1");
        assertThat(header(registered, "ce_ficusposition")).isEqualTo("0/0000000000000000/0000000000000900");
        assertThat(json(registered.value()).path("state").path("address").path("line1").asText())
                .isEqualTo("1 New Street");
        assertThat(domain.isEmpty()).isTrue();
    }
}
