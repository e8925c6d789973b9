package ficus.migration.reconcile;

import ficus.acl.customer.CustomerTranslation;
import ficus.acl.spec.TableSpec;
import ficus.acl.translation.Row;
import ficus.acl.translation.UntranslatableException;
import ficus.core.FicusException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.sql.DataSource;

/** The two sides of a reconciliation as key-ordered cursors, each in one REPEATABLE READ snapshot. */
final class Cursors {

    static final int FETCH_SIZE = 10_000;

    private Cursors() {
    }

    /**
     * Legacy root rows (only the columns the translation reads: sensitive ones are never selected) through the same
     * {@link CustomerTranslation#project} as the live stream.
     */
    static Cursor legacy(DataSource legacy, CustomerTranslation translation, ReadModel model) {
        TableSpec root = translation.spec().root();
        List<String> columns = List.copyOf(root.readColumns());
        String sql = "select " + String.join(", ", columns) + " from " + root.table() + " order by " + root.key();
        return new Cursor(legacy, sql, "legacy " + root.table(), rs -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i), rs.getMetaData().getColumnType(i + 1) == Types.TIMESTAMP
                        ? rs.getObject(i + 1, LocalDateTime.class) : rs.getObject(i + 1));
            }
            long id = rs.getLong(root.key());
            try {
                var state = translation.project(Row.of(values));
                Map<String, String> fields = new LinkedHashMap<>();
                for (ReadModel.Field f : model.fields()) {
                    fields.put(f.field(), ReadModel.value(state, f.field()));
                }
                return new Keyed(id, fields);
            } catch (UntranslatableException e) {
                return new Keyed(id, null);
            }
        });
    }

    static Cursor component(DataSource component, ReadModel model) {
        return new Cursor(component, model.sql(), "component " + model.table(), rs -> {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < model.fields().size(); i++) {
                fields.put(model.fields().get(i).field(), rs.getString(i + 2));
            }
            return new Keyed(rs.getLong(1), fields);
        });
    }

    @FunctionalInterface
    interface RowMapper {
        Keyed map(ResultSet rs) throws SQLException;
    }

    /** A server-side cursor in a read-only REPEATABLE READ transaction; close ends it. */
    static final class Cursor implements Iterator<Keyed>, AutoCloseable {
        private final String what;
        private final RowMapper mapper;
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rs;
        private Boolean hasNext;

        Cursor(DataSource dataSource, String sql, String what, RowMapper mapper) {
            this.what = what;
            this.mapper = mapper;
            try {
                connection = dataSource.getConnection();
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
                statement = connection.prepareStatement(sql);
                statement.setFetchSize(FETCH_SIZE);
                rs = statement.executeQuery();
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public boolean hasNext() {
            if (hasNext == null) {
                try {
                    hasNext = rs.next();
                } catch (SQLException e) {
                    throw failure(e);
                }
            }
            return hasNext;
        }

        @Override
        public Keyed next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            hasNext = null;
            try {
                return mapper.map(rs);
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        private FicusException failure(SQLException e) {
            String hint = "42P01".equals(e.getSQLState()) ? " (table missing?)" : "";
            return new FicusException.Unavailable("reconciliation could not read " + what + hint + ": "
                    + e.getMessage(), e);
        }

        @Override
        public void close() {
            try {
                connection.rollback();
                connection.close();
            } catch (SQLException ignored) {
                // the snapshot was read-only; nothing to undo
            }
        }
    }

}
