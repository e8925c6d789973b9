package ficus.migration.backfill;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import ficus.core.FicusException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the aggregates of one key range ({@code (from, to]}) by keyset pagination: each page is {@code pageSize} root
 * rows after the last key, plus their part rows, all in one REPEATABLE READ read-only transaction whose WAL insert
 * position is the page's snapshot LSN. The SQL is built with jOOQ ({@code seek}), executed over plain JDBC, on one
 * connection per key range (the step's: opened with the first page, closed with the step) and one transaction per
 * page. Rows are read by column index into arrays (no per-row map); part rows are matched to their aggregate by a
 * merge of the two key-ordered results.
 *
 * <p>Restartable: the key of the last aggregate handed out is saved in the step's execution context at every chunk
 * commit ({@value #LAST_KEY}); a restarted partition reads on after it.
 */
final class LegacyAggregateReader implements ItemStreamReader<LegacyAggregate> {

    static final String LAST_KEY = "backfill.lastKey";
    static final String FROM = "backfill.from";
    static final String TO = "backfill.to";

    private static final DSLContext SQL = DSL.using(SQLDialect.POSTGRES);

    private final DataSource legacy;
    private final List<LegacyTable> tables;
    private final String where;
    private final int pageSize;
    private final Throttle throttle;
    private final BackfillProgress progress;
    private final Deque<LegacyAggregate> page = new ArrayDeque<>();
    private long lastKey;
    private long to;
    private long lastReturned;
    private boolean exhausted;
    private Connection connection;

    LegacyAggregateReader(DataSource legacy, List<LegacyTable> tables, String where, int pageSize, Throttle throttle,
            BackfillProgress progress) {
        this.legacy = legacy;
        this.tables = tables;
        this.where = where;
        this.pageSize = pageSize;
        this.throttle = throttle;
        this.progress = progress;
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        long from = context.getLong(FROM);
        to = context.getLong(TO);
        lastKey = context.containsKey(LAST_KEY) ? context.getLong(LAST_KEY) : from;
        lastReturned = lastKey;
        progress.addTotal(count(lastKey, to));
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        context.putLong(LAST_KEY, lastReturned);
    }

    @Override
    public LegacyAggregate read() {
        if (page.isEmpty() && !exhausted) {
            fetchPage();
        }
        LegacyAggregate next = page.poll();
        if (next != null) {
            lastReturned = next.id();
        }
        return next;
    }

    private LegacyTable root() {
        return tables.getFirst();
    }

    private Condition range(long after, long upTo) {
        Field<Long> key = field(name(root().key()), Long.class);
        Condition range = key.gt(after).and(key.le(upTo));
        return where == null ? range : range.and(DSL.condition(where));
    }

    private long count(long after, long upTo) {
        Query query = SQL.selectCount().from(table(name(root().schema(), root().table()))).where(range(after, upTo));
        try {
            Connection c = connection();
            try (PreparedStatement st = prepare(c, query); ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            close();
            throw failure("count", e);
        }
    }

    /** The connection all pages of this range use, one transaction each (opened on first use, closed by close). */
    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = legacy.getConnection();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
        }
        return connection;
    }

    @Override
    public void close() throws ItemStreamException {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // read-only; nothing to undo
            } finally {
                connection = null;
            }
        }
    }

    private void fetchPage() {
        LegacyTable root = root();
        int keyColumn = root.columns().indexOf(root.key());
        Field<Long> key = field(name(root.key()), Long.class);
        Query roots = SQL.select(root.columns().stream().map(col -> field(name(col))).toList())
                .from(table(name(root.schema(), root.table())))
                .where(range(Long.MIN_VALUE, to))
                .orderBy(key)
                .seek(lastKey)
                .limit(pageSize);
        try {
            Connection c = connection();
            try {
                long lsn;
                try (PreparedStatement st = c.prepareStatement(
                        "select (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint");
                     ResultSet rs = st.executeQuery()) {
                    rs.next();
                    lsn = rs.getLong(1); // the first statement: the transaction's snapshot is taken here
                }
                long[] ids = new long[pageSize];
                List<Object[]> rootRows = new ArrayList<>(pageSize);
                try (PreparedStatement st = prepare(c, roots); ResultSet rs = st.executeQuery()) {
                    boolean[] timestamps = timestamps(rs);
                    while (rs.next()) {
                        ids[rootRows.size()] = rs.getLong(keyColumn + 1);
                        rootRows.add(row(rs, timestamps));
                    }
                }
                int n = rootRows.size();
                if (n == 0) {
                    exhausted = true;
                    return;
                }
                long first = ids[0];
                long last = ids[n - 1];
                List<LegacyTable> partTables = tables.subList(1, tables.size());
                List<List<List<Object[]>>> parts = new ArrayList<>(partTables.size());
                int rows = n;
                for (LegacyTable part : partTables) {
                    int ownerColumn = part.columns().indexOf(part.aggregateKey());
                    Field<Long> owner = field(name(part.aggregateKey()), Long.class);
                    Query query = SQL.select(part.columns().stream().map(col -> field(name(col))).toList())
                            .from(table(name(part.schema(), part.table())))
                            .where(owner.between(first, last))
                            .orderBy(owner, field(name(part.key())));
                    List<List<Object[]>> byAggregate = new ArrayList<>(java.util.Collections.nCopies(n, List.of()));
                    try (PreparedStatement st = prepare(c, query); ResultSet rs = st.executeQuery()) {
                        boolean[] timestamps = timestamps(rs);
                        int at = 0; // merge: both sides ascend by aggregate id
                        while (rs.next()) {
                            long id = rs.getLong(ownerColumn + 1);
                            while (at < n && ids[at] < id) {
                                at++;
                            }
                            if (at < n && ids[at] == id) {
                                List<Object[]> of = byAggregate.get(at);
                                if (of.isEmpty()) {
                                    of = new ArrayList<>(2);
                                    byAggregate.set(at, of);
                                }
                                of.add(row(rs, timestamps));
                                rows++;
                            }
                        }
                    }
                    parts.add(byAggregate);
                }
                for (int i = 0; i < n; i++) {
                    List<List<Object[]>> own = new ArrayList<>(parts.size());
                    for (List<List<Object[]>> part : parts) {
                        own.add(part.get(i));
                    }
                    page.add(new LegacyAggregate(ids[i], rootRows.get(i), own, lsn));
                }
                lastKey = last;
                throttle.acquire(rows);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            close();
            throw failure("read", e);
        }
    }

    private static PreparedStatement prepare(Connection c, Query query) throws SQLException {
        PreparedStatement st = c.prepareStatement(query.getSQL(ParamType.INDEXED));
        List<Object> binds = query.getBindValues();
        for (int i = 0; i < binds.size(); i++) {
            st.setObject(i + 1, binds.get(i));
        }
        return st;
    }

    /** Which columns are {@code timestamp}s (read as {@link LocalDateTime}), from the result's metadata once. */
    private static boolean[] timestamps(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        boolean[] timestamps = new boolean[meta.getColumnCount()];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = meta.getColumnType(i + 1) == Types.TIMESTAMP;
        }
        return timestamps;
    }

    private static Object[] row(ResultSet rs, boolean[] timestamps) throws SQLException {
        Object[] row = new Object[timestamps.length];
        for (int i = 0; i < row.length; i++) {
            Object value = timestamps[i] ? rs.getObject(i + 1, LocalDateTime.class) : rs.getObject(i + 1);
            if (value instanceof Timestamp t) {
                value = t.toLocalDateTime();
            }
            row[i] = value;
        }
        return row;
    }

    private FicusException failure(String what, SQLException e) {
        return new FicusException.Unavailable("backfill could not " + what + " " + root().qualified()
                + (where == null ? "" : " where " + where) + ": " + e.getMessage(), e);
    }
}
