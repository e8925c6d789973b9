package ficus.connectors.publication;

import ficus.connectors.plan.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@link TableFacts} and the publication as it is, from the legacy database's catalog. */
public final class Catalog {

    private final Connection db;

    public Catalog(Connection db) {
        this.db = db;
    }

    /** {@code server_version_num}, e.g. 170005. */
    public int serverVersion() throws SQLException {
        try (PreparedStatement st = db.prepareStatement("select current_setting('server_version_num')::int");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The facts of a table, empty when there is no such table. */
    public Optional<TableFacts> table(TableId table) throws SQLException {
        long oid;
        boolean partitioned;
        char identity;
        TableId parent = null;
        try (PreparedStatement st = db.prepareStatement("""
                select c.oid, c.relkind = 'p', c.relreplident, pn.nspname, p.relname
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                left join pg_inherits i on i.inhrelid = c.oid and c.relispartition
                left join pg_class p on p.oid = i.inhparent left join pg_namespace pn on pn.oid = p.relnamespace
                where n.nspname = ? and c.relname = ? and c.relkind in ('r', 'p')""")) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                oid = rs.getLong(1);
                partitioned = rs.getBoolean(2);
                identity = rs.getString(3).charAt(0);
                if (rs.getString(4) != null) {
                    parent = new TableId(rs.getString(4), rs.getString(5));
                }
            }
        }
        List<TableFacts.Column> columns = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("""
                select a.attname, format_type(a.atttypid, a.atttypmod), t.typlen = -1 and a.attstorage in ('x', 'e')
                from pg_attribute a join pg_type t on t.oid = a.atttypid
                where a.attrelid = ? and a.attnum > 0 and not a.attisdropped order by a.attnum""")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new TableFacts.Column(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        List<String> identityColumns = new ArrayList<>();
        if (identity == 'f') {
            columns.forEach(c -> identityColumns.add(c.name()));
        } else if (identity != 'n') {
            try (PreparedStatement st = db.prepareStatement("""
                    select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid
                      and a.attnum = any(i.indkey)
                    where i.indrelid = ? and (case when ? = 'i' then i.indisreplident else i.indisprimary end)
                    order by array_position(i.indkey, a.attnum)""")) {
                st.setLong(1, oid);
                st.setString(2, String.valueOf(identity));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        identityColumns.add(rs.getString(1));
                    }
                }
            }
        }
        return Optional.of(new TableFacts(table, oid, partitioned, parent, identity, columns, identityColumns));
    }

    /**
     * The columns of {@code table} a row filter reads, as PostgreSQL resolves them (a plan of {@code SELECT 1 ... WHERE
     * (filter)}, nothing executed).
     *
     * @throws SQLException the filter is not a valid condition on the table (PostgreSQL's message says why)
     */
    public List<String> rowFilterColumns(TableId table, String filter, List<String> columns) throws SQLException {
        String alias = "ficus_row_filter";
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement st = db.prepareStatement("explain (verbose, costs off) select 1 from " + table.sql()
                + " as " + alias + " where (" + filter + ")"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        String text = plan.toString();
        List<String> read = new ArrayList<>();
        for (String column : columns) {
            for (String written : List.of(column, "\"" + column.replace("\"", "\"\"") + "\"")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(alias + "."
                        + written) + "(?![A-Za-z0-9_$])").matcher(text);
                if (m.find() && !read.contains(column)) {
                    read.add(column);
                }
            }
        }
        return read;
    }

    /** The publication as it is, empty when there is none. */
    public Optional<ExistingPublication> publication(String name) throws SQLException {
        boolean allTables;
        boolean viaRoot;
        String owner;
        String comment;
        long oid;
        try (PreparedStatement st = db.prepareStatement("""
                select p.oid, p.puballtables, p.pubviaroot, r.rolname, obj_description(p.oid, 'pg_publication')
                from pg_publication p join pg_roles r on r.oid = p.pubowner where p.pubname = ?""")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                oid = rs.getLong(1);
                allTables = rs.getBoolean(2);
                viaRoot = rs.getBoolean(3);
                owner = rs.getString(4);
                comment = rs.getString(5);
            }
        }
        boolean columnLists = serverVersion() >= 150000;
        List<ExistingPublication.Member> members = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("select n.nspname, c.relname, "
                + (columnLists ? "(select array_agg(a.attname order by a.attnum) from pg_attribute a"
                + " where a.attrelid = c.oid and a.attnum = any(r.prattrs)), r.prqual is not null"
                : "null::name[], false")
                + " from pg_publication_rel r join pg_class c on c.oid = r.prrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where r.prpubid = ?")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    java.sql.Array cols = rs.getArray(3);
                    List<String> list = cols == null ? null : List.of((String[]) cols.getArray());
                    members.add(new ExistingPublication.Member(new TableId(rs.getString(1), rs.getString(2)), list,
                            rs.getBoolean(4)));
                }
            }
        }
        return Optional.of(new ExistingPublication(name, allTables, viaRoot, owner, comment, members));
    }
}
