package ficus.components.ordertracking;

import static ficus.components.ordertracking.generated.Tables.APPLIED_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.AntiCorruptionLayer;
import ficus.components.ordertracking.contract.OrderEvent;
import ficus.components.ordertracking.contract.OrderEventReader;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.samples.orders.OrdersSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * order-tracking over the real stack: the orders sample's PostgreSQL database, the real Debezium connector deployed
 * from the sample's capture plan, the real anti-corruption layer running the sample's YAML translation, and the
 * component reading {@code sales.order.v1} into the records generated from its contract. Every order ends as legacy
 * has it (status, exact total, lines, the referenced customer's name, removal), each event id is applied once, and a
 * redelivery of events already applied changes nothing.
 */
@ExtendWith(SandboxExtension.class)
class OrderTrackingPipelineIT {

    private static final int ORDERS = 60;
    private static final String DATABASE = "order_tracking_pipeline";
    private static final Duration CONVERGE = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void shouldTrackEveryOrderAsLegacyHasItApplyingEachEventIdOnce(Sandbox sandbox) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        DataSource orders = OrdersSample.install(sandbox.postgres().dataSource("postgres"), ORDERS);
        CapturePlan plan = plan(sandbox, new CapturePlanLoader().loadResource("ficus/samples/orders/plan.yaml"),
                "ot" + run);
        ConnectorDeployer.deploy(plan, sandbox.connectUrl());
        AclSettings settings = AclSettings.of(sandbox.bootstrapServers(), work.resolve("acl"),
                        "classpath:ficus/samples/orders/translations/order.yaml", plan.source())
                .withApplicationId("order-tracking-it-" + run)
                .withTopics(plan.source() + ".erp.SalesOrder", "ot" + run + "." + OrderEvent.TOPIC,
                        "ot" + run + ".dlq.order");
        sandbox.postgres().createDatabase(DATABASE);
        DataSource tracking = sandbox.postgres().dataSource(DATABASE);
        try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(settings);
             OrderTrackingComponent component = OrderTrackingComponent.start(sandbox.bootstrapServers(),
                     settings.domainTopic(), sandbox.postgres().jdbcUrl(DATABASE), sandbox.postgres().user(),
                     sandbox.postgres().password())) {
            acl.awaitRunning(Duration.ofSeconds(90));
            // first what the topic says (the component applied the last event of each order), then what legacy says
            await("every seeded order tracked as its last event says").atMost(CONVERGE)
                    .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(tracked(tracking))
                            .hasSize(ORDERS).isEqualTo(lastEvents(sandbox.readCommitted(settings.domainTopic()))));
            await("every seeded order tracked as legacy has it").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(tracked(tracking)).as("tracked orders (%d events on %s, %d "
                            + "applied, %d dead letters)", sandbox.readCommitted(settings.domainTopic()).size(),
                            settings.domainTopic(), component.appliedCount(), component.deadLetterCount())
                            .isEqualTo(legacy(orders)));
            assertThat(tracked(tracking)).hasSize(ORDERS);

            // changes of every kind: status rules, a new line, the customer master row (fans out), a removal
            execute(orders, "update erp.\"SalesOrder\" set status = 'CANCELLED' where \"Tenant\" = 1 and \"OrderNo\" = 1");
            execute(orders, "update erp.\"SalesOrder\" set status = 'SHIPPED' where \"Tenant\" = 2 and \"OrderNo\" = 1");
            execute(orders, "update erp.\"SalesOrder\" set total = total + 0.01 where \"Tenant\" = 3 and \"OrderNo\" = 1");
            execute(orders, "insert into erp.\"OrderLine\" (\"Tenant\", \"OrderNo\", \"LineNo\", \"Sku\", qty, "
                    + "unit_price, sort_key) values (1, 2, 990, 'SKU-NEW', 7, 3.33, 990)");
            execute(orders, "update erp.\"Customer\" set \"Name\" = 'Renamed & Co' where \"CustomerId\" = (select "
                    + "\"CustomerId\" from erp.\"SalesOrder\" where \"Tenant\" = 2 and \"OrderNo\" = 2)");
            execute(orders, "delete from erp.\"SalesOrder\" where \"Tenant\" = 3 and \"OrderNo\" = 2");
            await("the changes tracked").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(tracked(tracking)).isEqualTo(legacy(orders)));
            assertThat(removed(tracking)).containsExactly("3:2");

            // each event of the topic applied once, by its id (ce_id)
            List<ConsumerRecord<String, byte[]>> events = sandbox.readCommitted(settings.domainTopic());
            Set<String> ids = events.stream().map(r -> header(r, "ce_id")).collect(Collectors.toSet());
            var dsl = DSL.using(tracking, SQLDialect.POSTGRES);
            await("every event applied").atMost(Duration.ofSeconds(60))
                    .until(() -> dsl.fetchCount(APPLIED_EVENT) == ids.size());
            assertThat(Set.copyOf(dsl.select(APPLIED_EVENT.EVENT_ID).from(APPLIED_EVENT).fetch(APPLIED_EVENT.EVENT_ID)))
                    .isEqualTo(ids);
            assertThat(events.stream().map(r -> header(r, "ce_type")).distinct())
                    .contains("sales.OrderPlaced.v1", "sales.OrderCancelled.v1", "sales.OrderShipped.v1",
                            "sales.OrderChanged.v1", "sales.OrderRemoved.v1");
            assertThat(component.deadLetterCount()).as("every event read into its generated record").isZero();
            assertThat(acl.metrics().deadLettered()).isZero();

            // a redelivery of events already applied: skipped, nothing changes
            Map<String, String> before = tracked(tracking);
            long skipped = component.skippedCount();
            List<ConsumerRecord<String, byte[]>> again = events.subList(0, 20);
            try (var producer = producer(sandbox)) {
                for (ConsumerRecord<String, byte[]> r : again) {
                    producer.send(new ProducerRecord<>(settings.domainTopic(), null, r.key(), r.value(), r.headers()));
                }
                producer.flush();
            }
            await("the redelivered events skipped").atMost(Duration.ofSeconds(60))
                    .until(() -> component.skippedCount() >= skipped + again.size());
            assertThat(dsl.fetchCount(APPLIED_EVENT)).isEqualTo(ids.size());
            assertThat(tracked(tracking)).isEqualTo(before).isEqualTo(legacy(orders));
        } finally {
            ConnectClient.of(sandbox.connectUrl()).delete(plan.name());
        }
    }

    /** Legacy's orders: {@code tenant:orderNo} → status, total, line count, quantity, customer name. */
    private static Map<String, String> legacy(DataSource orders) {
        return query(orders, """
                select o."Tenant" || ':' || o."OrderNo",
                       o.status::text || '|' || o.total::text || '|' || count(l."LineNo") || '|'
                           || coalesce(sum(l.qty), 0) || '|' || c."Name"
                  from erp."SalesOrder" o
                  join erp."Customer" c on c."CustomerId" = o."CustomerId"
                  left join erp."OrderLine" l on l."Tenant" = o."Tenant" and l."OrderNo" = o."OrderNo"
                 group by o."Tenant", o."OrderNo", o.status, o.total, c."Name\"""");
    }

    /** The orders as the last event of each on the topic says they are (read with the generated reader), same shape. */
    private static Map<String, String> lastEvents(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        Map<String, String> orders = new TreeMap<>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (ConsumerRecord<String, byte[]> r : records) { // one partition per order: offset order is its order
            OrderEvent event = OrderEventReader.read(header(r, "ce_type"), json.readTree(r.value()));
            OrderEvent.State state = switch (event) {
                case OrderEvent.OrderPlaced e -> e.state();
                case OrderEvent.OrderCancelled e -> e.state();
                case OrderEvent.OrderShipped e -> e.state();
                case OrderEvent.OrderStatusChanged e -> e.state();
                case OrderEvent.OrderChanged e -> e.state();
                case OrderEvent.OrderRemoved e -> null;
            };
            String key = event.tenant() + ":" + event.orderNo();
            if (state == null) {
                orders.remove(key);
                continue;
            }
            List<OrderEvent.Line> lines = state.lines() == null ? List.of() : state.lines();
            orders.put(key, state.status().wire() + "|" + state.total().toPlainString() + "|" + lines.size() + "|"
                    + lines.stream().mapToLong(OrderEvent.Line::quantity).sum() + "|"
                    + (state.customer() == null ? "<none>" : state.customer().name()));
        }
        return orders;
    }

    /** The component's orders that are not removed, in the same shape. */
    private static Map<String, String> tracked(DataSource tracking) {
        return query(tracking, """
                select tenant || ':' || order_no,
                       status || '|' || total::text || '|' || line_count || '|' || quantity || '|'
                           || coalesce(customer_name, '<none>')
                  from tracked_order where not removed""");
    }

    private static Set<String> removed(DataSource tracking) {
        return query(tracking, "select tenant || ':' || order_no, '' from tracked_order where removed").keySet();
    }

    private static Map<String, String> query(DataSource ds, String sql) {
        Map<String, String> rows = new TreeMap<>();
        try (java.sql.Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return rows; // the component has not created its table yet
            }
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (java.sql.Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var header = r.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The sample's plan, pointed at the sandbox, under a connector, topic prefix, slot and publication of this run. */
    private static CapturePlan plan(Sandbox sandbox, CapturePlan base, String source) {
        CapturePlan connected = base.withConnection(new Connection(sandbox.postgres().host(),
                sandbox.postgres().port(), OrdersSample.DATABASE, sandbox.postgres().user(),
                new SecretRef.File(sandbox.secretsFile().toString(), Sandbox.LEGACY_PASSWORD_KEY)));
        return new CapturePlan(source, source, connected.connection(), connected.tables(),
                connected.sensitiveColumns(), source, source, connected.snapshotMode(), connected.heartbeatInterval(),
                connected.tuning(), connected.keyColumns(), connected.heartbeatActionQuery(), connected.signalTable(),
                connected.beforeImageTables(), connected.publishViaPartitionRoot());
    }

    private static KafkaProducer<String, byte[]> producer(Sandbox s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
