package ficus.sandbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The sandbox's PostgreSQL as its users see it, whichever backend runs it: where it listens (always 127.0.0.1), the
 * superuser to connect as, and the databases on it. The server trusts connections from the host, as the embedded one
 * does; {@link #password()} is what clients (and the Connect worker) send.
 */
public interface SandboxPostgres {

    String host();

    int port();

    String user();

    String password();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    default DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {host()});
        ds.setPortNumbers(new int[] {port()});
        ds.setDatabaseName(database);
        ds.setUser(user());
        ds.setPassword(password());
        ds.setApplicationName("ficus");
        return ds;
    }

    /** Creates a database unless it exists. */
    default void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits, underscores: " + name);
        }
        try (Connection c = dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }
}
