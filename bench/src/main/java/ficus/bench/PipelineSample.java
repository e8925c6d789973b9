package ficus.bench;

import ficus.sandbox.Sandbox;
import ficus.sandbox.crm.SampleCrm;
import ficus.samples.orders.OrdersSample;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The sample {@link PipelineBenchmark} runs ({@code -Dficus.bench.workload=crm|orders}): its legacy database, capture
 * plan, spec and component, and the SQL of its backlog, its writer and its "applied" check. The benchmark itself
 * knows none of them.
 */
enum PipelineSample {

    /** crm.cust (replica identity full) → crm.customer.v1 → customer-status; every phase. */
    CRM("legacy", "ficus/plans/legacy-crm.yaml", "crm.cust", "crm.customer.v1",
            "ficus/samples/crm/translations/customer.yaml", "customer_status", true) {
        @Override
        DataSource install(Sandbox sandbox, long keeper) throws SQLException {
            DataSource legacy = sandbox.postgres().dataSource(database);
            SampleCrm.install(legacy, 0);
            PipelineBenchmark.execute(legacy, "insert into crm.cust (cust_id, cst_nm, cst_stat, natl_id) values (" + keeper
                    + ", 'Slot keeper', 'A', '0')");
            return legacy;
        }

        @Override
        String heartbeatQuery(long keeper) {
            return "update crm.cust set upd_ts = localtimestamp where cust_id = " + keeper;
        }

        @Override
        String insertRoots(long from, long to) {
            return "insert into crm.cust (cust_id, cst_nm, cst_eml, cst_stat, natl_id, cst_nts)"
                    + " select g, 'Customer ' || g, 'c' || g || '@example.com', 'P', lpad(g::text, 11, '0'),"
                    + " md5(g::text) from generate_series(" + from + ", " + to + ") g";
        }

        @Override
        String updateRoots(long from, long to) {
            return "update crm.cust set cst_stat = 'A', upd_ts = localtimestamp where cust_id between " + from
                    + " and " + to;
        }

        @Override
        String flipRoots(long from, long to) {
            return "update crm.cust set cst_stat = case cst_stat when 'A' then 'P' else 'A' end,"
                    + " upd_ts = localtimestamp where cust_id between " + from + " and " + to;
        }

        @Override
        String appliedQuery(long from, long to) {
            return "select count(*) from customer_status where status = 'ACTIVE' and customer_id between " + from
                    + " and " + to;
        }
    },

    /**
     * erp."SalesOrder" (a composite key, every column type, a customer reference, triggers) → sales.order.v1 →
     * order-tracking (one database round trip per event: no batch handler); capture, end to end, memory and restart
     * (its consumer group is fixed and its table keeps no commit or applied time, so no second instance for the kit's
     * apply rate and no latency).
     */
    ORDERS(OrdersSample.DATABASE, "ficus/samples/orders/plan.yaml", "erp.SalesOrder", "sales.order.v1",
            "ficus/samples/orders/translations/order.yaml", "order_tracking", false) {
        @Override
        DataSource install(Sandbox sandbox, long keeper) throws SQLException {
            DataSource legacy = OrdersSample.install(sandbox.postgres().dataSource("postgres"), 0);
            // the plan's beforeImages, as prepare does
            PipelineBenchmark.execute(legacy, "alter table erp.\"OrderLine\" replica identity full",
                    "alter table erp.\"Customer\" replica identity full",
                    "insert into erp.\"Customer\" (\"CustomerId\", \"Name\", \"Segment\", updated_at)"
                            + " values (1, 'Bench customer', 'RETAIL', now())",
                    "insert into erp.\"SalesOrder\" (\"Tenant\", \"OrderNo\", \"CustomerId\", status, placed_at,"
                            + " total, currency, public_id) values (1, " + keeper + ", 1, 'NEW', now(), 0, 'EUR',"
                            + " gen_random_uuid())");
            return legacy;
        }

        @Override
        String heartbeatQuery(long keeper) {
            // line_count is ignored by the spec: captured, translated to no event
            return "update erp.\\\"SalesOrder\\\" set line_count = line_count where \\\"Tenant\\\" = 1 and \\\"OrderNo\\\" = "
                    + keeper;
        }

        @Override
        String insertRoots(long from, long to) {
            return "insert into erp.\"SalesOrder\" (\"Tenant\", \"OrderNo\", \"CustomerId\", status, placed_at, total,"
                    + " currency, tags, attributes, notes, public_id) select 1, g, 1, 'NEW', now(), (g % 1000) + 0.99,"
                    + " 'EUR', array['bench'], '{\"channel\": \"web\"}', md5(g::text), gen_random_uuid()"
                    + " from generate_series(" + from + ", " + to + ") g";
        }

        @Override
        String updateRoots(long from, long to) {
            return "update erp.\"SalesOrder\" set status = 'PAID' where \"Tenant\" = 1 and \"OrderNo\" between "
                    + from + " and " + to;
        }

        @Override
        String flipRoots(long from, long to) {
            return "update erp.\"SalesOrder\" set status = case status when 'PAID' then 'NEW'::erp.order_status"
                    + " else 'PAID'::erp.order_status end where \"Tenant\" = 1 and \"OrderNo\" between " + from
                    + " and " + to;
        }

        @Override
        String appliedQuery(long from, long to) {
            return "select count(*) from tracked_order where status = 'PAID' and tenant = 1 and order_no between "
                    + from + " and " + to;
        }
    };

    /** The legacy database's name on the sandbox's server. */
    final String database;
    final String planResource;
    /** The root table as Debezium names its topic after the plan's source: {@code <source>.<this>}. */
    final String rootTable;
    final String domainTopic;
    final String specResource;
    /** The component's own database (its name is also the component's in the sample). */
    final String componentDatabase;
    /** Whether the apply (kit against JDBC) and sustained phases run: they read customer-status's table. */
    final boolean everyPhase;

    PipelineSample(String database, String planResource, String rootTable, String domainTopic, String specResource,
                   String componentDatabase, boolean everyPhase) {
        this.database = database;
        this.planResource = planResource;
        this.rootTable = rootTable;
        this.domainTopic = domainTopic;
        this.specResource = specResource;
        this.componentDatabase = componentDatabase;
        this.everyPhase = everyPhase;
    }

    static PipelineSample fromSystemProperty() {
        return valueOf(System.getProperty("ficus.bench.workload", "crm").toUpperCase(java.util.Locale.ROOT));
    }

    /** Creates the legacy schema (no rows but the slot keeper {@code keeper}); returns the legacy database. */
    abstract DataSource install(Sandbox sandbox, long keeper) throws SQLException;

    /** The plan's {@code heartbeatActionQuery} (YAML-quoted text): a captured change that publishes no event. */
    abstract String heartbeatQuery(long keeper);

    abstract String insertRoots(long from, long to);

    abstract String updateRoots(long from, long to);

    /** The writer's change of roots {@code from..to}: each gets an event. */
    abstract String flipRoots(long from, long to);

    /** How many roots of {@code from..to} the component holds in the backlog's final state. */
    abstract String appliedQuery(long from, long to);
}
