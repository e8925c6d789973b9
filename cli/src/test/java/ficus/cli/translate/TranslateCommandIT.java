package ficus.cli.translate;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.cli.Ficus;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.sandbox.crm.SampleCrm;
import ficus.samples.orders.OrdersSample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ficus translate check} and {@code ficus translate test} as a migration lead runs them, in-process, against
 * the sandbox's real PostgreSQL with two legacy schemas unlike each other (the CRM, the orders sample): a spec that
 * fits passes, and each kind of mistake is one line naming the spec's line and field, exit 2.
 */
@ExtendWith(SandboxExtension.class)
class TranslateCommandIT {

    private static final String CRM = "cli_translate_crm";
    private static final String ORDERS = OrdersSample.DATABASE; // the sample installs itself into its own database
    private static Sandbox sandbox;
    private static Path dir;
    private static String orderSpec;

    @BeforeAll
    static void legacyDatabases(Sandbox s) throws Exception {
        sandbox = s;
        s.postgres().createDatabase(CRM);
        SampleCrm.install(s.postgres().dataSource(CRM), 10);
        OrdersSample.install(s.postgres().dataSource(CRM), 10);
        dir = Files.createTempDirectory("ficus-translate-cli-it-");
        orderSpec = resource("ficus/samples/orders/translations/order.yaml");
    }

    private static String resource(String name) throws Exception {
        try (var in = TranslateCommandIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static Path ordersPlan(String tables) throws Exception {
        return write("orders-plan-" + Math.abs(tables.hashCode()) + ".yaml", """
                name: orders
                source: orders
                connection:
                  host: 127.0.0.1
                  port: %d
                  database: %s
                  user: postgres
                  password: "%s"
                tables:
                %s
                sensitiveColumns:
                  - 'erp."Customer".tax_id'
                slot: ficus_orders
                publication: ficus_orders
                """.formatted(sandbox.postgres().port(), ORDERS, sandbox.legacyPasswordReference(), tables));
    }

    private static final String ALL_ORDER_TABLES = """
              - 'erp."Customer"'
              - 'erp."SalesOrder"'
              - 'erp."OrderLine"'
              - erp.shipment""";

    private record Run(int exit, String out, String err) {
    }

    private static Run ficus(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Ficus.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run checkOrders(String spec, String tables) throws Exception {
        Path file = write("order-" + Math.abs(spec.hashCode()) + ".yaml", spec);
        return ficus("translate", "check", file.toString(), "--plan", ordersPlan(tables).toString(), "--database");
    }

    /** The one problem line of a refused check (the summary line aside). */
    private static String problem(Run run) {
        List<String> lines = run.err().lines().filter(l -> !l.startsWith("translate check:")).toList();
        assertThat(lines).as("problem lines of %s", run.err()).hasSize(1);
        return lines.get(0);
    }

    @Test
    void shouldPassTheOrdersSpecAgainstItsPlanAndDatabase() throws Exception {
        Run run = checkOrders(orderSpec, ALL_ORDER_TABLES);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("fits").contains("raw topic orders.erp.SalesOrder → sales.order.v1");
    }

    @Test
    void shouldPassTheCustomerSpecAgainstTheCrmPlanAndDatabase() throws Exception {
        Path plan = write("crm-plan.yaml", """
                name: legacy-crm
                source: legacy
                connection:
                  host: 127.0.0.1
                  port: %d
                  database: %s
                  user: postgres
                  password: "%s"
                tables: [crm.cust, crm.cust_addr, crm.lead, crm.cd_stat]
                sensitiveColumns: [crm.cust.natl_id]
                slot: ficus_legacy_crm
                publication: ficus_legacy_crm
                """.formatted(sandbox.postgres().port(), CRM, sandbox.legacyPasswordReference()));
        Path spec = write("customer.yaml", resource("ficus/samples/crm/translations/customer.yaml"));
        Run run = ficus("translate", "check", spec.toString(), "--plan", plan.toString(), "--database");
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void shouldRefuseATableThePlanDoesNotCapture() throws Exception {
        Run run = checkOrders(orderSpec, ALL_ORDER_TABLES.replace("- erp.shipment", ""));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(problem(run)).matches(".*order-\\d+\\.yaml:45: parts\\.shipments\\.table: erp\\.shipment is not "
                + "captured by the plan .*");
    }

    @Test
    void shouldRefuseAMissingColumnWithTheNearestName() throws Exception {
        Run run = checkOrders(orderSpec.replace("{ column: currency,", "{ column: currncy,"), ALL_ORDER_TABLES);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(problem(run)).matches(".*:17: root\\.fields\\.currency: no column currncy in erp\\.\"SalesOrder\"; "
                + "did you mean currency\\?");
    }

    @Test
    void shouldRefuseAColumnWhoseTypeCannotBeReadAsDeclared() throws Exception {
        Run run = checkOrders(orderSpec.replace("{ column: total, type: decimal,", "{ column: total, type: long,"),
                ALL_ORDER_TABLES);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(problem(run)).contains(":16: root.fields.total: column total is numeric, which cannot be read as "
                + "long (declare it as decimal");
    }

    @Test
    void shouldRefuseASensitiveColumnMapped() throws Exception {
        Run run = checkOrders(orderSpec.replace("      email:      { column: email, type: string }",
                "      email:      { column: email, type: string }\n      taxId:      { column: tax_id, type: string }"),
                ALL_ORDER_TABLES);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(problem(run)).contains("parts.customer.fields.taxId: column erp.\"Customer\".tax_id is sensitive "
                + "in the plan");
    }

    @Test
    void shouldRefuseAKeyThatIsNotTheTablesKey() throws Exception {
        Run run = checkOrders(orderSpec.replace("key: ['\"Tenant\"', '\"OrderNo\"', '\"LineNo\"']",
                "key: ['\"Tenant\"', '\"LineNo\"']"), ALL_ORDER_TABLES);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(problem(run)).contains(":34: parts.lines.key: [Tenant, LineNo] is not the key of "
                + "erp.\"OrderLine\", which is [Tenant, OrderNo, LineNo] (its primary key)");
    }

    @Test
    void shouldRefuseASpecThatDoesNotLoadWithItsLine() throws Exception {
        Run run = checkOrders(orderSpec.replace("type: interval", "type: duration"), ALL_ORDER_TABLES);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(":23: root.fields.handling.type: unknown type 'duration'");
    }

    @Test
    void shouldStartNoLayerAndCreateNoTopicForASpecThatDoesNotLoadOrDoesNotFitItsPlan() throws Exception {
        Path broken = write("broken-order.yaml", orderSpec.replace("type: interval", "type: duration"));
        Run unloadable = ficus("acl", "run", "--spec", broken.toString(), "--bootstrap-servers",
                sandbox.bootstrapServers(), "--source", "cliacl");
        assertThat(unloadable.exit()).isEqualTo(2);
        assertThat(unloadable.err()).contains("broken-order.yaml:23: root.fields.handling.type: unknown type");

        Path spec = write("unfit-order.yaml", orderSpec);
        Run unfit = ficus("acl", "run", "--spec", spec.toString(), "--plan",
                ordersPlan(ALL_ORDER_TABLES.replace("- erp.shipment", "")).toString(), "--bootstrap-servers",
                sandbox.bootstrapServers());
        assertThat(unfit.exit()).isEqualTo(2);
        assertThat(unfit.err()).contains("parts.shipments.table: erp.shipment is not captured by the plan");

        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers",
                sandbox.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain("sales.order.v1", "ficus.dlq.order",
                    "ficus.dlq.order.replay", "ficus.dlq.order.follows", "cliacl.erp.SalesOrder", "orders.erp.SalesOrder");
        }
    }

    @Test
    void shouldRunTheGoldenCasesOfTheOrdersSampleAndFailAWrongOne() throws Exception {
        Files.createDirectories(dir.resolve("golden/order.cases"));
        Path spec = write("golden/order.yaml", orderSpec);
        Files.writeString(dir.resolve("golden/order.cases/placed.yaml"), """
                name: a placed order
                source: orders
                given:
                  - table: erp."SalesOrder"
                    op: c
                    after: { Tenant: 1, OrderNo: 1, CustomerId: 7, status: NEW, placed_at: "2026-03-14T03:56:53.589793Z",
                             total: "10.00", currency: EUR, tags: [], attributes: "{}", notes: null, ship_by: null,
                             pickup_time: null, handling: null, public_id: 00000000-0000-0000-0000-000000000001,
                             weight_kg: null, discount_rate: null, is_gift: false, signature: null,
                             legacy_touched: null, line_count: 0 }
                  - { table: erp."OrderLine", op: c, after: { Tenant: 1, OrderNo: 1, LineNo: 10, Sku: A, qty: 1, unit_price: "10.00", sort_key: 1 } }
                expect:
                  events:
                    - { type: OrderPlaced, key: "1:1", state: { total: "10.00" } }
                    - { type: OrderChanged, key: "1:1", state: { lines: [ { sku: A } ] }, changed: [lines] }
                """);
        Run passed = ficus("translate", "test", spec.toString());
        assertThat(passed.exit()).as(passed.out() + passed.err()).isZero();
        assertThat(passed.out()).contains("PASS  placed.yaml: a placed order").contains("1 of 1 case(s) passed");

        Files.writeString(dir.resolve("golden/order.cases/placed.yaml"), Files.readString(
                dir.resolve("golden/order.cases/placed.yaml")).replace("total: \"10.00\" }", "total: \"10.50\" }"));
        Run failed = ficus("translate", "test", spec.toString());
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).contains("FAIL  placed.yaml").contains("state.total is \"10.00\", expected \"10.50\"");
    }
}
