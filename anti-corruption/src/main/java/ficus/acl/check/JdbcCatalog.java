package ficus.acl.check;

import ficus.core.FicusException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** A {@link LegacyCatalog} read from PostgreSQL's {@code information_schema} and {@code pg_catalog}. */
public final class JdbcCatalog implements LegacyCatalog {

    private final DataSource dataSource;

    public JdbcCatalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Table> table(String schema, String name) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Column> columns = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    select c.column_name, c.data_type, c.udt_name,
                           coalesce(e.data_type, '') as element_type, coalesce(e.udt_name, '') as element_udt,
                           exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
                                   where t.typtype = 'e' and t.typname = coalesce(e.udt_name, c.udt_name)
                                   and n.nspname = coalesce(e.udt_schema, c.udt_schema)) as is_enum
                      from information_schema.columns c
                      left join information_schema.element_types e
                        on e.object_catalog = c.table_catalog and e.object_schema = c.table_schema
                       and e.object_name = c.table_name and e.object_type = 'TABLE'
                       and e.collection_type_identifier = c.dtd_identifier
                     where c.table_schema = ? and c.table_name = ?
                     order by c.ordinal_position""")) {
                statement.setString(1, schema);
                statement.setString(2, name);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        boolean array = rows.getString("data_type").equals("ARRAY");
                        String type = array ? rows.getString("element_type") : rows.getString("data_type");
                        String udt = array ? rows.getString("element_udt") : rows.getString("udt_name");
                        columns.put(rows.getString("column_name"), new Column(type, udt, array,
                                rows.getBoolean("is_enum")));
                    }
                }
            }
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Table(schema, name, columns, primaryKey(connection, schema, name),
                    foreignKeys(connection, schema, name)));
        } catch (SQLException e) {
            throw new FicusException.Unavailable("cannot read the catalog of " + schema + "." + name + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<String> tables(String schema) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select table_name from information_schema.tables where table_schema = ? order by 1")) {
            statement.setString(1, schema);
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            return tables;
        } catch (SQLException e) {
            throw new FicusException.Unavailable("cannot list the tables of " + schema + ": " + e.getMessage(), e);
        }
    }

    private static List<String> primaryKey(Connection connection, String schema, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select a.attname
                  from pg_index i
                  join pg_class t on t.oid = i.indrelid
                  join pg_namespace n on n.oid = t.relnamespace
                  join lateral unnest(i.indkey) with ordinality k(attnum, ord) on true
                  join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
                 where i.indisprimary and n.nspname = ? and t.relname = ?
                 order by k.ord""")) {
            statement.setString(1, schema);
            statement.setString(2, name);
            List<String> key = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
            return key;
        }
    }

    private static List<ForeignKey> foreignKeys(Connection connection, String schema, String name)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select c.oid, rn.nspname as ref_schema, r.relname as ref_table,
                       array(select a.attname from unnest(c.conkey) with ordinality k(n, o)
                             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as cols,
                       array(select a.attname from unnest(c.confkey) with ordinality k(n, o)
                             join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o)
                             as ref_cols
                  from pg_constraint c
                  join pg_class t on t.oid = c.conrelid
                  join pg_namespace n on n.oid = t.relnamespace
                  join pg_class r on r.oid = c.confrelid
                  join pg_namespace rn on rn.oid = r.relnamespace
                 where c.contype = 'f' and n.nspname = ? and t.relname = ?""")) {
            statement.setString(1, schema);
            statement.setString(2, name);
            List<ForeignKey> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(new ForeignKey(List.of((String[]) rows.getArray("cols").getArray()),
                            rows.getString("ref_schema"), rows.getString("ref_table"),
                            List.of((String[]) rows.getArray("ref_cols").getArray())));
                }
            }
            return keys;
        }
    }
}
