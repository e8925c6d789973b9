package ficus.migration.reconcile;

import ficus.acl.customer.CustomerTranslation;
import ficus.acl.spec.TableSpec;
import ficus.acl.translation.Row;
import ficus.acl.translation.UntranslatableException;
import ficus.core.FicusException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.sql.DataSource;

/** The two sides of a reconciliation as key-ordered cursors, each in one REPEATABLE READ snapshot. */
final class Cursors {

    static final int FETCH_SIZE = 20_000;

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
        return new Cursor(legacy, sql, "legacy " + root.table(), new RowMapper() {
            private final Map<String, Object> values = new LinkedHashMap<>(); // reused: Row.of copies it
            private final int keyIndex = columns.indexOf(root.key());
            private boolean[] timestamps;

            @Override
            public Keyed map(ResultSet rs) throws SQLException {
                if (timestamps == null) {
                    timestamps = timestamps(rs);
                }
                values.clear();
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), timestamps[i] ? rs.getObject(i + 1, LocalDateTime.class)
                            : rs.getObject(i + 1));
                }
                long id = keyIndex >= 0 ? rs.getLong(keyIndex + 1) : rs.getLong(root.key());
                try {
                    var state = translation.project(Row.of(values));
                    List<ReadModel.Field> compared = model.fields();
                    if (compared.size() == 1) {
                        String field = compared.getFirst().field();
                        return new Keyed(id, Collections.singletonMap(field, ReadModel.value(state, field)));
                    }
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (ReadModel.Field f : compared) {
                        fields.put(f.field(), ReadModel.value(state, f.field()));
                    }
                    return new Keyed(id, fields);
                } catch (UntranslatableException e) {
                    return new Keyed(id, null);
                }
            }
        });
    }

    static Cursor component(DataSource component, ReadModel model) {
        List<String> names = model.fieldNames();
        return new Cursor(component, model.sql(), "component " + model.table(), rs -> {
            if (names.size() == 1) {
                return new Keyed(rs.getLong(1), Collections.singletonMap(names.getFirst(), rs.getString(2)));
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                fields.put(names.get(i), rs.getString(i + 2));
            }
            return new Keyed(rs.getLong(1), fields);
        });
    }

    private static boolean[] timestamps(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        boolean[] timestamps = new boolean[meta.getColumnCount()];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = meta.getColumnType(i + 1) == Types.TIMESTAMP;
        }
        return timestamps;
    }

    @FunctionalInterface
    interface RowMapper {
        Keyed map(ResultSet rs) throws SQLException;
    }

    /**
     * A server-side cursor (fetching {@value #FETCH_SIZE} rows a round trip, binary transfer) in a read-only
     * REPEATABLE READ transaction; close ends it.
     */
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
                // server-prepared from the first execution: numbers and timestamps arrive binary, not as text to parse
                statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
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
