package ficus.samples.orders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.ds.common.BaseDataSource;

/**
 * The second sample legacy system: an order-management database ({@value #DATABASE}, schema {@value #SCHEMA}) with
 * quoted mixed-case identifiers, composite keys, an enum type, timestamptz, numeric money, arrays, jsonb, large
 * TOASTed notes, a partitioned table, a table without a primary key and triggers. {@link #install} creates it and
 * seeds it deterministically: the same {@code orders} give the same rows, every time.
 *
 * <p>Seeded order {@code g} (1..orders) has the key {@code ("Tenant", "OrderNo") = (1 + (g-1) % 3, 1 + (g-1) / 3)}:
 * order numbers repeat across the three tenants. Orders the workload places take their number from
 * {@code erp.order_no_seq} ({@value #FIRST_WORKLOAD_ORDER_NO} up). Every fourth seeded order ({@code g % 4 == 0})
 * carries {@value #LARGE_NOTES_CHARS} characters of incompressible notes, stored out of line.
 */
public final class OrdersSample {

    public static final String DATABASE = "orders";
    public static final String SCHEMA = "erp";
    public static final int TENANTS = 3;
    public static final long FIRST_WORKLOAD_ORDER_NO = 1_000_001L;
    public static final long FIRST_WORKLOAD_SHIPMENT_ID = 1_000_001L;
    public static final int LARGE_NOTES_CHARS = 4096;
    /** At most this many orders are seeded (order numbers stay below {@link #FIRST_WORKLOAD_ORDER_NO}). */
    public static final int MAX_ORDERS = 3_000_000 - 3;

    private OrdersSample() {
    }

    /** Seeded customers for {@code orders} seeded orders: about one per five orders, at least one when there are orders. */
    public static int customersFor(int orders) {
        return orders == 0 ? 0 : Math.max(1, orders / 5);
    }

    /** The tenant of seeded order {@code g}. */
    public static int tenantOf(long g) {
        return (int) (1 + (g - 1) % TENANTS);
    }

    /** The order number of seeded order {@code g}. */
    public static long orderNoOf(long g) {
        return 1 + (g - 1) / TENANTS;
    }

    /**
     * Creates schema {@code erp} (dropping an earlier one) and seeds {@code orders} orders, in one transaction: running
     * it again gives the same database. {@code dataSource} is one of database {@value #DATABASE}; or, when it is the
     * PostgreSQL driver's data source of another database on the same server, database {@value #DATABASE} is created
     * there if missing and used instead.
     *
     * @return the data source of database {@value #DATABASE} the sample was installed in
     */
    public static DataSource install(DataSource dataSource, int orders) {
        if (orders < 0 || orders > MAX_ORDERS) {
            throw new IllegalArgumentException("orders must be between 0 and " + MAX_ORDERS + ", not " + orders);
        }
        DataSource target = ordersDatabase(dataSource);
        try (Connection c = target.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("drop schema if exists erp cascade");
                s.execute(resource("schema.sql"));
                seed(c, orders);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("analyze erp.\"Customer\", erp.\"SalesOrder\", erp.\"OrderLine\", erp.shipment");
            }
            return target;
        } catch (SQLException e) {
            throw new IllegalStateException("could not install the sample orders database: " + e.getMessage(), e);
        }
    }

    private static DataSource ordersDatabase(DataSource dataSource) {
        String current;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_database()")) {
            rs.next();
            current = rs.getString(1);
            if (current.equals(DATABASE)) {
                return dataSource;
            }
            if (!(dataSource instanceof BaseDataSource server)) {
                throw new IllegalArgumentException("the data source is one of database " + current + ", not "
                        + DATABASE + "; pass one of database " + DATABASE + " (or the PostgreSQL driver's data source,"
                        + " so that the database can be created)");
            }
            try (ResultSet exists = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    s.execute("create database " + DATABASE);
                }
            }
            PGSimpleDataSource orders = new PGSimpleDataSource();
            orders.setURL(server.getURL());
            orders.setUser(server.getUser());
            orders.setPassword(server.getPassword());
            orders.setDatabaseName(DATABASE);
            return orders;
        } catch (SQLException e) {
            throw new IllegalStateException("could not reach the database server: " + e.getMessage(), e);
        }
    }

    // One deterministic line i (1..k) of seeded order g; the order's total is the sum of its lines.
    private static final String LINE_QTY = "(1 + (g + i) % 7)";
    private static final String LINE_PRICE = "round(1 + ((g::bigint * i * 13) % 20000) / 100.0, 2)";
    private static final String LINE_COUNT = "(1 + (g::bigint * 31) % 5)";

    private static final String SEED_CUSTOMERS = """
            insert into erp."Customer" ("CustomerId", "Name", "Segment", email, tax_id, updated_at)
            select c,
                   (array['Acme','Globex','Initech','Umbrella','Hooli','Stark','Wayne','Tyrell','Cyberdyne','Soylent'])
                     [1 + c % 10] || ' ' || (array['Trading','Logistics','Foods','Retail','Labs'])[1 + (c / 10) % 5]
                     || ' ' || c,
                   (array['RETAIL','RETAIL','WHOLESALE','PARTNER','VIP'])[1 + c % 5],
                   case when c % 9 = 0 then null else 'buyer' || c || '@example.com' end,
                   'PT' || lpad(((c::bigint * 7919) % 1000000000)::text, 9, '0'),
                   timestamptz '2025-06-01 09:00:00+00' + c * interval '1 minute'
              from generate_series(1, ?) c
            """;

    private static final String SEED_ORDERS = """
            insert into erp."SalesOrder" ("Tenant", "OrderNo", "CustomerId", status, placed_at, total, currency, tags,
                                          attributes, notes, ship_by, pickup_time, handling, public_id, weight_kg,
                                          discount_rate, is_gift, signature, legacy_touched, line_count)
            select t, o, 1 + (g::bigint * 7919) % ?,
                   (case when g % 20 < 6 then 'NEW' when g % 20 < 11 then 'PAID' when g % 20 < 18 then 'SHIPPED'
                         else 'CANCELLED' end)::erp.order_status,
                   placed,
                   (select sum({QTY} * {PRICE}) from generate_series(1, {LINES}) i),
                   (array['EUR','EUR','USD','GBP','CHF'])[1 + g % 5],
                   case g % 4 when 0 then '{}'::text[] when 1 then array['priority'] when 2 then array['b2b','net30']
                        else array['fragile','gift, wrapped','say "hi"'] end,
                   jsonb_build_object('channel', (array['web','phone','store','edi'])[1 + g % 4], 'priority', g % 3,
                                      'delivery', jsonb_build_object('window', (array['am','pm'])[1 + g % 2],
                                                                     'floor', g % 12)),
                   case when g % 4 = 0 then 'Delivery notes: '
                          || (select string_agg(md5(g || ':' || n), '') from generate_series(1, {CHUNKS}) n)
                        when g % 4 = 1 then 'call before delivery' end,
                   case when g % 5 <> 0 then (placed at time zone 'UTC')::date + 7 end,
                   case when g % 3 = 0 then time '08:00' + (g % 40) * interval '15 minutes' end,
                   case when g % 2 = 0 then make_interval(days => g % 3, hours => g % 24, mins => g % 60) end,
                   md5('order:' || t || ':' || o)::uuid,
                   ((g % 500) / 10.0 + 0.5)::real,
                   case when g % 3 = 0 then (g % 5) * 0.025::double precision end,
                   g % 11 = 0,
                   case when g % 6 = 0 then decode(md5('signature:' || g), 'hex') end,
                   placed at time zone 'Europe/Berlin',
                   {LINES}
              from (select g, (1 + (g - 1) % 3)::smallint t, (1 + (g - 1) / 3)::bigint o,
                           timestamptz '2025-12-01 00:00:00+00' + ((g::bigint * 7919) % 432000) * interval '1 minute'
                             placed
                      from generate_series(1, ?) g) s
            """.replace("{QTY}", LINE_QTY).replace("{PRICE}", LINE_PRICE).replace("{LINES}", LINE_COUNT)
            .replace("{CHUNKS}", Integer.toString(LARGE_NOTES_CHARS / 32));

    private static final String SEED_LINES = """
            insert into erp."OrderLine" ("Tenant", "OrderNo", "LineNo", "Sku", qty, unit_price, sort_key)
            select (1 + (g - 1) % 3)::smallint, (1 + (g - 1) / 3)::bigint, i * 10,
                   'SKU-' || lpad(((g::bigint * i * 31) % 5000)::text, 5, '0'), {QTY}, {PRICE},
                   case when g % 7 = 0 then {LINES} - i + 1 else i end
              from generate_series(1, ?) g, generate_series(1, {LINES}) i
            """.replace("{QTY}", LINE_QTY).replace("{PRICE}", LINE_PRICE).replace("{LINES}", LINE_COUNT);

    /** A shipment for every shipped order, 1 to 5 days after it was placed: some in each partition. */
    private static final String SEED_SHIPMENTS = """
            insert into erp.shipment (shipment_id, "Tenant", "OrderNo", shipped_at, carrier)
            select g, "Tenant", "OrderNo", placed_at + (1 + g % 5) * interval '1 day' + interval '6 hours',
                   (array['DHL','UPS','CTT','DPD'])[1 + g % 4]
              from (select ("OrderNo" - 1) * 3 + "Tenant" g, * from erp."SalesOrder" where status = 'SHIPPED') s
            """;

    private static void seed(Connection c, int orders) throws SQLException {
        int customers = customersFor(orders);
        try (PreparedStatement p = c.prepareStatement(SEED_CUSTOMERS)) {
            p.setInt(1, customers);
            p.executeUpdate();
        }
        if (orders == 0) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(SEED_ORDERS)) {
            p.setInt(1, customers);
            p.setInt(2, orders);
            p.executeUpdate();
        }
        // line_count is seeded with the orders; the trigger would count every line a second time
        try (Statement s = c.createStatement(); PreparedStatement p = c.prepareStatement(SEED_LINES)) {
            s.execute("alter table erp.\"OrderLine\" disable trigger trg_line_count");
            p.setInt(1, orders);
            p.executeUpdate();
            s.execute("alter table erp.\"OrderLine\" enable trigger trg_line_count");
            s.executeUpdate(SEED_SHIPMENTS);
        }
    }

    static String resource(String name) {
        try (InputStream in = OrdersSample.class.getResourceAsStream("/ficus/samples/orders/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource ficus/samples/orders/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
