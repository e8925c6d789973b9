package ficus.cli.demo;

import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.components.customerstatus.CustomerStatusComponent;
import ficus.components.customerstatus.CustomerStatusSettings;
import ficus.components.ordertracking.OrderTrackingComponent;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.core.FicusException;
import ficus.kit.consume.ApplyListener;
import ficus.migration.reconcile.ReadModel;
import ficus.migration.reconcile.ReadModelLoader;
import ficus.sandbox.Sandbox;
import io.micrometer.core.instrument.MeterRegistry;
import ficus.sandbox.crm.LegacyWorkload;
import ficus.sandbox.crm.SampleCrm;
import ficus.samples.crm.CrmSample;
import ficus.samples.orders.OrdersSample;
import ficus.samples.orders.OrdersWorkload;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * A sample legacy system the demo runs end to end, as a team's own migration would be wired: its database and
 * workload, its capture plan, its translation spec, the component carved off for it and that component's read model.
 * The demo itself ({@link DemoRun}) knows none of them.
 */
enum DemoSample {

    /** The lead-generation CRM: customers with address and leads → crm.customer.v1 → customer-status. */
    CRM("crm", "customers", CrmSample.CUSTOMER_SPEC, "ficus/samples/crm/readmodels/customer-status.yaml",
            "customer_status") {
        @Override
        DataSource install(Sandbox sandbox, int size) {
            DataSource legacy = sandbox.postgres().dataSource(Sandbox.LEGACY_DATABASE);
            SampleCrm.install(legacy, size);
            return legacy;
        }

        @Override
        CapturePlan plan(Sandbox sandbox) {
            return connected(CapturePlanLoader.legacyCrm(), sandbox, Sandbox.LEGACY_DATABASE);
        }

        @Override
        Component startComponent(Sandbox sandbox, String topic, ApplyListener listener, MeterRegistry registry) {
            CustomerStatusComponent component = CustomerStatusComponent.start(CustomerStatusSettings.of(
                    sandbox.bootstrapServers(), sandbox.postgres().jdbcUrl(componentDatabase),
                    sandbox.postgres().user(), sandbox.postgres().password()).withTopic(topic)
                    .withListener(listener).withMeterRegistry(registry));
            return new Component(CustomerStatusSettings.COMPONENT_NAME, "HTTP http://127.0.0.1:"
                    + component.httpPort() + "/customers/{id}/status", component::appliedCount, component);
        }

        @Override
        Workload workload(DataSource legacy, double rate, int size) {
            LegacyWorkload workload = new LegacyWorkload(legacy, rate, size, System.nanoTime());
            return new Workload(workload::start, workload::stop, workload::operations, workload::rowsChanged,
                    workload);
        }
    },

    /** The order-management system: orders with lines, shipments and a customer master → sales.order.v1. */
    ORDERS("orders", "orders", "classpath:ficus/samples/orders/translations/order.yaml",
            "ficus/samples/orders/readmodels/order-tracking.yaml", "order_tracking") {
        @Override
        DataSource install(Sandbox sandbox, int size) {
            return OrdersSample.install(sandbox.postgres().dataSource(Sandbox.LEGACY_DATABASE), size);
        }

        @Override
        CapturePlan plan(Sandbox sandbox) {
            return connected(new CapturePlanLoader().loadResource("ficus/samples/orders/plan.yaml"), sandbox,
                    OrdersSample.DATABASE);
        }

        @Override
        Component startComponent(Sandbox sandbox, String topic, ApplyListener listener, MeterRegistry registry) {
            OrderTrackingComponent component = OrderTrackingComponent.start(sandbox.bootstrapServers(), topic,
                    sandbox.postgres().jdbcUrl(componentDatabase), sandbox.postgres().user(),
                    sandbox.postgres().password(), listener, registry);
            return new Component(OrderTrackingComponent.NAME, "table tracked_order", component::appliedCount,
                    component);
        }

        @Override
        Workload workload(DataSource legacy, double rate, int size) {
            OrdersWorkload workload = new OrdersWorkload(legacy, rate, 2, size, System.nanoTime());
            return new Workload(workload::start, workload::stop, workload::operations, workload::rowsChanged,
                    workload);
        }
    };

    final String code;
    /** What {@code --size} counts, for messages. */
    final String rows;
    final String spec;
    private final String readModel;
    /** The component's own database on the same server: its own schema, nothing shared with legacy. */
    final String componentDatabase;

    DemoSample(String code, String rows, String spec, String readModel, String componentDatabase) {
        this.code = code;
        this.rows = rows;
        this.spec = spec;
        this.readModel = readModel;
        this.componentDatabase = componentDatabase;
    }

    static DemoSample forCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst().orElseThrow(() ->
                new FicusException.BadInput("--sample: '" + code + "' is not a sample (samples: "
                        + Arrays.stream(values()).map(s -> s.code).toList() + ")"));
    }

    TranslationSpec loadSpec() {
        return TranslationSpecLoader.load(spec);
    }

    ReadModel readModel() {
        return ReadModelLoader.loadResource(readModel);
    }

    /** Seeds the legacy database with {@code size} root rows; returns it. */
    abstract DataSource install(Sandbox sandbox, int size);

    /** The sample's capture plan, connected to the sandbox's PostgreSQL. */
    abstract CapturePlan plan(Sandbox sandbox);

    /** Starts the component in this process, its meters in {@code registry}. */
    abstract Component startComponent(Sandbox sandbox, String topic, ApplyListener listener, MeterRegistry registry);

    abstract Workload workload(DataSource legacy, double rate, int size);

    private static CapturePlan connected(CapturePlan plan, Sandbox sandbox, String database) {
        return plan.withConnection(new Connection(sandbox.postgres().host(), sandbox.postgres().port(), database,
                sandbox.postgres().user(), new SecretRef.File(sandbox.secretsFile().toString(),
                        Sandbox.LEGACY_PASSWORD_KEY)));
    }

    /** The component the demo carves off: its consumer group, where to look, how much it applied. */
    record Component(String consumerGroup, String where, java.util.function.LongSupplier applied,
            AutoCloseable closeable) implements AutoCloseable {
        long appliedCount() {
            return applied.getAsLong();
        }

        @Override
        public void close() throws Exception {
            closeable.close();
        }
    }

    /** The legacy application writing at a rate. */
    record Workload(Runnable start, Runnable stop, java.util.function.LongSupplier operations,
            java.util.function.LongSupplier rowsChanged, AutoCloseable closeable) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closeable.close();
        }
    }

    static List<String> codes() {
        return Arrays.stream(values()).map(s -> s.code).toList();
    }
}
