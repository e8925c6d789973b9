package ficus.migration.orders;

import com.fasterxml.jackson.databind.JsonNode;
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
import ficus.migration.backfill.BackfillSettings;
import ficus.migration.reconcile.QuickReconciliation;
import ficus.migration.reconcile.ReadModel;
import ficus.migration.reconcile.ReadModelLoader;
import ficus.migration.reconcile.ReconciliationReport;
import ficus.sandbox.Sandbox;
import ficus.samples.orders.OrdersSample;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import static org.awaitility.Awaitility.await;

/**
 * One test's migration of the orders sample on the sandbox, as a team would run its own: the sample's database (schema
 * {@code erp}), its capture plan with snapshot mode {@code no_data} on the test's own slot, publication and topic
 * prefix, the anti-corruption layer with the sample's spec (YAML only), a component made with the component kit
 * ({@code order_view}, apply-if-newer) and its read model as a file, and a Ficus database for the job repository.
 */
final class OrdersPipeline implements AutoCloseable {

    static final String SPEC = "classpath:ficus/samples/orders/translations/order.yaml";
    static final ReadModel MODEL = ReadModelLoader.loadResource("ficus/migration/readmodels/order-view.yaml");

    final Sandbox sandbox;
    final String run;
    final DataSource legacy;
    final DataSource ficus;
    final DataSource component;
    final CapturePlan plan;
    final AclSettings acl;
    private AntiCorruptionLayer layer;
    private ComponentConsumer orderView;

    private OrdersPipeline(Sandbox s, Path work, int orders) throws Exception {
        this.sandbox = s;
        this.run = Long.toString(System.nanoTime(), 36);
        this.legacy = OrdersSample.install(s.postgres().dataSource("postgres"), orders);
        execute(legacy, """
                alter table erp."OrderLine" replica identity full;
                alter table erp."Customer" replica identity full;""");
        s.postgres().createDatabase("ord_ficus_" + run);
        s.postgres().createDatabase("ord_view_" + run);
        this.ficus = s.postgres().dataSource("ord_ficus_" + run);
        this.component = s.postgres().dataSource("ord_view_" + run);
        String prefix = "ord" + run;
        CapturePlan shipped = new CapturePlanLoader().loadResource("ficus/samples/orders/plan.yaml");
        this.plan = new CapturePlan("ord-" + run, prefix, new Connection(s.postgres().host(), s.postgres().port(),
                OrdersSample.DATABASE, "postgres", new SecretRef.File(s.secretsFile().toString(),
                        Sandbox.LEGACY_PASSWORD_KEY)), shipped.tables(), shipped.sensitiveColumns(), "ord_" + run,
                "ord_" + run, SnapshotMode.NO_DATA, shipped.heartbeatInterval(), shipped.tuning(),
                shipped.keyColumns(), shipped.heartbeatActionQuery(), shipped.signalTable(),
                shipped.beforeImageTables(), shipped.publishViaPartitionRoot());
        this.acl = AclSettings.of(s.bootstrapServers(), work.resolve("acl-" + run), SPEC, prefix)
                .withApplicationId("ord-acl-" + run)
                .withTopics(prefix + ".erp.SalesOrder", prefix + ".sales.order.v1", prefix + ".dlq.order");
    }

    static OrdersPipeline start(Sandbox sandbox, Path work, int orders) throws Exception {
        OrdersPipeline pipeline = new OrdersPipeline(sandbox, work, orders);
        try {
            ConnectorDeployer.deploy(pipeline.plan, sandbox.connectUrl());
            pipeline.layer = AntiCorruptionLayer.start(pipeline.acl);
            pipeline.layer.awaitRunning(Duration.ofSeconds(90));
            pipeline.orderView = pipeline.startOrderView(pipeline.acl.spec());
            return pipeline;
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
    }

    /** A component made with the kit: order_view, one row per order, apply-if-newer per aggregate. */
    private ComponentConsumer startOrderView(TranslationSpec spec) throws Exception {
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
            subscription = subscription.on(spec.cloudEventType(type), OrdersPipeline::apply);
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

    static void execute(DataSource db, String sql) throws Exception {
        try (java.sql.Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    BackfillSettings backfill() {
        return BackfillSettings.of(plan, legacy, ficus, acl);
    }

    /** Waits until a quick reconciliation against the read-model file finds no drift; returns that report. */
    ReconciliationReport awaitNoDrift(Duration atMost) {
        return awaitNoDrift(atMost, () -> { });
    }

    /** The same, doing {@code beforeEach} before each reconciliation (e.g. replaying new dead letters). */
    ReconciliationReport awaitNoDrift(Duration atMost, Runnable beforeEach) {
        AtomicReference<ReconciliationReport> last = new AtomicReference<>();
        await().atMost(atMost).pollInterval(Duration.ofSeconds(2)).until(() -> {
            beforeEach.run();
            last.set(new QuickReconciliation(legacy, component, acl.spec(), MODEL).run());
            return last.get().drift() == 0;
        });
        return last.get();
    }

    @Override
    public void close() {
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
}
