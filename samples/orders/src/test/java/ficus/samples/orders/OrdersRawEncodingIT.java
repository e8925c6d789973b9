package ficus.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.SecretRef;
import ficus.connectors.render.DebeziumConfigRenderer;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a real Debezium 3.7 PostgreSQL connector, configured as Ficus renders the sample's capture plan, writes to the raw
 * topics for every column type of the sample orders database. The records it got are the fixtures under
 * {@code src/main/resources/ficus/samples/orders/translations/order.cases/raw/}: {@code -Dficus.regenerate=true} writes them again from the live
 * run; otherwise the live records must equal them value by value (volatile source positions and timestamps aside).
 * The translation engine decodes exactly these encodings (samples/orders/README.md has the table).
 */
@ExtendWith(SandboxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersRawEncodingIT {

    private static final String CONNECTOR = "orders-raw-encoding";
    private static final String SLOT = "ficus_orders_raw";
    private static final String PUBLICATION = "ficus_orders_raw";
    private static final String PREFIX = "orders";
    /** Raw topic → the records the changes below produce on it. */
    private static final Map<String, Integer> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("orders.erp.Customer", 2);
        EXPECTED.put("orders.erp.SalesOrder", 6);
        EXPECTED.put("orders.erp.OrderLine", 2);
        EXPECTED.put("orders.erp.shipment", 1);
    }

    /** Fields that change from run to run: positions in the WAL, transaction ids and clocks. */
    private static final List<String> VOLATILE = List.of("ts_ms", "ts_us", "ts_ns");
    private static final List<String> VOLATILE_SOURCE = List.of("ts_ms", "ts_us", "ts_ns", "txId", "lsn", "sequence",
            "xmin");

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;
    private DataSource orders;
    /** Raw topic → its records as {key, value}, in WAL order. */
    private final Map<String, List<ObjectNode>> live = new TreeMap<>();

    @BeforeAll
    void captureKnownChangesOfEveryColumnType(Sandbox s) throws Exception {
        sandbox = s;
        orders = OrdersSample.install(s.postgres().dataSource("postgres"), 0);
        // What the capture plan (plan.yaml) prepares: before-images of lines and customers, a publication of the four
        // tables that publishes the partitions of erp.shipment as erp.shipment itself.
        execute("""
                alter table erp."OrderLine" replica identity full;
                alter table erp."Customer" replica identity full;
                drop publication if exists ficus_orders_raw;
                create publication ficus_orders_raw for table erp."Customer", erp."SalesOrder", erp."OrderLine",
                    erp.shipment with (publish_via_partition_root = true);
                """);
        Map<String, String> config = connectorConfig(s);
        // the publication is the test's own (publication.autocreate.mode=disabled in the rendered config)
        assertThat(config).containsEntry("publication.autocreate.mode", "disabled")
                .containsEntry("publication.name", PUBLICATION);
        JsonNode validation = json.readTree(send("PUT", "/connector-plugins/" + config.get("connector.class")
                + "/config/validate", json.writeValueAsString(config)));
        assertThat(validation.path("error_count").asInt()).as(validation.toString()).isZero();
        send("PUT", "/connectors/" + CONNECTOR + "/config", json.writeValueAsString(config));
        await("connector " + CONNECTOR + " streaming from slot " + SLOT).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> connectorRunning() && slotActive());

        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.copyOf(EXPECTED.keySet()));
            writeKnownChanges();
            Map<String, List<ConsumerRecord<String, String>>> got = new TreeMap<>();
            await("the raw records " + EXPECTED).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO)
                    .until(() -> {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
                            got.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
                        }
                        return EXPECTED.entrySet().stream().allMatch(e ->
                                got.getOrDefault(e.getKey(), List.of()).size() >= e.getValue());
                    });
            for (var topic : got.entrySet()) {
                List<ObjectNode> records = new ArrayList<>();
                for (ConsumerRecord<String, String> r : topic.getValue()) {
                    ObjectNode record = json.createObjectNode();
                    record.set("key", json.readTree(r.key()));
                    record.set("value", json.readTree(r.value()));
                    records.add(record);
                }
                records.sort(Comparator.comparingLong(r -> r.path("value").path("source").path("lsn").asLong()));
                live.put(topic.getKey(), records);
            }
        }
    }

    /** One row with a known value in every column, then the changes whose encodings the engine must decode. */
    private void writeKnownChanges() throws SQLException {
        execute("""
                insert into erp."Customer" ("CustomerId", "Name", "Segment", email, tax_id, updated_at)
                values (900001, 'Müller & Söhne "Einkauf"', 'WHOLESALE', 'einkauf@mueller.example', 'DE123456789',
                        '2026-03-14 09:26:53.589793+01:00')""");
        execute("""
                insert into erp."SalesOrder" ("Tenant", "OrderNo", "CustomerId", status, placed_at, total, currency,
                                              tags, attributes, notes, ship_by, pickup_time, handling, public_id,
                                              weight_kg, discount_rate, is_gift, signature, legacy_touched, line_count)
                values (2, 4711, 900001, 'NEW', '2026-03-14 09:26:53.589793+05:30', -12.50, 'EUR',
                        array['gift, wrapped', 'say "hi"', 'ünïcode'],
                        '{"channel": "web", "delivery": {"window": "am", "floor": 3, "codes": [1, 2, 3]},
                          "gift": true, "note": null}',
                        'Delivery notes: ' || (select string_agg(md5('raw:' || n), '') from generate_series(1, 128) n),
                        '2026-03-21', '14:30:15.25', '1 day 02:03:04.5', '8f14e45f-ceea-467f-a0e6-72e7d1a3b9c1',
                        12.75, 0.125, true, '\\x00ff10', '2026-03-14 05:56:53.589793', 0)""");
        execute("""
                insert into erp."OrderLine" ("Tenant", "OrderNo", "LineNo", "Sku", qty, unit_price, sort_key)
                values (2, 4711, 10, 'SKU-00042', 3, 19.99, 1)""");
        execute("""
                insert into erp.shipment (shipment_id, "Tenant", "OrderNo", shipped_at, carrier)
                values (77, 2, 4711, '2026-08-01 10:00:00+02', 'DHL')""");
        execute("""
                update erp."SalesOrder" set status = 'PAID', weight_kg = 13.5, tags = tags || 'paid'::text
                 where "Tenant" = 2 and "OrderNo" = 4711""");
        execute("""
                delete from erp."OrderLine" where "Tenant" = 2 and "OrderNo" = 4711 and "LineNo" = 10""");
        execute("""
                update erp."Customer" set "Segment" = 'VIP', updated_at = '2026-04-01 12:00:00+00'
                 where "CustomerId" = 900001""");
        // the same order number in another tenant, every nullable column NULL; then deleted (no REPLICA IDENTITY FULL)
        execute("""
                insert into erp."SalesOrder" ("Tenant", "OrderNo", "CustomerId", status, placed_at, total, currency,
                                              public_id)
                values (3, 4711, 900001, 'CANCELLED', '2026-03-15 00:00:00+00', 0, 'CHF',
                        '00000000-0000-0000-0000-000000000000')""");
        execute("""
                delete from erp."SalesOrder" where "Tenant" = 3 and "OrderNo" = 4711""");
    }

    @AfterAll
    void removeTheConnectorItsSlotAndPublication() throws Exception {
        if (sandbox == null) {
            return;
        }
        send("DELETE", "/connectors/" + CONNECTOR, null);
        await("slot " + SLOT + " released").atMost(Duration.ofMinutes(1)).until(() -> !slotActive());
        execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '" + SLOT
                + "'");
        execute("drop publication if exists " + PUBLICATION);
    }

    @Test
    void shouldEncodeEveryChangeAsTheRecordedFixturesValueByValue() throws IOException {
        Path dir = fixtureDir();
        assertThat(live).containsOnlyKeys(EXPECTED.keySet());
        for (var topic : live.entrySet()) {
            assertThat(topic.getValue()).as(topic.getKey()).hasSize(EXPECTED.get(topic.getKey()));
            Path file = dir.resolve(topic.getKey() + ".json");
            if (Boolean.getBoolean("ficus.regenerate")) {
                Files.createDirectories(dir);
                ArrayNode records = json.createArrayNode().addAll(topic.getValue());
                Files.writeString(file, json.writeValueAsString(records) + "\n");
            }
            assertThat(file).as("fixture of " + topic.getKey() + "; run with -Dficus.regenerate=true to write it")
                    .exists();
            JsonNode fixture = json.readTree(file.toFile());
            assertThat(fixture.size()).as(file.toString()).isEqualTo(topic.getValue().size());
            for (int i = 0; i < fixture.size(); i++) {
                Map<String, JsonNode> expected = flatten(stable(fixture.get(i)));
                Map<String, JsonNode> actual = flatten(stable(topic.getValue().get(i)));
                Map<String, String> differences = new TreeMap<>();
                for (String path : union(expected.keySet(), actual.keySet())) {
                    if (!java.util.Objects.equals(expected.get(path), actual.get(path))) {
                        differences.put(path, "fixture " + expected.get(path) + ", live " + actual.get(path));
                    }
                }
                assertThat(differences).as("%s record %d against %s", topic.getKey(), i, file).isEmpty();
            }
        }
    }

    @Test
    void shouldEncodeEachPostgresTypeTheWayTheReadmeTableSays() {
        JsonNode key = record("orders.erp.SalesOrder", 0).path("key");
        JsonNode after = record("orders.erp.SalesOrder", 0).path("value").path("after");

        assertThat(key.toString()).isEqualTo("{\"Tenant\":2,\"OrderNo\":4711}");
        assertThat(after.path("status").isTextual()).isTrue();
        assertThat(after.path("status").asText()).isEqualTo("NEW");
        assertThat(after.path("total").isTextual()).isTrue();
        assertThat(after.path("total").asText()).isEqualTo("-12.50");
        assertThat(after.path("placed_at").asText()).isEqualTo("2026-03-14T03:56:53.589793Z");
        assertThat(after.path("currency").asText()).isEqualTo("EUR");
        assertThat(after.path("tags").toString()).isEqualTo("[\"gift, wrapped\",\"say \\\"hi\\\"\",\"ünïcode\"]");
        assertThat(after.path("attributes").isTextual()).isTrue();
        assertThat(after.path("attributes").asText()).isEqualTo("{\"gift\": true, \"note\": null, \"channel\": \"web\","
                + " \"delivery\": {\"codes\": [1, 2, 3], \"floor\": 3, \"window\": \"am\"}}");
        assertThat(after.path("notes").asText()).startsWith("Delivery notes: ").hasSize(16 + 4096);
        assertThat(after.path("ship_by").isInt()).isTrue();
        assertThat(after.path("ship_by").asLong()).isEqualTo(java.time.LocalDate.of(2026, 3, 21).toEpochDay());
        assertThat(after.path("pickup_time").asLong()).isEqualTo((14 * 3600 + 30 * 60 + 15) * 1_000_000L + 250_000);
        assertThat(after.path("handling").asLong()).isEqualTo((26 * 3600 + 3 * 60 + 4) * 1_000_000L + 500_000);
        assertThat(after.path("public_id").asText()).isEqualTo("8f14e45f-ceea-467f-a0e6-72e7d1a3b9c1");
        assertThat(after.path("weight_kg").isNumber()).isTrue();
        assertThat(after.path("weight_kg").asDouble()).isEqualTo(12.75);
        assertThat(after.path("discount_rate").asDouble()).isEqualTo(0.125);
        assertThat(after.path("is_gift").asBoolean()).isTrue();
        assertThat(after.path("signature").asText()).isEqualTo("AP8Q");
        assertThat(after.path("legacy_touched").asLong()).isEqualTo(
                java.time.LocalDateTime.of(2026, 3, 14, 5, 56, 53, 589_793_000)
                        .toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + 589_793);
        assertThat(after.path("line_count").asInt()).isZero();
        JsonNode shipment = record("orders.erp.shipment", 0).path("value");
        assertThat(shipment.path("source").path("table").asText()).as("published through the partition root")
                .isEqualTo("shipment");
        assertThat(shipment.path("after").path("shipped_at").asText()).as("always six fraction digits")
                .isEqualTo("2026-08-01T08:00:00.000000Z");
        assertThat(record("orders.erp.shipment", 0).path("key").toString()).isEqualTo(
                "{\"shipment_id\":77,\"shipped_at\":\"2026-08-01T08:00:00.000000Z\"}");
    }

    @Test
    void shouldSendTheToastPlaceholderForNotesAnUpdateLeftUntouched() {
        JsonNode paid = live.get("orders.erp.SalesOrder").stream().map(r -> r.path("value"))
                .filter(v -> v.path("after").path("status").asText().equals("PAID")).findFirst().orElseThrow();

        assertThat(paid.path("op").asText()).isEqualTo("u");
        assertThat(paid.path("before").isNull()).as("no REPLICA IDENTITY FULL on erp.SalesOrder").isTrue();
        assertThat(paid.path("after").path("notes").asText()).isEqualTo("__debezium_unavailable_value");
        assertThat(paid.path("after").path("tags").toString()).endsWith(",\"paid\"]");
        JsonNode counted = record("orders.erp.SalesOrder", 1).path("value");
        assertThat(counted.path("after").path("line_count").asInt()).as("written by trigger trg_line_count").isOne();
        assertThat(counted.path("after").path("notes").asText()).isEqualTo("__debezium_unavailable_value");
    }

    @Test
    void shouldSendNullForNullColumnsAndOnlyTheKeyPlusTypeDefaultsInADeleteWithoutFullIdentity() {
        JsonNode insert = record("orders.erp.SalesOrder", 4).path("value");
        assertThat(insert.path("after").path("notes").isNull()).isTrue();
        assertThat(insert.path("after").path("handling").isNull()).isTrue();
        assertThat(insert.path("after").path("tags").toString()).isEqualTo("[]");
        assertThat(insert.path("after").path("attributes").asText()).isEqualTo("{}");
        assertThat(insert.path("after").path("total").asText()).isEqualTo("0.00");

        JsonNode delete = record("orders.erp.SalesOrder", 5).path("value");
        assertThat(delete.path("op").asText()).isEqualTo("d");
        JsonNode before = delete.path("before");
        assertThat(before.path("Tenant").asInt()).isEqualTo(3);
        assertThat(before.path("OrderNo").asLong()).isEqualTo(4711);
        // not the row's values: pgoutput sent only the key; Debezium fills NOT NULL columns with their type's default
        assertThat(before.path("CustomerId").asLong()).isZero();
        assertThat(before.path("status").asText()).isEmpty();
        assertThat(before.path("currency").asText()).isEmpty();
        assertThat(before.path("public_id").asText()).isEmpty();
        assertThat(before.path("placed_at").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(before.path("total").asText()).isEqualTo("0.00");
        assertThat(before.path("is_gift").asBoolean()).isFalse();
        assertThat(before.path("notes").isNull()).isTrue();
    }

    @Test
    void shouldCarryTheWholeOldLineOnDeleteAndNeverTheTaxId() {
        JsonNode delete = record("orders.erp.OrderLine", 1).path("value");
        assertThat(delete.path("op").asText()).isEqualTo("d");
        assertThat(delete.path("after").isNull()).isTrue();
        assertThat(delete.path("before").path("Sku").asText()).isEqualTo("SKU-00042");
        assertThat(delete.path("before").path("unit_price").asText()).isEqualTo("19.99");

        JsonNode customerUpdate = record("orders.erp.Customer", 1).path("value");
        assertThat(customerUpdate.path("before").path("Segment").asText()).isEqualTo("WHOLESALE");
        assertThat(customerUpdate.path("after").path("Segment").asText()).isEqualTo("VIP");
        assertThat(live.toString()).doesNotContain("DE123456789").doesNotContain("tax_id");
    }

    private JsonNode record(String topic, int index) {
        return live.get(topic).get(index);
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Every leaf of a record by its path ({@code value.after.total}), in document order; arrays are leaves. */
    private static Map<String, JsonNode> flatten(JsonNode record) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        flatten("", record, leaves);
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, JsonNode> leaves) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(),
                    leaves));
        } else {
            leaves.put(path, node);
        }
    }

    /** A record without the fields that differ from run to run. */
    private static JsonNode stable(JsonNode record) {
        ObjectNode copy = record.deepCopy();
        if (copy.path("value") instanceof ObjectNode value) {
            VOLATILE.forEach(value::remove);
            if (value.path("source") instanceof ObjectNode source) {
                VOLATILE_SOURCE.forEach(source::remove);
            }
        }
        return copy;
    }

    /**
     * The connector config Ficus renders for the sample's capture plan ({@code plan.yaml}), pointed at the sandbox, with
     * this test's connector name, slot and publication.
     */
    private static Map<String, String> connectorConfig(Sandbox s) {
        CapturePlan plan = new CapturePlanLoader().loadResource("ficus/samples/orders/plan.yaml");
        assertThat(plan.source()).isEqualTo(PREFIX);
        SecretRef password = SecretRef.parse(s.legacyPasswordReference()).orElseThrow();
        return new DebeziumConfigRenderer().render(plan
                .withConnection(new ficus.connectors.plan.Connection(s.postgres().host(), s.postgres().port(),
                        OrdersSample.DATABASE, s.postgres().user(), password))
                .withNames(CONNECTOR, SLOT, PUBLICATION));
    }

    private Path fixtureDir() {
        return Path.of(System.getProperty("basedir", ".")).resolve("src/main/resources/ficus/samples/orders/translations/order.cases/raw");
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "orders-raw-encoding-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private boolean connectorRunning() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create(sandbox.connectUrl() + "/connectors/" + CONNECTOR + "/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return false;
        }
        JsonNode status = json.readTree(r.body());
        for (JsonNode task : status.path("tasks")) {
            assertThat(task.path("state").asText()).as(task.path("trace").asText()).isNotEqualTo("FAILED");
        }
        return status.path("connector").path("state").asText().equals("RUNNING") && !status.path("tasks").isEmpty()
                && status.path("tasks").get(0).path("state").asText().equals("RUNNING");
    }

    private boolean slotActive() throws SQLException {
        try (Connection c = orders.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select active from pg_replication_slots where slot_name = '" + SLOT
                        + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private String send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.connectUrl() + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = orders.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
