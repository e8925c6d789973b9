package ficus.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sample orders database on the sandbox's real PostgreSQL: seeded fast and the same every time, then written to. */
@ExtendWith(SandboxExtension.class)
class OrdersSampleIT {

    @Test
    void shouldCreateTheOrdersDatabaseAndSeedTwentyFiveThousandOrdersInAFewSeconds(Sandbox s) throws SQLException {
        long start = System.nanoTime();
        DataSource orders = OrdersSample.install(s.postgres().dataSource("postgres"), 25_000);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(single(orders, "select current_database()")).isEqualTo("orders");
        assertThat(number(orders, "select count(*) from erp.\"SalesOrder\"")).isEqualTo(25_000);
        assertThat(number(orders, "select count(*) from erp.\"Customer\"")).isEqualTo(5_000);
        assertThat(number(orders, "select count(*) from erp.\"OrderLine\"")).isBetween(25_000L, 125_000L);
        assertThat(number(orders, """
                select count(*) from (select "Tenant", "OrderNo", count(*) n from erp."OrderLine"
                                       group by 1, 2) l
                 where n not between 1 and 5""")).isZero();
        assertThat(number(orders, "select count(distinct \"Tenant\") from erp.\"SalesOrder\" where \"OrderNo\" = 1"))
                .as("order numbers repeat across tenants").isEqualTo(3);
        assertThat(linesMiscounted(orders)).isZero();
        assertThat(number(orders, "select count(*) from erp.\"SalesOrder\" o where total <> (select sum(qty * unit_price)"
                + " from erp.\"OrderLine\" l where l.\"Tenant\" = o.\"Tenant\" and l.\"OrderNo\" = o.\"OrderNo\")"))
                .isZero();
        assertThat(shipmentsPerPartition(orders)).containsOnlyKeys("erp.shipment_2026h1", "erp.shipment_2026h2",
                "erp.shipment_default").allSatisfy((partition, n) -> assertThat(n).isPositive());
        assertThat(number(orders, "select count(*) from erp.audit_log")).isZero();
        // every fourth order's notes are several KB that do not compress: stored out of line, in the TOAST table
        assertThat(number(orders, "select count(*) from erp.\"SalesOrder\" where length(notes) > 4000"))
                .isEqualTo(6_250);
        assertThat(number(orders, "select count(*) from erp.\"SalesOrder\" where pg_column_compression(notes) is not"
                + " null")).isZero();
        assertThat(number(orders, """
                select pg_relation_size(reltoastrelid) from pg_class where oid = 'erp."SalesOrder"'::regclass"""))
                .isGreaterThan(6_250L * 4_000);
        assertThat(single(orders, "select relreplident::text from pg_class where oid = 'erp.\"SalesOrder\"'::regclass"))
                .as("no replica identity is set up: that is the capture plan's job").isEqualTo("d");
    }

    @Test
    void shouldSeedTheSameRowsEveryTime(Sandbox s) throws SQLException {
        DataSource orders = OrdersSample.install(s.postgres().dataSource("postgres"), 600);
        List<String> first = fingerprints(orders);

        OrdersSample.install(orders, 600);

        assertThat(fingerprints(orders)).isEqualTo(first);
        assertThat(number(orders, "select count(*) from erp.\"SalesOrder\"")).isEqualTo(600);
    }

    @Test
    void shouldKeepChangingOrdersLinesCustomersAndShipmentsWhileTheWorkloadRuns(Sandbox s) throws SQLException {
        DataSource orders = OrdersSample.install(s.postgres().dataSource("postgres"), 3_000);
        List<String> seeded = fingerprints(orders);
        long seededLines = number(orders, "select count(*) from erp.\"OrderLine\"");
        long seededShipments = number(orders, "select count(*) from erp.shipment");

        try (OrdersWorkload workload = new OrdersWorkload(orders, 100, 2, 3_000, 42).start()) {
            await("about five seconds of every kind of operation").atMost(Duration.ofMinutes(1))
                    .until(() -> workload.operations() >= 500
                            && Arrays.stream(OrdersWorkload.Operation.values()).allMatch(op -> workload.count(op) > 0));
            workload.stop();

            assertThat(workload.rowsChanged()).isPositive();
            assertThat(workload.rolledBack()).isPositive();
            assertThat(workload.failures()).isLessThan(workload.operations() / 20);
        }

        List<String> after = fingerprints(orders);
        for (int table = 0; table < seeded.size(); table++) {
            assertThat(after.get(table)).as("rows of " + TABLES.get(table)).isNotEqualTo(seeded.get(table));
        }
        assertThat(number(orders, "select count(*) from erp.\"SalesOrder\" where \"OrderNo\" >= "
                + OrdersSample.FIRST_WORKLOAD_ORDER_NO)).as("orders placed").isPositive();
        assertThat(number(orders, "select count(*) from erp.\"SalesOrder\" where attributes ? 'review'")).isPositive();
        assertThat(number(orders, "select count(*) from erp.\"Customer\" where updated_at > now() - interval '5 min'"))
                .isPositive();
        assertThat(number(orders, "select count(*) from erp.\"OrderLine\"")).isNotEqualTo(seededLines);
        // the trigger wrote the history of every status change, and only real transitions
        assertThat(number(orders, "select count(*) from erp.audit_log")).isPositive();
        assertThat(number(orders, """
                select count(*) from erp.audit_log
                 where (old_status, new_status) not in (('NEW','PAID'), ('PAID','SHIPPED'), ('NEW','CANCELLED'),
                                                        ('PAID','CANCELLED'))""")).isZero();
        // the other trigger kept every order's line_count in step with its lines
        assertThat(linesMiscounted(orders)).isZero();
        assertThat(number(orders, "select count(*) from erp.shipment")).isGreaterThan(seededShipments);
        assertThat(shipmentsPerPartition(orders)).hasSizeGreaterThanOrEqualTo(2);
        // the notes-untouched updates left the large notes as they were
        assertThat(number(orders, """
                select count(*) from erp."SalesOrder"
                 where "OrderNo" < 1000001 and (("OrderNo" - 1) * 3 + "Tenant") % 4 = 0 and length(notes) <> 4112"""))
                .isZero();
    }

    private static final List<String> TABLES = List.of("erp.\"Customer\"", "erp.\"SalesOrder\"", "erp.\"OrderLine\"",
            "erp.shipment");

    /** One md5 per table over all its rows in key order. */
    private static List<String> fingerprints(DataSource orders) throws SQLException {
        List<String> result = new ArrayList<>();
        for (String table : TABLES) {
            result.add(single(orders, "select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from "
                    + table + " t"));
        }
        return result;
    }

    private static long linesMiscounted(DataSource orders) throws SQLException {
        return number(orders, """
                select count(*) from erp."SalesOrder" o
                 where line_count <> (select count(*) from erp."OrderLine" l
                                       where l."Tenant" = o."Tenant" and l."OrderNo" = o."OrderNo")""");
    }

    private static java.util.Map<String, Long> shipmentsPerPartition(DataSource orders) throws SQLException {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection c = orders.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select tableoid::regclass::text, count(*) from erp.shipment group by 1")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static long number(DataSource ds, String sql) throws SQLException {
        return Long.parseLong(single(ds, sql));
    }

    private static String single(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
