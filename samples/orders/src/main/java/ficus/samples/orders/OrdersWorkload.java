package ficus.samples.orders;

import ficus.core.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order-management application, still writing while the migration happens: orders placed with their lines, paid,
 * shipped (with a shipment row) or cancelled; lines added, changed, deleted and re-ordered; customer master changes
 * that concern every order of the customer; updates that leave the large notes untouched (so that, without REPLICA
 * IDENTITY FULL, Debezium sends the TOAST placeholder); tag and attribute changes; order deletes (cascading to the
 * lines); and now and then a transaction that is rolled back. Each operation is one transaction, paced to a target
 * rate shared by the threads; each thread has its own connection.
 */
public final class OrdersWorkload implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrdersWorkload.class);
    private static final String[] SEGMENTS = {"RETAIL", "WHOLESALE", "PARTNER", "VIP"};
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};
    private static final String[] TAGS = {"priority", "fragile", "b2b", "net30", "gift, wrapped", "say \"hi\""};
    private static final String[] CARRIERS = {"DHL", "UPS", "CTT", "DPD"};

    /** What the order application does, with its share of the operations (percent). */
    public enum Operation {
        PLACE_ORDER(15), PAY(14), SHIP(8), CANCEL(4), ADD_LINE(6), CHANGE_LINE(8), DELETE_LINE(4), REORDER_LINES(6),
        CUSTOMER_CHANGE(8), NOTES_UNTOUCHED(10), TAGS_ATTRIBUTES(10), DELETE_ORDER(4), ROLLED_BACK(3);

        private final int percent;

        Operation(int percent) {
            this.percent = percent;
        }

        static Operation pick(int roll) {
            int acc = 0;
            for (Operation op : values()) {
                acc += op.percent;
                if (roll < acc) {
                    return op;
                }
            }
            return NOTES_UNTOUCHED;
        }
    }

    private record OrderKey(int tenant, long orderNo) {
    }

    private final DataSource orders;
    private final double opsPerSecond;
    private final int threads;
    private final int seededOrders;
    private final int customers;
    private final SplittableRandom seedRandom;
    private final Map<Operation, AtomicLong> counts = new EnumMap<>(Operation.class);
    private final AtomicLong rowsChanged = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();
    private final AtomicLong lastPlacedOrderNo = new AtomicLong(OrdersSample.FIRST_WORKLOAD_ORDER_NO - 1);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param orders       a data source of the sample's database
     * @param opsPerSecond operations per second, all threads together
     * @param threads      concurrent writers, each with its own connection
     * @param seededOrders the {@code orders} the sample was installed with
     * @param seed         the random seed: the same seed gives the same sequence of choices per thread
     */
    public OrdersWorkload(DataSource orders, double opsPerSecond, int threads, int seededOrders, long seed) {
        if (opsPerSecond <= 0) {
            throw new IllegalArgumentException("opsPerSecond must be positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.orders = orders;
        this.opsPerSecond = opsPerSecond;
        this.threads = threads;
        this.seededOrders = seededOrders;
        this.customers = OrdersSample.customersFor(seededOrders);
        if (customers == 0) {
            throw new IllegalArgumentException("the workload needs seeded customers: install the sample with orders");
        }
        this.seedRandom = new SplittableRandom(seed);
        for (Operation op : Operation.values()) {
            counts.put(op, new AtomicLong());
        }
    }

    public synchronized OrdersWorkload start() {
        if (running) {
            return this;
        }
        running = true;
        long intervalNanos = (long) (1_000_000_000L * threads / opsPerSecond);
        for (int i = 0; i < threads; i++) {
            SplittableRandom random = seedRandom.split();
            workers.add(Thread.ofPlatform().name("ficus-orders-workload-" + i).daemon(true)
                    .start(() -> run(random, intervalNanos)));
        }
        log.info("orders workload started at {} operations/s on {} threads", opsPerSecond, threads);
        return this;
    }

    /** Stops after the operations in hand have committed or rolled back. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        log.info("orders workload stopped after {} operations ({} rows changed, {} rolled back, {} failed)",
                operations(), rowsChanged.get(), rolledBack.get(), failures.get());
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return running;
    }

    /** Operations that ran to their end (committed, or rolled back on purpose). */
    public long operations() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long count(Operation op) {
        return counts.get(op).get();
    }

    /** Rows inserted, updated or deleted by committed statements (trigger side effects not counted). */
    public long rowsChanged() {
        return rowsChanged.get();
    }

    /** Transactions rolled back on purpose ({@link Operation#ROLLED_BACK}). */
    public long rolledBack() {
        return rolledBack.get();
    }

    /** Operations that failed (a lock conflict, an order deleted meanwhile...) and were rolled back. */
    public long failures() {
        return failures.get();
    }

    private void run(SplittableRandom random, long intervalNanos) {
        long next = System.nanoTime();
        Connection c = null;
        while (running) {
            Operation op = Operation.pick(random.nextInt(100));
            try {
                if (c == null) {
                    c = orders.getConnection();
                    c.setAutoCommit(false);
                }
                int rows = execute(c, op, random);
                if (op == Operation.ROLLED_BACK) {
                    c.rollback();
                    rolledBack.incrementAndGet();
                } else {
                    c.commit();
                    rowsChanged.addAndGet(rows);
                }
                counts.get(op).incrementAndGet();
            } catch (SQLException e) {
                failures.incrementAndGet();
                if (c != null && Jdbc.usable(c)) {
                    rollbackQuietly(c);
                    log.debug("workload {} failed: {}", op, e.getMessage());
                } else {
                    // as a legacy application's pool does: drop the connection, take a new one at the next operation
                    Jdbc.closeQuietly(c);
                    c = null;
                    reconnects.incrementAndGet();
                    log.info("orders workload lost its connection ({}); reconnecting", e.getMessage());
                }
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime(); // fell behind by more than a second: do not burst to catch up
            }
        }
        Jdbc.closeQuietly(c);
    }

    /** Times a worker dropped its connection (the server restarted or went away) and took a new one. */
    public long reconnects() {
        return reconnects.get();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed: {}", e.getMessage());
        }
    }

    private int execute(Connection c, Operation op, SplittableRandom random) throws SQLException {
        return switch (op) {
            case PLACE_ORDER -> placeOrder(c, random);
            case PAY -> changeStatus(c, random, "status = 'NEW'", "PAID");
            case SHIP -> ship(c, random);
            case CANCEL -> changeStatus(c, random, "status in ('NEW', 'PAID')", "CANCELLED");
            case ADD_LINE -> addLine(c, random);
            case CHANGE_LINE -> changeLine(c, random);
            case DELETE_LINE -> deleteLine(c, random);
            case REORDER_LINES -> reorderLines(c, random);
            case CUSTOMER_CHANGE -> customerChange(c, random);
            case NOTES_UNTOUCHED -> notesUntouched(c, random);
            case TAGS_ATTRIBUTES -> tagsAttributes(c, random);
            case DELETE_ORDER -> deleteOrder(c, random);
            case ROLLED_BACK -> placeOrder(c, random) + changeStatus(c, random, "status = 'NEW'", "PAID");
        };
    }

    private int placeOrder(Connection c, SplittableRandom random) throws SQLException {
        long orderNo;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select nextval('erp.order_no_seq')")) {
            rs.next();
            orderNo = rs.getLong(1);
        }
        int tenant = random.nextInt(1, OrdersSample.TENANTS + 1);
        int lines = random.nextInt(1, 6);
        BigDecimal[] prices = new BigDecimal[lines];
        int[] qty = new int[lines];
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lines; i++) {
            prices[i] = BigDecimal.valueOf(random.nextLong(100, 20_000), 2);
            qty[i] = random.nextInt(1, 8);
            total = total.add(prices[i].multiply(BigDecimal.valueOf(qty[i])));
        }
        int rows = 0;
        try (PreparedStatement order = c.prepareStatement("""
                insert into erp."SalesOrder" ("Tenant", "OrderNo", "CustomerId", status, placed_at, total, currency,
                                              tags, attributes, notes, ship_by, public_id, weight_kg, is_gift,
                                              legacy_touched)
                values (?, ?, ?, 'NEW', now(), ?, ?, ?, ?::jsonb, ?, current_date + 7, ?, ?, ?, localtimestamp)""")) {
            order.setInt(1, tenant);
            order.setLong(2, orderNo);
            order.setLong(3, random.nextLong(1, customers + 1));
            order.setBigDecimal(4, total);
            order.setString(5, CURRENCIES[random.nextInt(CURRENCIES.length)]);
            order.setArray(6, c.createArrayOf("text", random.nextBoolean() ? new String[0]
                    : new String[] {TAGS[random.nextInt(TAGS.length)]}));
            order.setString(7, "{\"channel\": \"web\", \"delivery\": {\"window\": \"" + (random.nextBoolean() ? "am"
                    : "pm") + "\", \"floor\": " + random.nextInt(12) + "}}");
            order.setString(8, random.nextInt(4) == 0 ? largeNotes(random) : "placed on the web shop");
            order.setObject(9, new UUID(random.nextLong(), random.nextLong()));
            order.setFloat(10, random.nextInt(1, 5000) / 10f);
            order.setBoolean(11, random.nextInt(10) == 0);
            rows += order.executeUpdate();
        }
        try (PreparedStatement line = c.prepareStatement("""
                insert into erp."OrderLine" ("Tenant", "OrderNo", "LineNo", "Sku", qty, unit_price, sort_key)
                values (?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < lines; i++) {
                line.setInt(1, tenant);
                line.setLong(2, orderNo);
                line.setInt(3, (i + 1) * 10);
                line.setString(4, String.format("SKU-%05d", random.nextInt(5000)));
                line.setInt(5, qty[i]);
                line.setBigDecimal(6, prices[i]);
                line.setInt(7, i + 1);
                line.addBatch();
            }
            for (int n : line.executeBatch()) {
                rows += n;
            }
        }
        lastPlacedOrderNo.accumulateAndGet(orderNo, Math::max);
        return rows;
    }

    private static String largeNotes(SplittableRandom random) {
        byte[] bytes = new byte[OrdersSample.LARGE_NOTES_CHARS / 2];
        random.nextBytes(bytes);
        return "Delivery notes: " + HexFormat.of().formatHex(bytes);
    }

    private int changeStatus(Connection c, SplittableRandom random, String condition, String to) throws SQLException {
        Optional<OrderKey> key = lockOrder(c, random, condition);
        if (key.isEmpty()) {
            return 0;
        }
        return update(c, """
                update erp."SalesOrder" set status = ?::erp.order_status, legacy_touched = localtimestamp
                 where "Tenant" = ? and "OrderNo" = ?""", to, key.get().tenant, key.get().orderNo);
    }

    private int ship(Connection c, SplittableRandom random) throws SQLException {
        Optional<OrderKey> key = lockOrder(c, random, "status = 'PAID'");
        if (key.isEmpty()) {
            return 0;
        }
        OrderKey k = key.get();
        return update(c, """
                update erp."SalesOrder" set status = 'SHIPPED', legacy_touched = localtimestamp
                 where "Tenant" = ? and "OrderNo" = ?""", k.tenant, k.orderNo)
                + update(c, """
                insert into erp.shipment (shipment_id, "Tenant", "OrderNo", shipped_at, carrier)
                values (nextval('erp.shipment_seq'), ?, ?, now(), ?)""", k.tenant, k.orderNo,
                CARRIERS[random.nextInt(CARRIERS.length)]);
    }

    /** Deletes an order that was not paid or was cancelled; its lines go with it (ON DELETE CASCADE). */
    private int deleteOrder(Connection c, SplittableRandom random) throws SQLException {
        Optional<OrderKey> key = lockOrder(c, random, "status in ('NEW', 'CANCELLED')");
        if (key.isEmpty()) {
            return 0;
        }
        return update(c, """
                delete from erp."SalesOrder" where "Tenant" = ? and "OrderNo" = ?""",
                key.get().tenant, key.get().orderNo);
    }

    private int addLine(Connection c, SplittableRandom random) throws SQLException {
        Optional<OrderKey> key = lockOrder(c, random, "status in ('NEW', 'PAID')");
        if (key.isEmpty()) {
            return 0;
        }
        return update(c, """
                insert into erp."OrderLine" ("Tenant", "OrderNo", "LineNo", "Sku", qty, unit_price, sort_key)
                select ?, ?, coalesce(max("LineNo"), 0) + 10, ?, ?, ?, coalesce(max(sort_key), 0) + 1
                  from erp."OrderLine" where "Tenant" = ? and "OrderNo" = ?""",
                key.get().tenant, key.get().orderNo, String.format("SKU-%05d", random.nextInt(5000)),
                random.nextInt(1, 8), BigDecimal.valueOf(random.nextLong(100, 20_000), 2),
                key.get().tenant, key.get().orderNo);
    }

    private int changeLine(Connection c, SplittableRandom random) throws SQLException {
        Optional<OrderKey> key = lockOrder(c, random, "line_count > 0");
        if (key.isEmpty()) {
            return 0;
        }
        return update(c, """
                update erp."OrderLine" set qty = ?, unit_price = ?
                 where "Tenant" = ? and "OrderNo" = ?
                   and "LineNo" = (select min("LineNo") from erp."OrderLine" where "Tenant" = ? and "OrderNo" = ?)""",
                random.nextInt(1, 8), BigDecimal.valueOf(random.nextLong(100, 20_000), 2),
                key.get().tenant, key.get().orderNo, key.get().tenant, key.get().orderNo);
    }

    private int deleteLine(Connection c, SplittableRandom random) throws SQLException {
        Optional<OrderKey> key = lockOrder(c, random, "status = 'NEW' and line_count > 1");
        if (key.isEmpty()) {
            return 0;
        }
        return update(c, """
                delete from erp."OrderLine"
                 where "Tenant" = ? and "OrderNo" = ?
                   and "LineNo" = (select max("LineNo") from erp."OrderLine" where "Tenant" = ? and "OrderNo" = ?)""",
                key.get().tenant, key.get().orderNo, key.get().tenant, key.get().orderNo);
    }

    /** Swaps the display positions (sort_key) of the first two lines of an order. */
    private int reorderLines(Connection c, SplittableRandom random) throws SQLException {
        Optional<OrderKey> key = lockOrder(c, random, "line_count > 1");
        if (key.isEmpty()) {
            return 0;
        }
        return update(c, """
                with two as (select "LineNo", sort_key from erp."OrderLine"
                              where "Tenant" = ? and "OrderNo" = ? order by sort_key, "LineNo" limit 2)
                update erp."OrderLine" l
                   set sort_key = (select t.sort_key from two t where t."LineNo" <> l."LineNo")
                 where l."Tenant" = ? and l."OrderNo" = ? and l."LineNo" in (select "LineNo" from two)
                   and (select count(*) from two) = 2""",
                key.get().tenant, key.get().orderNo, key.get().tenant, key.get().orderNo);
    }

    /** A change of the customer master row; it concerns every order of that customer. */
    private int customerChange(Connection c, SplittableRandom random) throws SQLException {
        long customer = random.nextLong(1, customers + 1);
        return switch (random.nextInt(3)) {
            case 0 -> update(c, """
                    update erp."Customer" set "Name" = "Name" || ' (renamed ' || ? || ')', updated_at = now()
                     where "CustomerId" = ?""", random.nextInt(1000), customer);
            case 1 -> update(c, """
                    update erp."Customer" set "Segment" = ?, updated_at = now() where "CustomerId" = ?""",
                    SEGMENTS[random.nextInt(SEGMENTS.length)], customer);
            default -> update(c, """
                    update erp."Customer" set email = ?, updated_at = now() where "CustomerId" = ?""",
                    "buyer" + customer + "+" + random.nextInt(1000) + "@example.com", customer);
        };
    }

    /** An update of a seeded order with large (TOASTed) notes that leaves the notes as they are. */
    private int notesUntouched(Connection c, SplittableRandom random) throws SQLException {
        int quarter = seededOrders / 4;
        if (quarter == 0) {
            return 0;
        }
        long g = 4L * random.nextInt(1, quarter + 1);
        return update(c, """
                update erp."SalesOrder" set weight_kg = weight_kg + 0.5, legacy_touched = localtimestamp
                 where "Tenant" = ? and "OrderNo" = ?""", OrdersSample.tenantOf(g), OrdersSample.orderNoOf(g));
    }

    private int tagsAttributes(Connection c, SplittableRandom random) throws SQLException {
        OrderKey k = anyOrder(random);
        if (random.nextBoolean()) {
            return update(c, """
                    update erp."SalesOrder"
                       set tags = case when cardinality(tags) >= 4 then tags[2:] || ?::text else tags || ?::text end
                     where ("Tenant", "OrderNo") = (select "Tenant", "OrderNo" from erp."SalesOrder"
                                                     where ("Tenant", "OrderNo") >= (?, ?)
                                                     order by "Tenant", "OrderNo" limit 1)""",
                    TAGS[random.nextInt(TAGS.length)], TAGS[random.nextInt(TAGS.length)], k.tenant, k.orderNo);
        }
        return update(c, """
                update erp."SalesOrder"
                   set attributes = attributes || jsonb_build_object('review',
                                                    jsonb_build_object('score', ?::int, 'by', 'workload'))
                 where ("Tenant", "OrderNo") = (select "Tenant", "OrderNo" from erp."SalesOrder"
                                                 where ("Tenant", "OrderNo") >= (?, ?)
                                                 order by "Tenant", "OrderNo" limit 1)""",
                random.nextInt(1, 6), k.tenant, k.orderNo);
    }

    /**
     * Locks the first order at or after a random key that meets the condition (skipping orders other threads hold),
     * wrapping around to the first key when there is none after it.
     */
    private Optional<OrderKey> lockOrder(Connection c, SplittableRandom random, String condition)
            throws SQLException {
        OrderKey from = anyOrder(random);
        for (OrderKey start : List.of(from, new OrderKey(0, 0))) {
            try (PreparedStatement p = c.prepareStatement("""
                    select "Tenant", "OrderNo" from erp."SalesOrder"
                     where ("Tenant", "OrderNo") >= (?, ?) and (%s)
                     order by "Tenant", "OrderNo" limit 1 for update skip locked""".formatted(condition))) {
                p.setInt(1, start.tenant);
                p.setLong(2, start.orderNo);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(new OrderKey(rs.getInt(1), rs.getLong(2)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A key near a seeded order most of the time, near one the workload placed otherwise. */
    private OrderKey anyOrder(SplittableRandom random) {
        int tenant = random.nextInt(1, OrdersSample.TENANTS + 1);
        long newest = lastPlacedOrderNo.get();
        boolean recent = newest >= OrdersSample.FIRST_WORKLOAD_ORDER_NO && random.nextInt(10) < 3;
        if (recent || seededOrders < OrdersSample.TENANTS) {
            return new OrderKey(tenant, random.nextLong(OrdersSample.FIRST_WORKLOAD_ORDER_NO, Math.max(newest,
                    OrdersSample.FIRST_WORKLOAD_ORDER_NO) + 1));
        }
        return new OrderKey(tenant, random.nextLong(1, OrdersSample.orderNoOf(seededOrders) + 1));
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            for (Object arg : args) {
                p.setObject(i++, arg);
            }
            return p.executeUpdate();
        }
    }
}
