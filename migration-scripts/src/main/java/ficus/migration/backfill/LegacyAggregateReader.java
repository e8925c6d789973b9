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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * position is the page's snapshot LSN. The SQL is built with jOOQ ({@code seek}), executed over plain JDBC.
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
        try (Connection c = legacy.getConnection();
             PreparedStatement st = prepare(c, query);
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count", e);
        }
    }

    private void fetchPage() {
        LegacyTable root = root();
        Field<Long> key = field(name(root.key()), Long.class);
        Query roots = SQL.select(root.columns().stream().map(col -> field(name(col))).toList())
                .from(table(name(root.schema(), root.table())))
                .where(range(Long.MIN_VALUE, to))
                .orderBy(key)
                .seek(lastKey)
                .limit(pageSize);
        try (Connection c = legacy.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                long lsn;
                try (PreparedStatement st = c.prepareStatement(
                        "select (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint");
                     ResultSet rs = st.executeQuery()) {
                    rs.next();
                    lsn = rs.getLong(1); // the first statement: the transaction's snapshot is taken here
                }
                Map<Long, Map<String, Object>> rootRows = new LinkedHashMap<>();
                try (PreparedStatement st = prepare(c, roots); ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> row = row(rs);
                        rootRows.put(((Number) row.get(root.key())).longValue(), row);
                    }
                }
                if (rootRows.isEmpty()) {
                    exhausted = true;
                    return;
                }
                long first = rootRows.keySet().iterator().next();
                long last = lastKeyOf(rootRows);
                Map<Long, Map<String, List<Map<String, Object>>>> parts = new HashMap<>();
                int rows = rootRows.size();
                for (LegacyTable part : tables.subList(1, tables.size())) {
                    Field<Long> owner = field(name(part.aggregateKey()), Long.class);
                    Query query = SQL.select(part.columns().stream().map(col -> field(name(col))).toList())
                            .from(table(name(part.schema(), part.table())))
                            .where(owner.between(first, last))
                            .orderBy(owner, field(name(part.key())));
                    try (PreparedStatement st = prepare(c, query); ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            Map<String, Object> row = row(rs);
                            long id = ((Number) row.get(part.aggregateKey())).longValue();
                            if (rootRows.containsKey(id)) {
                                parts.computeIfAbsent(id, k -> new LinkedHashMap<>())
                                        .computeIfAbsent(part.qualified(), k -> new ArrayList<>()).add(row);
                                rows++;
                            }
                        }
                    }
                }
                for (Map.Entry<Long, Map<String, Object>> entry : rootRows.entrySet()) {
                    page.add(new LegacyAggregate(entry.getKey(), entry.getValue(),
                            parts.getOrDefault(entry.getKey(), Map.of()), lsn));
                }
                lastKey = last;
                throttle.acquire(rows);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private static long lastKeyOf(Map<Long, ?> rows) {
        long last = Long.MIN_VALUE;
        for (long key : rows.keySet()) {
            last = key;
        }
        return last;
    }

    private static PreparedStatement prepare(Connection c, Query query) throws SQLException {
        PreparedStatement st = c.prepareStatement(query.getSQL(ParamType.INDEXED));
        List<Object> binds = query.getBindValues();
        for (int i = 0; i < binds.size(); i++) {
            st.setObject(i + 1, binds.get(i));
        }
        return st;
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = meta.getColumnType(i) == Types.TIMESTAMP
                    ? rs.getObject(i, java.time.LocalDateTime.class)
                    : rs.getObject(i);
            if (value instanceof Timestamp t) {
                value = t.toLocalDateTime();
            }
            row.put(meta.getColumnLabel(i), value);
        }
        return row;
    }

    private FicusException failure(String what, SQLException e) {
        return new FicusException.Unavailable("backfill could not " + what + " " + root().qualified()
                + (where == null ? "" : " where " + where) + ": " + e.getMessage(), e);
    }
}
