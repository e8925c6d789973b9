package ficus.faults;

import ficus.components.customerstatus.CustomerStatusComponent;
import ficus.components.customerstatus.CustomerStatusSettings;
import ficus.components.ordertracking.OrderTrackingComponent;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.sandbox.crm.LegacyWorkload;
import ficus.sandbox.crm.SampleCrm;
import ficus.samples.orders.OrdersSample;
import ficus.samples.orders.OrdersWorkload;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * A sample legacy system the suite migrates, wired as a team wires its own: its database and workload, its capture
 * plan, its translation spec, the component carved off for it (run by {@link ComponentMain} in a JVM of its own,
 * with an inbox of applied event ids) and that component's read model. The cases know none of them.
 */
enum FaultSample {

    /** Orders with lines, shipments and a customer master → sales.order.v1 → order-tracking. */
    ORDERS("ficus/samples/orders/plan.yaml", OrdersSample.DATABASE, "ficus/samples/orders/translations/order.yaml",
            "ficus/samples/orders/readmodels/order-tracking.yaml", "sales.order.v1", "ficus.dlq.order", "tracking",
            OrderTrackingComponent.NAME) {
        @Override
        AutoCloseable startComponent(String bootstrapServers, String topic, String jdbcUrl, String user,
                                     String password) {
            return OrderTrackingComponent.start(bootstrapServers, topic, jdbcUrl, user, password);
        }

        @Override
        DataSource install(PostgresNode postgres, int size) {
            DataSource legacy = OrdersSample.install(postgres.dataSource("postgres"), size);
            // the plan's beforeImages: prepare (or preflight's fix) would do this
            Migration.execute(legacy, "alter table erp.\"OrderLine\" replica identity full",
                    "alter table erp.\"Customer\" replica identity full");
            return legacy;
        }

        @Override
        Workload workload(DataSource legacy, double rate, int size) {
            OrdersWorkload w = new OrdersWorkload(legacy, rate, 2, size, 42).start();
            return new Workload(w::operations, w::reconnects, w::rolledBack, w::stop, w::close);
        }
    },

    /** Customers with addresses and leads → crm.customer.v1 → customer-status. */
    CRM("ficus/plans/legacy-crm.yaml", "legacy", "ficus/samples/crm/translations/customer.yaml",
            "ficus/samples/crm/readmodels/customer-status.yaml", "crm.customer.v1", "ficus.dlq.customer",
            "customer_status", CustomerStatusSettings.COMPONENT_NAME) {
        @Override
        AutoCloseable startComponent(String bootstrapServers, String topic, String jdbcUrl, String user,
                                     String password) {
            return CustomerStatusComponent.start(CustomerStatusSettings.of(bootstrapServers, jdbcUrl, user, password)
                    .withTopic(topic));
        }

        @Override
        DataSource install(PostgresNode postgres, int size) {
            postgres.createDatabase(database);
            DataSource legacy = postgres.dataSource(database);
            SampleCrm.install(legacy, size); // its tables log full rows already (the plan's beforeImages)
            return legacy;
        }

        @Override
        Workload workload(DataSource legacy, double rate, int size) {
            LegacyWorkload w = new LegacyWorkload(legacy, rate, size, 42).start();
            return new Workload(w::operations, w::reconnects, () -> 0, w::stop, w::close);
        }
    };

    final String planResource;
    /** The legacy database's name on the suite's server. */
    final String database;
    final String specResource;
    final String readModelResource;
    final String domainTopic;
    final String deadLetterTopic;
    /** The component's own database on the same server. */
    final String componentDatabase;
    final String componentName;

    FaultSample(String planResource, String database, String specResource, String readModelResource,
                String domainTopic, String deadLetterTopic, String componentDatabase, String componentName) {
        this.planResource = planResource;
        this.database = database;
        this.specResource = specResource;
        this.readModelResource = readModelResource;
        this.domainTopic = domainTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.componentDatabase = componentDatabase;
        this.componentName = componentName;
    }

    /** Starts the sample's component in this JVM ({@link ComponentMain} runs it in one of its own). */
    abstract AutoCloseable startComponent(String bootstrapServers, String topic, String jdbcUrl, String user,
                                          String password);

    /** Creates the legacy database with {@code size} root rows; returns it. */
    abstract DataSource install(PostgresNode postgres, int size);

    /** The legacy application writing at {@code rate} operations a second, started. */
    abstract Workload workload(DataSource legacy, double rate, int size);

    CapturePlan plan() {
        return new CapturePlanLoader().loadResource(planResource);
    }

    /** The legacy application's workload, whatever the sample. */
    record Workload(LongSupplier operations, LongSupplier reconnects, LongSupplier rolledBack, Runnable stopper,
                    AutoCloseable closer) implements AutoCloseable {

        long operationCount() {
            return operations.getAsLong();
        }

        long reconnectCount() {
            return reconnects.getAsLong();
        }

        /** Transactions the workload rolled back on purpose (0 for a workload that never does). */
        long rolledBackCount() {
            return rolledBack.getAsLong();
        }

        void stop() {
            stopper.run();
        }

        @Override
        public void close() {
            try {
                closer.close();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
