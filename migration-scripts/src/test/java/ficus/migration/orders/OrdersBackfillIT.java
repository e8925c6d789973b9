package ficus.migration.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import ficus.acl.aggregate.AggregateKey;
import ficus.acl.dlq.DeadLetters;
import ficus.acl.dlq.ReplayResult;
import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.AntiCorruptionLayer;
import ficus.acl.spec.TranslationSpec;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.connectors.plan.SnapshotMode;
import ficus.connectors.slot.ReplicationSlots;
import ficus.kit.consume.ComponentConsumer;
import ficus.kit.consume.Delivery;
import ficus.kit.consume.Subscription;
import ficus.migration.backfill.Backfill;
import ficus.migration.backfill.BackfillResult;
import ficus.migration.backfill.BackfillSettings;
import ficus.migration.reconcile.KeyDrift;
import ficus.migration.reconcile.QuickReconciliation;
import ficus.migration.reconcile.ReadModel;
import ficus.migration.reconcile.ReadModelLoader;
import ficus.migration.reconcile.ReconcileSettings;
import ficus.migration.reconcile.Reconciliation;
import ficus.migration.reconcile.ReconciliationReport;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.samples.orders.OrdersSample;
import ficus.samples.orders.OrdersWorkload;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second schema, unlike the CRM, on the real stack: the orders sample (erp."SalesOrder" keyed by
 * ("Tenant", "OrderNo"), its lines as a list, its shipments counted, the customer master row it references) captured
 * with snapshot mode no_data, translated by the sample's own spec (YAML only), and a component made with the
 * component kit whose read model is a file. The backfill runs while the sample's workload changes the same orders; after
 * it, the dead letters the TOAST trap made are replayed (the sample keeps no before-images of orders); reconcile then
 * finds drift 0 over root fields, the list, the count and the referenced row. Corrupted component rows
 * are found exactly, by their composite keys, and {@code --redrive} repairs them.
 */
@ExtendWith(SandboxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrdersBackfillIT {

    private static final int ORDERS = 1_500;
    private static final String SPEC = "classpath:ficus/samples/orders/translations/order.yaml";

    @TempDir
    static Path work;
    private static Sandbox sandbox;
    private static String run;
    private static DataSource legacy;
    private static DataSource ficus;
    private static DataSource component;
    private static CapturePlan plan;
    private static AclSettings acl;
    private static AntiCorruptionLayer layer;
    private static ComponentConsumer orderView;
    private static final ReadModel MODEL = ReadModelLoader.loadResource("ficus/migration/readmodels/order-view.yaml");

    @BeforeAll
    static void start(Sandbox s) throws Exception {
        sandbox = s;
        run = Long.toString(System.nanoTime(), 36);
        legacy = OrdersSample.install(s.postgres().dataSource("postgres"), ORDERS);
        execute(legacy, """
                alter table erp."OrderLine" replica identity full;
                alter table erp."Customer" replica identity full;""");
        s.postgres().createDatabase("ord_ficus_" + run);
        s.postgres().createDatabase("ord_view_" + run);
        ficus = s.postgres().dataSource("ord_ficus_" + run);
        component = s.postgres().dataSource("ord_view_" + run);
        String prefix = "ord" + run;
        CapturePlan shipped = new CapturePlanLoader().loadResource("ficus/samples/orders/plan.yaml");
        plan = new CapturePlan("ord-" + run, prefix, new Connection(s.postgres().host(), s.postgres().port(),
                OrdersSample.DATABASE, "postgres", new SecretRef.File(s.secretsFile().toString(),
                        Sandbox.LEGACY_PASSWORD_KEY)), shipped.tables(), shipped.sensitiveColumns(), "ord_" + run,
                "ord_" + run, SnapshotMode.NO_DATA, shipped.heartbeatInterval(), shipped.tuning(),
                shipped.keyColumns(), shipped.heartbeatActionQuery(), shipped.signalTable(),
                shipped.beforeImageTables(), shipped.publishViaPartitionRoot());
        acl = AclSettings.defaults(s.bootstrapServers(), work.resolve("acl"))
                .withApplicationId("ord-acl-" + run)
                .withTopics(prefix + ".erp.SalesOrder", prefix + ".sales.order.v1", prefix + ".dlq.order")
                .withTranslationSpec(SPEC);
        ConnectorDeployer.deploy(plan, s.connectUrl());
        layer = AntiCorruptionLayer.start(acl);
        layer.awaitRunning(Duration.ofSeconds(90));
        orderView = startOrderView(acl.spec());
    }

    @AfterAll
    static void stop() {
        if (orderView != null) {
            orderView.close();
        }
        if (layer != null) {
            layer.close();
        }
        try {
            ConnectClient.of(sandbox.connectUrl()).delete(plan.name());
            ReplicationSlots.drop(legacy, plan.slotName(), Duration.ofSeconds(30));
        } catch (RuntimeException ignored) {
            // best effort: the test's own slot and databases
        }
    }

    /** A component made with the kit: order_view, one row per order, apply-if-newer per aggregate. */
    private static ComponentConsumer startOrderView(TranslationSpec spec) throws Exception {
        execute(component, """
                create table ficus_applied_position (aggregate_type varchar not null, aggregate_id varchar not null,
                  position varchar(40) not null, event_id varchar(64) not null, applied_at timestamptz not null,
                  primary key (aggregate_type, aggregate_id));
                create table order_view (tenant smallint not null, order_no bigint not null, status text,
                  total numeric(12,2), placed_at timestamptz, tags text[], attributes jsonb, lines jsonb,
                  shipment_count bigint, customer_name text, removed boolean not null default false,
                  primary key (tenant, order_no));""");
        Subscription subscription = Subscription.to(acl.domainTopic()).as("order-view-" + run);
        for (String type : spec.eventTypes()) {
            subscription = subscription.on(spec.cloudEventType(type), OrdersBackfillIT::apply);
        }
        return subscription.start(sandbox.bootstrapServers(), DSL.using(component, SQLDialect.POSTGRES));
    }

    private static void apply(Delivery<JsonNode> delivery) {
        JsonNode data = delivery.data();
        JsonNode state = data.path("state");
        long tenant = data.path("tenant").asLong();
        long orderNo = data.path("orderNo").asLong();
        if (state.isNull() || state.isMissingNode()) {
            delivery.tx().execute("update order_view set removed = true where tenant = ? and order_no = ?", tenant,
                    orderNo);
            return;
        }
        String[] tags = new String[state.path("tags").size()];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = state.path("tags").get(i).asText();
        }
        JsonNode customer = state.path("customer");
        delivery.tx().execute("""
                insert into order_view values (?, ?, ?, ?::numeric, ?::timestamptz, ?, ?::jsonb, ?::jsonb, ?, ?, false)
                on conflict (tenant, order_no) do update set status = excluded.status, total = excluded.total,
                  placed_at = excluded.placed_at, tags = excluded.tags, attributes = excluded.attributes,
                  lines = excluded.lines, shipment_count = excluded.shipment_count,
                  customer_name = excluded.customer_name, removed = false""",
                tenant, orderNo, state.path("status").asText(), state.path("total").asText(),
                state.path("placedAt").asText(), tags, state.path("attributes").toString(),
                state.path("lines").toString(), state.path("shipments").asLong(),
                customer.isObject() ? customer.path("name").asText() : null);
    }

    private static void execute(DataSource db, String sql) throws Exception {
        try (java.sql.Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static BackfillSettings backfill() {
        return BackfillSettings.of(plan, legacy, ficus, acl);
    }

    private static ReconciliationReport awaitNoDrift(Duration atMost) {
        AtomicReference<ReconciliationReport> last = new AtomicReference<>();
        await().atMost(atMost).pollInterval(Duration.ofSeconds(2)).until(() -> {
            last.set(new QuickReconciliation(legacy, component, acl.spec(), MODEL).run());
            return last.get().drift() == 0;
        });
        return last.get();
    }

    @Test
    @Order(1)
    void shouldConvergeWhenBackfillingCompositeKeyOrdersWhileTheWorkloadChangesThem() throws Exception {
        BackfillResult result;
        try (OrdersWorkload workload = new OrdersWorkload(legacy, 40, 2, ORDERS, 7)) {
            workload.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> workload.operations() >= 20);
            long before = workload.operations();

            result = Backfill.run(backfill().withChunkSize(100).withPartitions(3).withMaxRowsPerSecond(3_000),
                    p -> { });

            assertThat(workload.operations() - before).as("legacy changes while the backfill ran").isGreaterThan(20);
            workload.stop();
        }

        // erp."SalesOrder" has no before-images (the plan says so): a streamed update that leaves the TOASTed notes alone
        // and reaches the layer before the backfill brought the order is a dead letter ("no earlier value is known").
        // Replaying the dead letters after the backfill applies them on top of the backfilled rows.
        ReplayResult replayed = DeadLetters.replay(sandbox.bootstrapServers(), acl);
        System.out.println("orders backfill: replayed dead letters " + replayed);

        assertThat(result.aggregates()).isGreaterThanOrEqualTo(ORDERS - 100);
        assertThat(result.rows()).as("lines, shipments and customers too").isGreaterThan(2L * ORDERS);
        ReconciliationReport report = awaitNoDrift(Duration.ofSeconds(180));
        assertThat(report.matching()).isGreaterThanOrEqualTo(ORDERS - 100);
        assertThat(report.untranslatable()).isZero();
        System.out.println("orders backfill: " + result.summary());
    }

    @Test
    @Order(2)
    void shouldFindExactlyTheCorruptedCompositeKeysAndRepairThemWithRedrive() throws Exception {
        execute(component, """
                update order_view set status = 'WRONG' where tenant = 2 and order_no = 10;
                update order_view set lines = '[]' where tenant = 3 and order_no = 20;
                update order_view set customer_name = 'Nobody' where tenant = 1 and order_no = 30;
                delete from order_view where tenant = 1 and order_no = 40;""");

        ReconciliationReport found = Reconciliation.run(ReconcileSettings.of(legacy, component, acl.spec(), MODEL)
                .withBatch(ficus).withReportFile(work.resolve("orders-drift.json")));

        assertThat(found.samples()).extracting(KeyDrift::key).containsExactly("1:30", "1:40", "2:10", "3:20");
        assertThat(found.differentByField()).containsOnlyKeys("status", "lines", "customer.name");
        assertThat(found.missing()).isEqualTo(1);
        assertThat(found.driftKeys()).extracting(AggregateKey::text).containsExactly("1:30", "1:40", "2:10", "3:20");
        assertThat(work.resolve("orders-drift.json")).content().contains("\"key\" : \"2:10\"");

        ReconciliationReport repaired = Reconciliation.run(ReconcileSettings.of(legacy, component, acl.spec(), MODEL)
                .withBatch(ficus).withRedrive(backfill(), Duration.ofSeconds(120)));

        assertThat(repaired.drift()).isZero();
    }
}
