package ficus.migration.reconcile;

import ficus.acl.aggregate.Aggregate;
import ficus.acl.aggregate.AggregateKey;
import ficus.acl.aggregate.AggregateState;
import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.aggregate.DomainEvent;
import ficus.acl.aggregate.FieldValues;
import ficus.acl.runtime.JsonSupport;
import ficus.acl.spec.CodeTables;
import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.PartSpec;
import ficus.acl.spec.RowProjector;
import ficus.acl.spec.TranslationExtension;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.TranslationResult;
import ficus.acl.translation.UntranslatableException;
import ficus.core.FicusException;
import ficus.migration.legacy.JdbcValues;
import ficus.migration.legacy.LegacyTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The two sides of a reconciliation as key-ordered cursors ({@link KeyOrder}), each in one REPEATABLE READ snapshot.
 *
 * <p>Legacy: the root rows (only the columns the translation reads) and, when the read model compares parts, the part
 * tables' rows in the same key order (merged) and the referenced rows (looked up per block of root rows, in the same
 * snapshot). A root-only comparison projects each root row with {@link AggregateTranslation#project}; one with parts
 * runs the aggregate's rows through {@link AggregateTranslation#apply} — parts, root, referenced rows, as the backfill
 * publishes them — and compares the state of the last event: the stream's own code either way.
 */
final class Cursors {

    static final int FETCH_SIZE = 20_000;
    static final int BLOCK = 1_000;
    private static final String SOURCE = "reconcile";

    private Cursors() {
    }

    /** One side: key-ordered views, closed when done. */
    interface Side extends Iterator<Keyed>, AutoCloseable {
        @Override
        void close();
    }

    /** Fails with one line per file, line and column when the read model names a column its source does not have. */
    static void checkColumns(DataSource component, ReadModel model) {
        Set<String> columns = new LinkedHashSet<>();
        try (Connection c = component.getConnection(); PreparedStatement st = c.prepareStatement(
                "select * from " + model.source() + " limit 0"); ResultSet rs = st.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
        } catch (SQLException e) {
            String what = model.table() != null ? "table " + model.table() : "query";
            throw new FicusException.BadInput(model.location() + ":1: " + (model.table() != null ? "table" : "query")
                    + ": the component's " + what + " cannot be read: " + firstLine(e.getMessage()), e);
        }
        String source = model.table() != null ? model.table() : "the query's result";
        for (String key : model.key()) {
            if (!columns.contains(key)) {
                throw new FicusException.BadInput(model.location() + ":" + model.line() + ": key: column '" + key
                        + "' does not exist in " + source + ReadModel.didYouMean(key, columns) + "; it has "
                        + columns);
            }
        }
        for (ReadModel.Field field : model.fields()) {
            if (!columns.contains(field.column())) {
                throw new FicusException.BadInput(model.at(field) + ": column '" + field.column()
                        + "' does not exist in " + source + ReadModel.didYouMean(field.column(), columns)
                        + "; it has " + columns);
            }
        }
    }

    static Side component(DataSource component, ReadModel model, List<ReadModel.Compared> compared,
            TranslationSpec spec, KeyOrder order) {
        List<FieldSpec> keyFields = spec.keyFields();
        String separator = spec.keySeparator();
        int keys = model.key().size();
        String what = "component " + (model.table() != null ? model.table() : model.name());
        return new Cursor(component, List.of(model.sql(order)), what, (rs, readers) -> {
            List<Object> key = new ArrayList<>(keys);
            for (int i = 0; i < keys; i++) {
                Object value = JdbcValues.read(rs, i + 1, readers[i]);
                if (value == null) {
                    throw new FicusException.BadInput(model.location() + ":" + model.line() + ": key: column "
                            + model.key().get(i) + " is NULL in a row of " + what);
                }
                key.add(Canonical.convert(value, keyFields.get(i).type()));
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < compared.size(); i++) {
                ReadModel.Compared f = compared.get(i);
                fields.put(f.path(), Canonical.component(JdbcValues.read(rs, keys + i + 1, readers[keys + i]),
                        f.type(), f.array()));
            }
            return new Keyed(AggregateKey.of(key, separator), fields);
        });
    }

    static Side legacy(DataSource legacy, AggregateTranslation translation, List<ReadModel.Compared> compared,
            KeyOrder order) {
        return new LegacySide(legacy, translation, compared, order);
    }

    @FunctionalInterface
    interface RowMapper {
        Keyed map(ResultSet rs, JdbcValues.Reader[] readers) throws SQLException;
    }

    private static Connection snapshot(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        return connection;
    }

    private static PreparedStatement cursor(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setFetchSize(FETCH_SIZE);
        // server-prepared from the first execution: numbers and timestamps arrive binary, not as text to parse
        statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        return statement;
    }

    private static FicusException failure(String what, SQLException e) {
        String hint = "42P01".equals(e.getSQLState()) ? " (table missing?)" : "";
        return new FicusException.Unavailable("reconciliation could not read " + what + hint + ": " + e.getMessage(),
                e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * A server-side cursor (fetching {@value #FETCH_SIZE} rows a round trip, binary transfer) in a read-only
     * REPEATABLE READ transaction; close ends it.
     */
    static final class Cursor implements Side {
        private final String what;
        private final RowMapper mapper;
        private final Connection connection;
        private final ResultSet rs;
        private final JdbcValues.Reader[] readers;
        private Boolean hasNext;

        Cursor(DataSource dataSource, List<String> sql, String what, RowMapper mapper) {
            this.what = what;
            this.mapper = mapper;
            try {
                connection = snapshot(dataSource);
                rs = cursor(connection, sql.getFirst()).executeQuery();
                readers = JdbcValues.readers(rs.getMetaData());
            } catch (SQLException e) {
                throw failure(what, e);
            }
        }

        @Override
        public boolean hasNext() {
            if (hasNext == null) {
                try {
                    hasNext = rs.next();
                } catch (SQLException e) {
                    throw failure(what, e);
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
                return mapper.map(rs, readers);
            } catch (SQLException e) {
                throw failure(what, e);
            }
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

    /** Rows of one table as {@link Row}s, read ahead by one. */
    private static final class Rows {
        final LegacyTable table;
        final ResultSet rs;
        final JdbcValues.Reader[] readers;
        Row next;

        Rows(Connection c, LegacyTable table, String sql) throws SQLException {
            this.table = table;
            this.rs = cursor(c, sql).executeQuery();
            this.readers = JdbcValues.readers(rs.getMetaData());
            advance();
        }

        void advance() throws SQLException {
            if (!rs.next()) {
                next = null;
                return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < readers.length; i++) {
                values.put(table.columns().get(i), JdbcValues.read(rs, i + 1, readers[i]));
            }
            next = Row.adopt(values);
        }
    }

    /** The legacy side: root rows, with their parts and referenced rows when the read model compares them. */
    private static final class LegacySide implements Side {
        private final AggregateTranslation translation;
        private final TranslationSpec spec;
        private final List<ReadModel.Compared> compared;
        private final KeyOrder order;
        private final RowProjector rootProjector;
        private final boolean rootOnly;
        private final Connection connection;
        private final Rows roots;
        private final List<Rows> parts = new ArrayList<>();
        private final List<LegacyTable> references = new ArrayList<>();
        private final Deque<Keyed> ready = new ArrayDeque<>();
        private final String what;

        LegacySide(DataSource legacy, AggregateTranslation translation, List<ReadModel.Compared> compared,
                KeyOrder order) {
            this.translation = translation;
            this.spec = translation.spec();
            this.compared = compared;
            this.order = order;
            this.what = "legacy " + spec.root().table();
            this.rootProjector = new RowProjector(spec.root(), CodeTables.NONE,
                    TranslationExtension.find(spec.extension()).orElseThrow(), JsonSupport.DOCUMENTS);
            List<PartSpec> needed = compared.stream().map(ReadModel.Compared::part)
                    .filter(java.util.Objects::nonNull).distinct().toList();
            this.rootOnly = needed.isEmpty();
            LegacyTable root = LegacyTable.root(spec);
            try {
                connection = snapshot(legacy);
                roots = new Rows(connection, root, "select " + LegacyTable.quotedList(root.columns()) + " from "
                        + root.quoted() + " order by " + order.orderBy(root.key()));
                for (LegacyTable table : LegacyTable.parts(spec, needed)) {
                    if (table.role() == LegacyTable.Role.REFERENCE) {
                        references.add(table);
                    } else {
                        parts.add(new Rows(connection, table, "select " + LegacyTable.quotedList(table.columns())
                                + " from " + table.quoted() + " order by " + order.orderBy(table.link())));
                    }
                }
            } catch (SQLException e) {
                close();
                throw failure(what, e);
            }
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && roots.next != null) {
                try {
                    block();
                } catch (SQLException e) {
                    throw failure(what, e);
                }
            }
            return !ready.isEmpty();
        }

        @Override
        public Keyed next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        /** Up to {@value #BLOCK} aggregates: root rows, their part rows (merge) and referenced rows (one lookup). */
        private void block() throws SQLException {
            List<Row> rootRows = new ArrayList<>(BLOCK);
            List<AggregateKey> keys = new ArrayList<>(BLOCK);
            List<List<List<Row>>> partRows = new ArrayList<>(BLOCK);
            while (rootRows.size() < BLOCK && roots.next != null) {
                Row row = roots.next;
                roots.advance();
                AggregateKey key = translation.rootKey(row);
                rootRows.add(row);
                keys.add(key);
                List<List<Row>> own = new ArrayList<>(parts.size());
                for (Rows part : parts) {
                    own.add(collect(part, key));
                }
                partRows.add(own);
            }
            List<Map<String, Row>> referenced = new ArrayList<>();
            for (LegacyTable table : references) {
                referenced.add(lookup(table, rootRows));
            }
            for (int i = 0; i < rootRows.size(); i++) {
                Keyed keyed = rootOnly ? project(keys.get(i), rootRows.get(i))
                        : aggregate(keys.get(i), rootRows.get(i), partRows.get(i), referenced);
                if (keyed != null) {
                    ready.add(keyed);
                }
            }
        }

        /** The rows of a part table linked to {@code key}: skips rows of keys before it (orphans). */
        private List<Row> collect(Rows part, AggregateKey key) throws SQLException {
            PartSpec first = part.table.parts().getFirst();
            List<Row> rows = List.of();
            while (part.next != null) {
                AggregateKey owner = translation.linkedKey(part.next, first);
                int c = owner == null ? 1 : order.compare(owner, key);
                if (c > 0) {
                    break;
                }
                if (c == 0) {
                    if (rows.isEmpty()) {
                        rows = new ArrayList<>(2);
                    }
                    rows.add(part.next);
                }
                part.advance();
            }
            return rows;
        }

        /** The referenced rows the block's roots point at, by their key text. */
        private Map<String, Row> lookup(LegacyTable table, List<Row> rootRows) throws SQLException {
            PartSpec part = table.parts().getFirst();
            Map<String, List<String>> wanted = new LinkedHashMap<>();
            for (Row root : rootRows) {
                String key = translation.referencedKey(root, part);
                if (key != null && !wanted.containsKey(key)) {
                    List<String> values = new ArrayList<>();
                    for (String via : part.via()) {
                        Object value = root.value(via);
                        values.add(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
                    }
                    wanted.put(key, values);
                }
            }
            Map<String, Row> found = new HashMap<>();
            if (wanted.isEmpty()) {
                return found;
            }
            String one = "(" + String.join(", ", Collections.nCopies(table.key().size(), "?")) + ")";
            String sql = "select " + LegacyTable.quotedList(table.columns()) + " from " + table.quoted() + " where ("
                    + LegacyTable.quotedList(table.key()) + ") in (" + String.join(", ",
                            Collections.nCopies(wanted.size(), one)) + ")";
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                int at = 1;
                for (List<String> values : wanted.values()) {
                    for (String value : values) {
                        st.setObject(at++, value, Types.OTHER);
                    }
                }
                try (ResultSet rs = st.executeQuery()) {
                    JdbcValues.Reader[] readers = JdbcValues.readers(rs.getMetaData());
                    while (rs.next()) {
                        Map<String, Object> values = new LinkedHashMap<>();
                        for (int i = 0; i < readers.length; i++) {
                            values.put(table.columns().get(i), JdbcValues.read(rs, i + 1, readers[i]));
                        }
                        Row row = Row.adopt(values);
                        found.put(translation.partRowKey(row, part), row);
                    }
                }
            }
            return found;
        }

        private Keyed project(AggregateKey key, Row row) {
            try {
                if (rootProjector.softDeleted(row)) {
                    return null; // removed for the layer: absent
                }
                FieldValues root = translation.project(row);
                Map<String, String> fields = new LinkedHashMap<>();
                for (ReadModel.Compared f : compared) {
                    fields.put(f.path(), Canonical.legacy(root.get(f.spec().field()), f.type(), f.array()));
                }
                return new Keyed(key, fields);
            } catch (UntranslatableException e) {
                return new Keyed(key, null);
            }
        }

        /** The aggregate's rows through the translation, in the order the backfill publishes them. */
        private Keyed aggregate(AggregateKey key, Row root, List<List<Row>> partRows,
                List<Map<String, Row>> referenced) {
            Applied applied = new Applied(key);
            for (int p = 0; p < parts.size(); p++) {
                LegacyTable table = parts.get(p).table;
                for (Row row : partRows.get(p)) {
                    applied.apply(table, row);
                }
            }
            applied.apply(LegacyTable.root(spec), root);
            for (int r = 0; r < references.size(); r++) {
                LegacyTable table = references.get(r);
                String refKey = translation.referencedKey(root, table.parts().getFirst());
                Row row = refKey == null ? null : referenced.get(r).get(refKey);
                if (row != null) {
                    applied.apply(table, row);
                }
            }
            if (applied.rejected) {
                return new Keyed(key, null);
            }
            AggregateState state = applied.last == null ? null : applied.last.state();
            if (state == null) {
                return null; // removed (soft delete) or never registered: absent
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (ReadModel.Compared f : compared) {
                Object value;
                if (f.part() == null) {
                    value = state.root().get(f.spec().field());
                } else if (f.spec() == null) {
                    value = state.parts().get(f.part().name());
                } else {
                    FieldValues row = (FieldValues) state.parts().get(f.part().name());
                    value = row == null ? null : row.get(f.spec().field());
                }
                fields.put(f.path(), Canonical.legacy(value, f.type(), f.array()));
            }
            return new Keyed(key, fields);
        }

        /** One aggregate's rows applied one after the other, each a snapshot read at the next position. */
        private final class Applied {
            final AggregateKey key;
            Aggregate aggregate;
            DomainEvent last;
            boolean rejected;
            long position;

            Applied(AggregateKey key) {
                this.key = key;
            }

            void apply(LegacyTable table, Row row) {
                if (rejected) {
                    return;
                }
                Change change = new Change(Operation.READ, null, row, SourcePosition.snapshot(++position),
                        Instant.EPOCH, new Origin(SOURCE, table.schema(), table.name()));
                AggregateTranslation.Step step = translation.apply(change, key, aggregate);
                switch (step.result()) {
                    case TranslationResult.Reject<DomainEvent> r -> rejected = true;
                    case TranslationResult.Emit<DomainEvent> e -> last = e.events().getLast();
                    case TranslationResult.Skip<DomainEvent> s -> { }
                }
                if (step.next() != null) {
                    aggregate = step.next();
                }
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                try {
                    connection.rollback();
                    connection.close();
                } catch (SQLException ignored) {
                    // read-only snapshot
                }
            }
        }
    }
}
