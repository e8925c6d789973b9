package ficus.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.AntiCorruptionLayer;
import ficus.acl.runtime.CloudEventHeaders;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.sandbox.crm.SampleCrm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orders sample end to end on the real stack — its PostgreSQL database, the real Debezium connector deployed from
 * the sample's capture plan through Connect's REST API, and the layer running the sample's YAML translation — next to
 * the CRM's customer translation in the same process: every column type reaches the event with its exact value,
 * composite keys, a list part through inserts, updates, re-ordering and deletes, a customer master row whose change
 * fans out to every order pointing at it, and an untouched TOASTed note that never appears as a placeholder.
 */
@ExtendWith(SandboxExtension.class)
class OrdersPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORDERS = 40;
    private static final int CUSTOMERS = 15;
    private static final String NOTES = "(select string_agg(md5('pipeline:' || g), '') from generate_series(1, 128) g)";

    @TempDir
    Path work;

    @Test
    void shouldTranslateTheOrdersSampleExactlyBesideTheCrmInOneProcess(Sandbox sandbox) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        DataSource orders = OrdersSample.install(sandbox.postgres().dataSource("postgres"), ORDERS);
        CapturePlan ordersPlan = plan(sandbox, new CapturePlanLoader().load(resource("plan.yaml")),
                OrdersSample.DATABASE, "ordpipe" + run, "orders_pipe_" + run);
        String crmDatabase = "orders_pipe_crm_" + run;
        sandbox.postgres().createDatabase(crmDatabase);
        SampleCrm.install(sandbox.postgres().dataSource(crmDatabase), CUSTOMERS);
        CapturePlan crmPlan = plan(sandbox, CapturePlanLoader.legacyCrm(), crmDatabase, "crmpipe" + run,
                "crm_pipe_" + run);
        ConnectorDeployer.deploy(ordersPlan, sandbox.connectUrl());
        ConnectorDeployer.deploy(crmPlan, sandbox.connectUrl());

        AclSettings orderSettings = AclSettings.of(sandbox.bootstrapServers(), work.resolve("acl"),
                resource("translations/order.yaml").toString(), ordersPlan.source())
                .withApplicationId("orders-pipe-" + run)
                .withTopics(ordersPlan.source() + ".erp.SalesOrder", "it" + run + ".sales.order.v1",
                        "it" + run + ".dlq.order");
        AclSettings customerSettings = AclSettings.of(sandbox.bootstrapServers(), work.resolve("acl"),
                "classpath:ficus/samples/crm/translations/customer.yaml", crmPlan.source())
                .withApplicationId("crm-pipe-" + run)
                .withTopics(crmPlan.source() + ".crm.cust", "it" + run + ".crm.customer.v1",
                        "it" + run + ".dlq.customer");
        assertThat(orderSettings.rawTopic()).isEqualTo(ordersPlan.source() + ".erp.SalesOrder");
        try (AntiCorruptionLayer orderLayer = AntiCorruptionLayer.start(orderSettings);
                AntiCorruptionLayer customerLayer = AntiCorruptionLayer.start(customerSettings)) {
            orderLayer.awaitRunning(Duration.ofSeconds(90));
            customerLayer.awaitRunning(Duration.ofSeconds(90));
            // the snapshots of both legacy systems flow through their own translations
            await("every seeded order registered").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> keys(sandbox, orderSettings.domainTopic()).size() >= ORDERS);
            await("every seeded customer registered").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> keys(sandbox, customerSettings.domainTopic()).size() >= CUSTOMERS);

            String notes = writeKnownChanges(orders);
            // lines 10 and 20 sit on different partitions of the raw topic, so their changes may interleave in any
            // order; each step waits for its event to make the steps' order the one the list goes through
            awaitLines(sandbox, orderSettings.domainTopic(), List.of(20L, 10L));
            execute(orders, "update erp.\"OrderLine\" set qty = 5, sort_key = 0 where \"Tenant\" = 9 and "
                    + "\"OrderNo\" = 1 and \"LineNo\" = 10");
            awaitLines(sandbox, orderSettings.domainTopic(), List.of(10L, 20L));
            execute(orders, "delete from erp.\"OrderLine\" where \"Tenant\" = 9 and \"OrderNo\" = 1 and "
                    + "\"LineNo\" = 20");
            awaitLines(sandbox, orderSettings.domainTopic(), List.of(10L));
            execute(orders, "update erp.\"SalesOrder\" set status = 'PAID' where \"Tenant\" = 9 and \"OrderNo\" = 1");
            execute(orders, "update erp.\"Customer\" set \"Segment\" = 'VIP', updated_at = now() where "
                    + "\"CustomerId\" = 990001");

            await("the known changes of orders 9:1 and 9:2 translated").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        List<JsonNode> nine = values(sandbox, orderSettings.domainTopic(), "9:2");
                        assertThat(nine).isNotEmpty();
                        assertThat(nine.getLast().path("state").path("customer").path("segment").asText())
                                .isEqualTo("VIP");
                        List<JsonNode> one = values(sandbox, orderSettings.domainTopic(), "9:1");
                        assertThat(one.getLast().path("state").path("customer").path("segment").asText())
                                .isEqualTo("VIP");
                    });

            List<ConsumerRecord<String, byte[]>> records = sandbox.readCommitted(orderSettings.domainTopic());
            List<JsonNode> one = values(records, "9:1");
            JsonNode placed = one.getFirst();
            assertThat(placed.path("type").asText()).isEqualTo("OrderPlaced");
            JsonNode state = placed.path("state");
            assertThat(state.path("tenant").asLong()).isEqualTo(9);
            assertThat(state.path("orderNo").asLong()).isEqualTo(1);
            assertThat(state.path("status").asText()).isEqualTo("NEW");
            assertThat(state.path("placedAt").asText()).isEqualTo("2026-03-14T03:56:53.589793Z"); // +05:30 → UTC
            assertThat(state.path("total").asText()).isEqualTo("-12.50");                         // scale kept
            assertThat(state.path("currency").asText()).isEqualTo("EUR");
            assertThat(state.path("tags")).isEqualTo(JSON.readTree("[\"b\",\"a\",\"c, d\"]"));    // array order
            assertThat(state.path("attributes")).isEqualTo(JSON.readTree("{\"k\":{\"n\":[1,2]},\"z\":null}"));
            assertThat(state.path("notes").asText()).isEqualTo(notes);
            assertThat(state.path("shipBy").asText()).isEqualTo("2026-03-21");
            assertThat(state.path("pickupTime").asText()).isEqualTo("14:30:15.250");
            assertThat(state.path("handling").asText()).isEqualTo("PT26H3M4.5S");
            assertThat(state.path("publicId").asText()).isEqualTo("8f14e45f-ceea-467f-a0e6-72e7d1a3b9c1");
            assertThat(state.path("weightKg").asDouble()).isEqualTo(12.75);
            assertThat(state.path("discountRate").asDouble()).isEqualTo(0.125);
            assertThat(state.path("gift").asBoolean()).isTrue();
            assertThat(state.path("signature").asText()).isEqualTo("AP8Q");                     // '\x00ff10'
            assertThat(state.path("touchedAt").asText()).isEqualTo("2026-03-14T05:56:53.589793");

            // the list part through inserts, an update that re-orders, a delete: each published list in sort_key order
            List<List<Long>> lineLists = new ArrayList<>();
            for (JsonNode event : one) {
                List<Long> lines = new ArrayList<>();
                List<Long> sortKeys = new ArrayList<>();
                event.path("state").path("lines").forEach(l -> {
                    lines.add(l.path("lineNo").asLong());
                    sortKeys.add(l.path("sortKey").asLong());
                });
                assertThat(sortKeys).as("lines of %s", event).isSorted();
                lineLists.add(lines);
            }
            assertThat(lineLists).containsSubsequence(List.of(20L, 10L), List.of(10L, 20L), List.of(10L));
            assertThat(lineLists.getLast()).containsExactly(10L);
            JsonNode last = one.getLast().path("state");
            assertThat(last.path("lines").get(0).path("quantity").asLong()).isEqualTo(5);
            assertThat(last.path("lines").get(0).path("unitPrice").asText()).isEqualTo("19.99");
            assertThat(last.path("status").asText()).isEqualTo("PAID");
            // the note was not part of the later updates (no REPLICA IDENTITY FULL): never published as a placeholder
            assertThat(one).allSatisfy(e -> assertThat(e.path("state").path("notes").asText()).isEqualTo(notes));
            assertThat(records).noneSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .contains("__debezium_unavailable_value"));
            assertThat(one).anySatisfy(e -> {
                assertThat(e.path("type").asText()).isEqualTo("OrderStatusChanged");
                assertThat(e.path("previousStatus").asText()).isEqualTo("NEW");
            });
            // (the customer master row's change reached both orders pointing at it: awaited above)
            ConsumerRecord<String, byte[]> first = records.stream().filter(r -> "9:1".equals(r.key())).findFirst()
                    .orElseThrow();
            assertThat(CloudEventHeaders.text(first.headers(), CloudEventHeaders.SUBJECT)).isEqualTo("9:1");
            assertThat(CloudEventHeaders.text(first.headers(), CloudEventHeaders.TYPE))
                    .isEqualTo("sales.OrderPlaced.v1");
            assertThat(CloudEventHeaders.text(first.headers(), CloudEventHeaders.SOURCE))
                    .isEqualTo("ficus://" + ordersPlan.source() + "/order");
            // nothing of the sensitive tax id in any event
            assertThat(records).noneSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .contains("TAX-SECRET"));
            // every order's events carry strictly increasing positions, and its last one holds its legacy lines
            java.util.Map<String, String> lastPosition = new java.util.HashMap<>();
            java.util.Map<String, JsonNode> lastState = new java.util.HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                String position = CloudEventHeaders.text(record.headers(), CloudEventHeaders.POSITION);
                String before = lastPosition.put(record.key(), position);
                assertThat(before == null || position.compareTo(before) > 0)
                        .as("position %s of %s after %s", position, record.key(), before).isTrue();
                lastState.put(record.key(), JSON.readTree(record.value()).path("state"));
            }
            try (java.sql.Connection c = orders.getConnection(); Statement s = c.createStatement();
                    var rs = s.executeQuery("select \"Tenant\" || ':' || \"OrderNo\", count(*) from erp.\"OrderLine\" "
                            + "group by 1")) {
                while (rs.next()) {
                    assertThat(lastState.get(rs.getString(1)).path("lines").size()).as("lines of %s", rs.getString(1))
                            .isEqualTo(rs.getInt(2));
                }
            }
            assertThat(orderLayer.metrics().deadLettered()).isZero();
            assertThat(customerLayer.metrics().deadLettered()).isZero();
        } finally {
            ConnectClient connect = ConnectClient.of(sandbox.connectUrl());
            connect.delete(ordersPlan.name());
            connect.delete(crmPlan.name());
        }
    }

    /** The changes whose translation the test checks; returns the large note written. */
    private static String writeKnownChanges(DataSource orders) throws SQLException {
        execute(orders, """
                insert into erp."Customer" ("CustomerId", "Name", "Segment", email, tax_id, updated_at)
                values (990001, 'Fan Out GmbH', 'RETAIL', 'fan@example.org', 'TAX-SECRET', now())""");
        execute(orders, """
                insert into erp."SalesOrder" ("Tenant", "OrderNo", "CustomerId", status, placed_at, total, currency,
                    tags, attributes, notes, ship_by, pickup_time, handling, public_id, weight_kg, discount_rate,
                    is_gift, signature, legacy_touched)
                values (9, 1, 990001, 'NEW', '2026-03-14 09:26:53.589793+05:30', -12.50, 'EUR',
                    array['b', 'a', 'c, d'], '{"z": null, "k": {"n": [1, 2]}}', %s, '2026-03-21', '14:30:15.25',
                    '1 day 02:03:04.5', '8f14e45f-ceea-467f-a0e6-72e7d1a3b9c1', 12.75, 0.125, true, '\\x00ff10',
                    '2026-03-14 05:56:53.589793'),
                    (9, 2, 990001, 'NEW', now(), 1.00, 'CHF', '{}', '{}', null, null, null, null,
                    '00000000-0000-0000-0000-000000000092', null, null, false, null, null)""".formatted(NOTES));
        execute(orders, """
                insert into erp."OrderLine" ("Tenant", "OrderNo", "LineNo", "Sku", qty, unit_price, sort_key)
                values (9, 1, 10, 'SKU-10', 1, 19.99, 2), (9, 1, 20, 'SKU-20', 2, 5.00, 1)""");
        try (java.sql.Connection c = orders.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("select notes from erp.\"SalesOrder\" where \"Tenant\" = 9 and \"OrderNo\" = 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Waits for an event of order 9:1 whose lines are these, in this order. */
    private static void awaitLines(Sandbox sandbox, String topic, List<Long> lines) {
        await("order 9:1 with lines " + lines).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> values(sandbox, topic, "9:1").stream().anyMatch(e -> {
                    List<Long> got = new ArrayList<>();
                    e.path("state").path("lines").forEach(l -> got.add(l.path("lineNo").asLong()));
                    return got.equals(lines);
                }));
    }

    private static CapturePlan plan(Sandbox sandbox, CapturePlan base, String database, String source, String slot) {
        CapturePlan connected = base.withConnection(new Connection(sandbox.postgres().host(),
                sandbox.postgres().port(), database, "postgres",
                new SecretRef.File(sandbox.secretsFile().toString(), "legacy.password")));
        return new CapturePlan(source, source, connected.connection(), connected.tables(),
                connected.sensitiveColumns(), slot, slot, connected.snapshotMode(), connected.heartbeatInterval(),
                connected.tuning(), connected.keyColumns(), connected.heartbeatActionQuery(), connected.signalTable(),
                connected.beforeImageTables(), connected.publishViaPartitionRoot());
    }

    private static Path resource(String name) {
        return Path.of(System.getProperty("basedir", ".")).resolve("src/main/resources/ficus/samples/orders")
                .resolve(name);
    }

    private static Set<String> keys(Sandbox sandbox, String topic) {
        return sandbox.readCommitted(topic).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static List<JsonNode> values(Sandbox sandbox, String topic, String key) throws IOException {
        return values(sandbox.readCommitted(topic), key);
    }

    private static List<JsonNode> values(List<ConsumerRecord<String, byte[]>> records, String key) throws IOException {
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (key.equals(record.key())) {
                values.add(JSON.readTree(record.value()));
            }
        }
        return values;
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
