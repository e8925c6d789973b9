package ficus.migration.backfill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.core.FicusException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the aggregates of one key range {@code (from, to]} of the root key (either bound open) page by page
 * ({@link LegacyPages}): each page is {@code pageSize} root rows after the last key plus their part and referenced
 * rows, all in one REPEATABLE READ read-only transaction whose WAL insert position (its first statement) is the page's
 * snapshot LSN. One connection per key range (opened with the first page, closed with the step), one transaction per
 * page.
 *
 * <p>Restartable: the key of the last aggregate handed out is saved in the step's execution context at every chunk
 * commit ({@value #LAST_KEY}, the key columns' text as a JSON array); a restarted partition reads on after it.
 */
final class LegacyAggregateReader implements ItemStreamReader<LegacyAggregate> {

    static final String LAST_KEY = "backfill.lastKey";
    static final String FROM = "backfill.from";
    static final String TO = "backfill.to";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource legacy;
    private final LegacyPages pages;
    private final int pageSize;
    private final Throttle throttle;
    private final BackfillProgress progress;
    private final Deque<LegacyAggregate> page = new ArrayDeque<>();
    private final Set<String> referenced = new HashSet<>();
    private List<String> lastKey;
    private List<String> to;
    private List<String> lastReturned;
    private boolean exhausted;
    private Connection connection;

    LegacyAggregateReader(DataSource legacy, LegacyPages pages, int pageSize, Throttle throttle,
            BackfillProgress progress) {
        this.legacy = legacy;
        this.pages = pages;
        this.pageSize = pageSize;
        this.throttle = throttle;
        this.progress = progress;
    }

    static String keyText(List<String> key) {
        try {
            return key == null ? null : JSON.writeValueAsString(key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> key(String text) {
        try {
            return text == null ? null : JSON.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable restart key " + text, e);
        }
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        List<String> from = key(context.containsKey(FROM) ? context.getString(FROM) : null);
        to = key(context.containsKey(TO) ? context.getString(TO) : null);
        lastKey = context.containsKey(LAST_KEY) ? key(context.getString(LAST_KEY)) : from;
        lastReturned = lastKey;
        try {
            Connection c = connection();
            try {
                progress.addTotal(pages.count(c, lastKey, to));
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            close();
            throw failure("count", e);
        }
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        if (lastReturned != null) {
            context.putString(LAST_KEY, keyText(lastReturned));
        }
    }

    @Override
    public LegacyAggregate read() {
        if (page.isEmpty() && !exhausted) {
            fetchPage();
        }
        LegacyAggregate next = page.poll();
        if (next != null) {
            lastReturned = next.key();
        }
        return next;
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
        try {
            Connection c = connection();
            try {
                LegacyPages.Page next = pages.page(c, snapshotLsn(c), lastKey, to, pageSize, referenced);
                if (next.aggregates().isEmpty()) {
                    exhausted = true;
                    return;
                }
                page.addAll(next.aggregates());
                lastKey = next.lastKey();
                throttle.acquire(next.rows());
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            close();
            throw failure("read", e);
        }
    }

    /** The transaction's first statement: its snapshot is taken here, so this is the position of every row read. */
    static long snapshotLsn(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private FicusException failure(String what, SQLException e) {
        return new FicusException.Unavailable("backfill could not " + what + " " + pages.root().qualified() + ": "
                + e.getMessage(), e);
    }
}
