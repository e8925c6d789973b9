package ficus.sandbox.crm;

import ficus.core.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy application, still writing while the migration happens: registrations, status changes, address and
 * details changes, deletes, and the "nightly job" that touches rows without changing anything that matters. Each
 * operation is its own transaction, paced to a target rate.
 */
public final class LegacyWorkload implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LegacyWorkload.class);
    private static final String[] STATUS_CODES = {"P", "A", "S", "X"};

    /** What the legacy application does, with its share of the operations (percent). */
    public enum Operation {
        REGISTER(15), STATUS_CHANGE(35), ADDRESS_CHANGE(12), DETAILS_CHANGE(8), DELETE(5), NIGHTLY_TOUCH(20), LEAD(5);

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
            return NIGHTLY_TOUCH;
        }
    }

    private final DataSource legacy;
    private final double opsPerSecond;
    private final long seededCustomers;
    private final SplittableRandom random;
    private final Map<Operation, AtomicLong> counts = new EnumMap<>(Operation.class);
    private final AtomicLong rowsChanged = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean running;
    private volatile long lastRegisteredId = SampleCrm.FIRST_WORKLOAD_CUSTOMER_ID - 1;
    private Thread thread;

    public LegacyWorkload(DataSource legacy, double opsPerSecond, long seededCustomers, long seed) {
        if (opsPerSecond <= 0) {
            throw new IllegalArgumentException("opsPerSecond must be positive");
        }
        this.legacy = legacy;
        this.opsPerSecond = opsPerSecond;
        this.seededCustomers = seededCustomers;
        this.random = new SplittableRandom(seed);
        for (Operation op : Operation.values()) {
            counts.put(op, new AtomicLong());
        }
    }

    public synchronized LegacyWorkload start() {
        if (running) {
            return this;
        }
        running = true;
        thread = Thread.ofPlatform().name("ficus-legacy-workload").daemon(true).start(this::run);
        log.info("legacy workload started at {} operations/s", opsPerSecond);
        return this;
    }

    /** Stops after the operation in hand has committed. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("legacy workload stopped after {} operations ({} rows changed, {} failed)", operations(),
                rowsChanged.get(), failures.get());
    }

    @Override
    public void close() {
        stop();
    }

    public long operations() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long count(Operation op) {
        return counts.get(op).get();
    }

    public long rowsChanged() {
        return rowsChanged.get();
    }

    public long failures() {
        return failures.get();
    }

    private void run() {
        long intervalNanos = (long) (1_000_000_000L / opsPerSecond);
        long next = System.nanoTime();
        Connection c = null;
        while (running) {
            Operation op = Operation.pick(random.nextInt(100));
            try {
                if (c == null) {
                    c = legacy.getConnection();
                    c.setAutoCommit(true);
                }
                rowsChanged.addAndGet(execute(c, op));
                counts.get(op).incrementAndGet();
            } catch (SQLException e) {
                failures.incrementAndGet();
                if (c != null && Jdbc.usable(c)) {
                    log.debug("workload {} failed: {}", op, e.getMessage());
                } else {
                    // as a legacy application's pool does: drop the connection, take a new one at the next operation
                    Jdbc.closeQuietly(c);
                    c = null;
                    reconnects.incrementAndGet();
                    log.info("legacy workload lost its connection ({}); reconnecting", e.getMessage());
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

    /** Times the workload dropped its connection (the server restarted or went away) and took a new one. */
    public long reconnects() {
        return reconnects.get();
    }

    private int execute(Connection c, Operation op) throws SQLException {
        return switch (op) {
            case REGISTER -> register(c);
            case STATUS_CHANGE -> statusChange(c, statusCode());
            case ADDRESS_CHANGE -> update(c, """
                    update crm.cust_addr set ln1 = ?, upd_ts = localtimestamp where cust_id = ?""",
                    random.nextInt(1, 500) + " Harbour Road", anyCustomer());
            case DETAILS_CHANGE -> update(c, """
                    update crm.cust set cst_eml = ?, upd_ts = localtimestamp, upd_by = 'APP' where cust_id = ?""",
                    "renamed" + random.nextInt(1_000_000) + "@example.org", anyCustomer());
            case DELETE -> update(c, "delete from crm.cust where cust_id = ?", anyCustomer());
            case NIGHTLY_TOUCH -> nightlyTouch(c);
            case LEAD -> update(c, """
                    insert into crm.lead (cust_id, src, scr, ld_stat)
                    select cust_id, 'WEB', ?, 'N' from crm.cust where cust_id = ?""", random.nextInt(101), anyCustomer());
        };
    }

    private int register(Connection c) throws SQLException {
        long id;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select nextval('crm.cust_seq')")) {
            rs.next();
            id = rs.getLong(1);
        }
        c.setAutoCommit(false);
        try (PreparedStatement cust = c.prepareStatement("""
                insert into crm.cust (cust_id, cst_nm, cst_eml, cst_stat, natl_id, cst_nts)
                values (?, ?, ?, 'P', ?, 'registered by the web form')""");
             PreparedStatement addr = c.prepareStatement("""
                insert into crm.cust_addr (cust_id, addr_typ, ln1, cty, zip, ctry)
                values (?, 'H', '1 New Street', 'Porto', '4000', 'PT')""")) {
            cust.setLong(1, id);
            cust.setString(2, "New Customer " + id);
            cust.setString(3, "new" + id + "@example.org");
            cust.setString(4, String.format("%09dNW", random.nextInt(1_000_000_000)));
            cust.executeUpdate();
            addr.setLong(1, id);
            addr.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        lastRegisteredId = id;
        return 2;
    }

    private int statusChange(Connection c, String code) throws SQLException {
        return update(c, """
                update crm.cust set cst_stat = ?, upd_ts = localtimestamp, upd_by = 'APP'
                 where cust_id = ? and cst_stat <> ?""", code, anyCustomer(), code);
    }

    /** The nightly job: sets upd_ts/upd_by on ten consecutive customers; nothing a component cares about changes. */
    private int nightlyTouch(Connection c) throws SQLException {
        long from = anyCustomer();
        try (PreparedStatement p = c.prepareStatement("""
                update crm.cust set upd_ts = localtimestamp, upd_by = 'NIGHTLY' where cust_id between ? and ?""")) {
            p.setLong(1, from);
            p.setLong(2, from + 9);
            return p.executeUpdate();
        }
    }

    private int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            for (Object arg : args) {
                p.setObject(i++, arg);
            }
            return p.executeUpdate();
        }
    }

    private String statusCode() {
        return STATUS_CODES[random.nextInt(STATUS_CODES.length)];
    }

    /** Seeded customers most of the time, recently registered ones otherwise. */
    private long anyCustomer() {
        long newest = lastRegisteredId;
        boolean recent = newest >= SampleCrm.FIRST_WORKLOAD_CUSTOMER_ID && random.nextInt(10) < 3;
        if (recent || seededCustomers == 0) {
            return newest < SampleCrm.FIRST_WORKLOAD_CUSTOMER_ID
                    ? SampleCrm.FIRST_WORKLOAD_CUSTOMER_ID
                    : random.nextLong(SampleCrm.FIRST_WORKLOAD_CUSTOMER_ID, newest + 1);
        }
        return random.nextLong(1, seededCustomers + 1);
    }
}
