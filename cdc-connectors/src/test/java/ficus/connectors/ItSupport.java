package ficus.connectors;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.sandbox.Sandbox;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Plans and helpers shared by the ITs: each test gets its own database, connector, slot, publication and topics. */
public final class ItSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ItSupport() {}

    /**
     * A plan for {@code database} on the sandbox's server; connector, topic prefix, slot and publication are all named
     * after {@code id}. {@code extra} is more YAML (fields after the required ones).
     */
    public static CapturePlan plan(Sandbox s, String id, String database, String tables, String extra) {
        return new CapturePlanLoader().parse("""
                name: %s
                source: %s
                connection:
                  host: %s
                  port: %d
                  database: %s
                  user: postgres
                  password: "%s"
                tables: [%s]
                slot: %s
                publication: %s
                %s
                """.formatted(id.replace('_', '-'), id, s.postgres().host(), s.postgres().port(), database,
                s.legacyPasswordReference(), tables, id, id, extra), id + ".yaml");
    }

    public static void sql(DataSource ds, String... statements) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static long longQuery(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Reads {@code topic} from the start until at least {@code expected} values match, and returns all that matched. */
    public static List<JsonNode> consume(Sandbox s, String topic, Predicate<JsonNode> matching, int expected,
                                         Duration atMost) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "cdc-connectors-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<JsonNode> matched = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            await(expected + " matching records on " + topic).atMost(atMost).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (record.value() != null) {
                        JsonNode value = JSON.readTree(record.value());
                        if (matching.test(value)) {
                            matched.add(value);
                        }
                    }
                }
                return matched.size() >= expected;
            });
        }
        return matched;
    }

    /** Everything the slot would send, without consuming it: pgoutput's binary messages, concatenated. */
    public static byte[] replicationStream(DataSource ds, String slot, String publication) throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(
                "select data from pg_logical_slot_peek_binary_changes(?, NULL, NULL, 'proto_version', '1',"
                        + " 'publication_names', ?)")) {
            st.setString(1, slot);
            st.setString(2, publication);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    chunks.add(rs.getBytes(1));
                }
            }
        }
        int size = chunks.stream().mapToInt(b -> b.length).sum();
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        return all;
    }

    /** Whether the bytes hold the UTF-8 text. */
    public static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
