package ficus.migration.reconcile;

import ficus.acl.customer.CustomerTranslation;
import ficus.acl.translation.Row;
import ficus.acl.translation.UntranslatableException;
import ficus.core.FicusException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares what the legacy database says each customer's status is — read from {@code crm.cust} and run through the
 * same {@link CustomerTranslation} as the live stream — with the {@code customer_status} component's read model, and
 * reports drift per key. Both sides stream in key order (a merge join; constant memory).
 *
 * <p>Only the mapped columns are read from the legacy table: sensitive columns are never selected.
 */
public final class CustomerStatusReconciliation {

    private static final Logger log = LoggerFactory.getLogger(CustomerStatusReconciliation.class);
    private static final String LEGACY_SQL = "select " + String.join(", ", CustomerTranslation.MAPPED_COLUMNS)
            + " from crm.cust order by cust_id";
    private static final String COMPONENT_SQL =
            "select customer_id, status from customer_status where not removed order by customer_id";
    private static final int FETCH_SIZE = 5_000;

    private final DataSource legacy;
    private final DataSource component;
    private final CustomerTranslation translation = new CustomerTranslation();

    public CustomerStatusReconciliation(DataSource legacy, DataSource component) {
        this.legacy = legacy;
        this.component = component;
    }

    public ReconciliationReport run() {
        try (Connection l = legacy.getConnection(); Connection c = component.getConnection()) {
            // a consistent snapshot per side, and server-side cursors (fetch size needs autocommit off)
            l.setAutoCommit(false);
            c.setAutoCommit(false);
            l.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement ls = l.prepareStatement(LEGACY_SQL);
                 PreparedStatement cs = c.prepareStatement(COMPONENT_SQL)) {
                ls.setFetchSize(FETCH_SIZE);
                cs.setFetchSize(FETCH_SIZE);
                try (ResultSet lr = ls.executeQuery(); ResultSet cr = cs.executeQuery()) {
                    ReconciliationReport report = DriftDetector.compare(new LegacySide(lr), new ComponentSide(cr));
                    log.info(report.summary());
                    return report;
                }
            } finally {
                l.rollback();
                c.rollback();
            }
        } catch (SQLException e) {
            throw new FicusException.Unavailable("reconciliation could not read " + describe(e) + ": "
                    + e.getMessage(), e);
        } catch (ResultSetFailure e) {
            throw new FicusException.Unavailable("reconciliation failed while reading: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static String describe(SQLException e) {
        return "42P01".equals(e.getSQLState()) ? "a table (missing crm.cust or customer_status?)" : "the databases";
    }

    /** Legacy rows through the translation; an untranslatable row keeps its key with a null value. */
    private final class LegacySide extends ResultSetIterator {
        LegacySide(ResultSet rs) {
            super(rs);
        }

        @Override
        DriftDetector.Keyed read(ResultSet rs) throws SQLException {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String column : CustomerTranslation.MAPPED_COLUMNS) {
                Object value = CustomerTranslation.COL_REGISTERED_AT.equals(column)
                        ? rs.getObject(column, LocalDateTime.class)
                        : rs.getObject(column);
                values.put(column, value);
            }
            long id = rs.getLong(CustomerTranslation.COL_ID);
            try {
                return new DriftDetector.Keyed(id, translation.project(Row.of(values)).status().name());
            } catch (UntranslatableException e) {
                return new DriftDetector.Keyed(id, null);
            }
        }
    }

    private static final class ComponentSide extends ResultSetIterator {
        ComponentSide(ResultSet rs) {
            super(rs);
        }

        @Override
        DriftDetector.Keyed read(ResultSet rs) throws SQLException {
            return new DriftDetector.Keyed(rs.getLong("customer_id"), rs.getString("status"));
        }
    }

    private abstract static class ResultSetIterator implements Iterator<DriftDetector.Keyed> {
        private final ResultSet rs;
        private Boolean hasNext;

        ResultSetIterator(ResultSet rs) {
            this.rs = rs;
        }

        abstract DriftDetector.Keyed read(ResultSet rs) throws SQLException;

        @Override
        public boolean hasNext() {
            if (hasNext == null) {
                try {
                    hasNext = rs.next();
                } catch (SQLException e) {
                    throw new ResultSetFailure(e);
                }
            }
            return hasNext;
        }

        @Override
        public DriftDetector.Keyed next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            hasNext = null;
            try {
                return read(rs);
            } catch (SQLException e) {
                throw new ResultSetFailure(e);
            }
        }
    }

    private static final class ResultSetFailure extends RuntimeException {
        ResultSetFailure(SQLException cause) {
            super(cause);
        }
    }
}
