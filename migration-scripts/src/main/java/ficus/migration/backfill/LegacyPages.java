package ficus.migration.backfill;

import ficus.migration.legacy.JdbcValues;
import ficus.migration.legacy.LegacyTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of a backfill over one translation's tables, for any key: pages of root rows by keyset pagination over the
 * (possibly composite) root key — {@code where ("Tenant", "OrderNo") > (?, ?) order by "Tenant", "OrderNo" limit n},
 * every identifier quoted as PostgreSQL needs it — then, in the same transaction, the rows of each part table whose
 * link lies between the page's first and last key, and the referenced rows the page points at that this run has not
 * published yet. Key values travel as PostgreSQL's own text and are bound untyped, so the server reads each as its
 * column's type (any key type works, and a restart point is plain text). Part rows are matched to their aggregate by
 * key text, not by an order Java would have to share with the database's collation.
 */
final class LegacyPages {

    static final int IN_LIST = 1_000;
    /** Referenced rows remembered as published per partition, at most. */
    static final int REFERENCED_LIMIT = 500_000;
    private static final char SEPARATOR = '\u0000';

    private final List<LegacyTable> tables;
    private final String where;

    LegacyPages(List<LegacyTable> tables, String where) {
        this.tables = List.copyOf(tables);
        this.where = where;
    }

    /** One page: its aggregates (in key order) and the key of the last one (null when empty). */
    record Page(List<LegacyAggregate> aggregates, List<String> lastKey, int rows) {
    }

    LegacyTable root() {
        return tables.getFirst();
    }

    /** {@code select count(*)} of the root rows in {@code (after, upTo]} (null bounds: open). */
    String countSql(boolean after, boolean upTo) {
        return "select count(*) from " + root().quoted() + condition(after, upTo);
    }

    String pageSql(boolean after, boolean upTo) {
        LegacyTable root = root();
        return "select " + LegacyTable.quotedList(root.columns()) + " from " + root.quoted() + condition(after, upTo)
                + " order by " + LegacyTable.quotedList(root.key()) + " limit ?";
    }

    /** Root rows whose key is one of {@code count} given keys (a re-drive). */
    String keysSql(int count) {
        LegacyTable root = root();
        return "select " + LegacyTable.quotedList(root.columns()) + " from " + root.quoted() + " where "
                + in(root.key(), count) + (where == null ? "" : " and (" + where + ")") + " order by "
                + LegacyTable.quotedList(root.key());
    }

    /** The rows of a part table linked to keys in {@code [first, last]}, in link order. */
    String partSql(LegacyTable part) {
        String link = row(part.link());
        return "select " + LegacyTable.quotedList(part.columns()) + " from " + part.quoted() + " where " + link
                + " >= " + params(part.link().size()) + " and " + link + " <= " + params(part.link().size())
                + " order by " + LegacyTable.quotedList(orderBy(part.link(), part.key()));
    }

    /** Referenced rows by key. */
    String referencedSql(LegacyTable referenced, int count) {
        return "select " + LegacyTable.quotedList(referenced.columns()) + " from " + referenced.quoted() + " where "
                + in(referenced.key(), count);
    }

    /** Boundaries that split the root rows into {@code grid} ranges of about equal size (at most grid - 1 keys). */
    String boundariesSql() {
        LegacyTable root = root();
        String keys = LegacyTable.quotedList(root.key());
        return "select " + keys + " from (select " + keys + ", row_number() over (order by " + keys + ") as ficus_rn"
                + " from " + root.quoted() + (where == null ? "" : " where " + where) + ") ficus_keys"
                + " where ficus_rn % ? = 0 order by ficus_rn limit ?";
    }

    private String condition(boolean after, boolean upTo) {
        List<String> conditions = new ArrayList<>();
        String key = row(root().key());
        int n = root().key().size();
        if (after) {
            conditions.add(key + " > " + params(n));
        }
        if (upTo) {
            conditions.add(key + " <= " + params(n));
        }
        if (where != null) {
            conditions.add("(" + where + ")");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** The link columns, then the key columns not already among them. */
    static List<String> orderBy(List<String> link, List<String> key) {
        List<String> columns = new ArrayList<>(link);
        key.stream().filter(k -> !link.contains(k)).forEach(columns::add);
        return columns;
    }

    private static String row(List<String> columns) {
        return "(" + LegacyTable.quotedList(columns) + ")";
    }

    private static String params(int n) {
        return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }

    private static String in(List<String> columns, int count) {
        String one = params(columns.size());
        return row(columns) + " in (" + String.join(", ", Collections.nCopies(count, one)) + ")";
    }

    long count(Connection c, List<String> after, List<String> upTo) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(countSql(after != null, upTo != null))) {
            int at = bind(st, 1, after);
            bind(st, at, upTo);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    List<List<String>> boundaries(Connection c, int grid) throws SQLException {
        long total = count(c, null, null);
        List<List<String>> boundaries = new ArrayList<>();
        if (grid < 2 || total < 2) {
            return boundaries;
        }
        long step = Math.max(1, (total + grid - 1) / grid);
        try (PreparedStatement st = c.prepareStatement(boundariesSql())) {
            st.setLong(1, step);
            st.setInt(2, grid - 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    boundaries.add(texts(rs, root().key().size(), null));
                }
            }
        }
        return boundaries;
    }

    /** The page after {@code after} (null: from the start) up to {@code upTo} (null: to the end). */
    Page page(Connection c, long lsn, List<String> after, List<String> upTo, int limit, Set<String> referenced)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(pageSql(after != null, upTo != null))) {
            int at = bind(st, 1, after);
            at = bind(st, at, upTo);
            st.setInt(at, limit);
            return read(c, st, lsn, referenced);
        }
    }

    /** The aggregates of these keys (each as its columns' text), in key order; missing ones are not there. */
    Page keys(Connection c, long lsn, List<List<String>> keys, Set<String> referenced) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(keysSql(keys.size()))) {
            int at = 1;
            for (List<String> key : keys) {
                at = bind(st, at, key);
            }
            return read(c, st, lsn, referenced);
        }
    }

    private Page read(Connection c, PreparedStatement roots, long lsn, Set<String> referenced) throws SQLException {
        LegacyTable root = root();
        int[] keyAt = root.indexes(root.key());
        List<Object[]> rootRows = new ArrayList<>();
        List<List<String>> keys = new ArrayList<>();
        List<String[]> vias = new ArrayList<>();
        List<LegacyTable> others = tables.subList(1, tables.size());
        int[][] viaAt = new int[others.size()][];
        for (int t = 0; t < others.size(); t++) {
            viaAt[t] = others.get(t).role() == LegacyTable.Role.REFERENCE ? root.indexes(others.get(t).via()) : null;
        }
        try (ResultSet rs = roots.executeQuery()) {
            JdbcValues.Reader[] readers = JdbcValues.readers(rs.getMetaData());
            while (rs.next()) {
                rootRows.add(values(rs, readers));
                keys.add(texts(rs, keyAt));
                String[] via = new String[others.size()];
                for (int t = 0; t < others.size(); t++) {
                    if (viaAt[t] != null) {
                        List<String> v = texts(rs, viaAt[t]);
                        via[t] = v.contains(null) ? null : String.join(String.valueOf(SEPARATOR), v);
                    }
                }
                vias.add(via);
            }
        }
        int n = rootRows.size();
        if (n == 0) {
            return new Page(List.of(), null, 0);
        }
        Map<String, Integer> byKey = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            byKey.put(String.join(String.valueOf(SEPARATOR), keys.get(i)), i);
        }
        List<List<List<Object[]>>> rowsPerTable = new ArrayList<>(others.size());
        int rows = n;
        for (int t = 0; t < others.size(); t++) {
            LegacyTable table = others.get(t);
            List<List<Object[]>> byAggregate = new ArrayList<>(Collections.nCopies(n, List.of()));
            if (table.role() == LegacyTable.Role.REFERENCE) {
                rows += references(c, table, t, vias, byAggregate, referenced);
            } else {
                rows += parts(c, table, keys.getFirst(), keys.getLast(), byKey, byAggregate);
            }
            rowsPerTable.add(byAggregate);
        }
        List<LegacyAggregate> aggregates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<List<Object[]>> own = new ArrayList<>(others.size());
            for (List<List<Object[]>> table : rowsPerTable) {
                own.add(table.get(i));
            }
            aggregates.add(new LegacyAggregate(keys.get(i), rootRows.get(i), own, lsn));
        }
        return new Page(aggregates, keys.getLast(), rows);
    }

    private int parts(Connection c, LegacyTable part, List<String> first, List<String> last,
            Map<String, Integer> byKey, List<List<Object[]>> byAggregate) throws SQLException {
        int rows = 0;
        int[] linkAt = part.indexes(part.link());
        try (PreparedStatement st = c.prepareStatement(partSql(part))) {
            int at = bind(st, 1, first);
            bind(st, at, last);
            try (ResultSet rs = st.executeQuery()) {
                JdbcValues.Reader[] readers = JdbcValues.readers(rs.getMetaData());
                while (rs.next()) {
                    Integer owner = byKey.get(String.join(String.valueOf(SEPARATOR), texts(rs, linkAt)));
                    if (owner == null) {
                        continue; // in the range, but its aggregate is not in the page (--where, or an orphan)
                    }
                    add(byAggregate, owner, values(rs, readers));
                    rows++;
                }
            }
        }
        return rows;
    }

    private int references(Connection c, LegacyTable table, int t, List<String[]> vias,
            List<List<Object[]>> byAggregate, Set<String> referenced) throws SQLException {
        Map<String, Integer> firstUser = new java.util.LinkedHashMap<>();
        for (int i = 0; i < vias.size(); i++) {
            String via = vias.get(i)[t];
            if (via != null && !referenced.contains(table.qualified() + SEPARATOR + via)) {
                firstUser.putIfAbsent(via, i);
            }
        }
        int rows = 0;
        int[] keyAt = table.indexes(table.key());
        List<String> wanted = new ArrayList<>(firstUser.keySet());
        for (int from = 0; from < wanted.size(); from += IN_LIST) {
            List<String> batch = wanted.subList(from, Math.min(wanted.size(), from + IN_LIST));
            try (PreparedStatement st = c.prepareStatement(referencedSql(table, batch.size()))) {
                int at = 1;
                for (String key : batch) {
                    at = bind(st, at, List.of(key.split(String.valueOf(SEPARATOR), -1)));
                }
                try (ResultSet rs = st.executeQuery()) {
                    JdbcValues.Reader[] readers = JdbcValues.readers(rs.getMetaData());
                    while (rs.next()) {
                        String key = String.join(String.valueOf(SEPARATOR), texts(rs, keyAt));
                        Integer user = firstUser.get(key);
                        if (user != null) {
                            add(byAggregate, user, values(rs, readers));
                            rows++;
                        }
                    }
                }
            }
        }
        if (referenced.size() > REFERENCED_LIMIT) {
            referenced.clear(); // memory stays bounded; publishing a referenced row again is harmless (a duplicate)
        }
        for (String key : wanted) {
            referenced.add(table.qualified() + SEPARATOR + key);
        }
        return rows;
    }

    private static void add(List<List<Object[]>> byAggregate, int at, Object[] row) {
        List<Object[]> of = byAggregate.get(at);
        if (of.isEmpty()) {
            of = new ArrayList<>(2);
            byAggregate.set(at, of);
        }
        of.add(row);
    }

    private static Object[] values(ResultSet rs, JdbcValues.Reader[] readers) throws SQLException {
        Object[] row = new Object[readers.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = JdbcValues.read(rs, i + 1, readers[i]);
        }
        return row;
    }

    private static List<String> texts(ResultSet rs, int[] indexes) throws SQLException {
        List<String> texts = new ArrayList<>(indexes.length);
        for (int index : indexes) {
            texts.add(rs.getString(index + 1));
        }
        return texts;
    }

    private static List<String> texts(ResultSet rs, int count, Object unused) throws SQLException {
        List<String> texts = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            texts.add(rs.getString(i));
        }
        return texts;
    }

    /** Binds key values untyped (the server reads each as its column's type); returns the next index. */
    private static int bind(PreparedStatement st, int at, List<String> values) throws SQLException {
        if (values == null) {
            return at;
        }
        for (String value : values) {
            st.setObject(at++, value, Types.OTHER);
        }
        return at;
    }
}
