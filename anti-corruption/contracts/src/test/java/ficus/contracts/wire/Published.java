package ficus.contracts.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.runtime.AclMetrics;
import ficus.acl.runtime.AclTopics;
import ficus.acl.runtime.AggregateTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What the engine's real topology publishes for a wire case: every domain record (key, value, headers) and every dead
 * letter (with its reason), in order. Each case runs once per test JVM.
 */
record Published(List<Event> events, List<String> deadLetters) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Published> RUNS = new ConcurrentHashMap<>();

    /** One domain record: the Kafka key, the value as JSON, the headers as an object of UTF-8 texts. */
    record Event(String key, JsonNode value, ObjectNode headers) {
        String type() {
            return value.path("type").asText();
        }

        @Override
        public String toString() {
            String text = headers.path("ce_type").asText() + " " + key + " " + value;
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        }
    }

    static Published of(WireCase wireCase) {
        return RUNS.computeIfAbsent(wireCase.name(), name -> run(wireCase));
    }

    private static Published run(WireCase wireCase) {
        var spec = wireCase.spec();
        String source = wireCase.records().get(0).topic().substring(0, wireCase.records().get(0).topic().indexOf('.'));
        AclTopics topics = AclTopics.of(spec, source + "." + spec.root().table());
        StreamsBuilder builder = new StreamsBuilder();
        AggregateTopology.build(builder, topics, spec, new AclMetrics());
        Path stateDir;
        try {
            stateDir = Files.createDirectories(Path.of("target", "contract-wire", wireCase.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "contract-wire-" + wireCase.name());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(props), props)) {
            Map<String, TestInputTopic<byte[], byte[]>> inputs = new java.util.HashMap<>();
            for (String topic : topics.sources()) {
                inputs.put(topic, driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
            }
            for (RawRecord record : wireCase.records()) {
                TestInputTopic<byte[], byte[]> input = inputs.get(record.topic());
                if (input == null) {
                    throw new IllegalStateException(wireCase.name() + ": the topology reads " + inputs.keySet()
                            + ", not " + record.topic());
                }
                input.pipeInput(record.key(), record.value());
            }
            List<Event> events = new ArrayList<>();
            var domain = driver.createOutputTopic(topics.domain().name(), new StringDeserializer(),
                    new ByteArrayDeserializer());
            for (TestRecord<String, byte[]> record : domain.readRecordsToList()) {
                ObjectNode headers = JSON.createObjectNode();
                for (Header header : record.headers()) {
                    headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
                events.add(new Event(record.key(), JSON.readTree(record.value()), headers));
            }
            List<String> deadLetters = new ArrayList<>();
            var dlq = driver.createOutputTopic(topics.deadLetter().name(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            for (TestRecord<byte[], byte[]> record : dlq.readRecordsToList()) {
                StringBuilder reason = new StringBuilder();
                for (Header header : record.headers()) {
                    reason.append(header.key()).append('=').append(new String(header.value(),
                            StandardCharsets.UTF_8)).append(' ');
                }
                deadLetters.add(reason.toString().strip());
            }
            return new Published(List.copyOf(events), List.copyOf(deadLetters));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
