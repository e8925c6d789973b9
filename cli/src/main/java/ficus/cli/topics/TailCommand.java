package ficus.cli.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.cli.DurationConverter;
import ficus.core.FicusException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ficus topics tail TOPIC}: prints the records of a topic, key, headers (CloudEvents {@code ce_*}, dead-letter)
 * and pretty JSON value, from the end (new records) or from the beginning. Reads committed records only, with no
 * consumer group (nothing is committed, no offsets change).
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {
            "Prints the records of a raw, domain or dead-letter topic: partition, offset,",
            "time, key, headers (CloudEvents ce_*, dead-letter) and the value as pretty JSON.",
            "From the end (records that arrive) unless --from-beginning; stops after --limit",
            "records or --timeout without a new one. Commits nothing. The same with kcat:",
            "  kcat -C -b BROKERS -t TOPIC -o beginning -f '%k %h\\n%s\\n'"})
public final class TailCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "TOPIC", description = "A raw topic (<source>.<schema>.<table>), a domain "
            + "topic (<context>.<aggregate>.v<version>) or a dead-letter topic (ficus.dlq.<translation>)")
    String topic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:FICUS_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers. Default: $FICUS_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--from-beginning", description = "Start at the first record of every partition.")
    boolean fromBeginning;

    @Option(names = "--key", paramLabel = "KEY", description = "Only records whose key (as text) is KEY.")
    String key;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N records.")
    Integer limit;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long without a new record (default: run until Ctrl-C or --limit).")
    Duration timeout;

    @Option(names = "--json", description = "One JSON object per record and line, for scripts.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"); // looking never creates a topic
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ficus-topics-tail-" + UUID.randomUUID());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        int printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new FicusException.Unavailable("topics tail: Kafka at " + bootstrapServers
                        + " did not answer within 15 s; check --bootstrap-servers", e);
            }
            if (infos == null || infos.isEmpty()) {
                throw new FicusException.BadInput("topics tail: no topic " + topic + " at " + bootstrapServers
                        + "; raw topics are <source>.<schema>.<table>, domain topics <context>.<aggregate>.v<N>");
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // fix "the end" now, before anything new arrives
            }
            long idleSince = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    idleSince = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (key != null && !key.equals(text(record.key()))) {
                        continue;
                    }
                    out.println(json ? jsonLine(record) : readable(record));
                    out.flush();
                    if (limit != null && ++printed >= limit) {
                        return 0;
                    }
                }
                if (timeout != null && Duration.ofNanos(System.nanoTime() - idleSince).compareTo(timeout) >= 0) {
                    return 0;
                }
            }
            return 0;
        } catch (KafkaException e) {
            throw new FicusException.Unavailable("topics tail: reading " + topic + " from " + bootstrapServers
                    + " failed: " + e.getMessage(), e);
        }
    }

    static String readable(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder out = new StringBuilder();
        out.append(record.topic()).append('-').append(record.partition()).append('@').append(record.offset())
                .append("  ").append(Instant.ofEpochMilli(record.timestamp())).append('\n');
        out.append("  key: ").append(record.key() == null ? "(none)" : text(record.key())).append('\n');
        for (Header header : record.headers()) {
            out.append("  ").append(header.key()).append(": ").append(text(header.value())).append('\n');
        }
        if (record.value() == null) {
            out.append("  (no value: tombstone)");
        } else {
            JsonNode value = parse(record.value());
            String body = value == null ? text(record.value()) : pretty(value);
            out.append("  ").append(body.replace("\n", "\n  "));
        }
        return out.toString();
    }

    static String jsonLine(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", record.topic()).put("partition", record.partition()).put("offset", record.offset())
                .put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        if (record.key() == null) {
            line.putNull("key");
        } else {
            line.put("key", text(record.key()));
        }
        ObjectNode headers = line.putObject("headers");
        for (Header header : record.headers()) {
            headers.put(header.key(), text(header.value()));
        }
        JsonNode value = record.value() == null ? null : parse(record.value());
        if (record.value() == null) {
            line.putNull("value");
        } else if (value == null) {
            line.put("value", text(record.value()));
        } else {
            line.set("value", value);
        }
        return line.toString();
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String pretty(JsonNode node) {
        try {
            return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return node.toString();
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
