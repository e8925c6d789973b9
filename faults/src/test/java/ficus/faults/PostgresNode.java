package ficus.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL 17 with logical replication, started with zonky's binaries, and restarted under its clients the way an
 * operator does: {@code pg_ctl restart -m fast} (clients disconnected, a checkpoint) or {@code -m immediate} (a crash:
 * no checkpoint, WAL replayed at start). The restart keeps the port and the settings ({@code postmaster.opts}).
 */
final class PostgresNode implements AutoCloseable {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    enum Stop {
        FAST("fast"), IMMEDIATE("immediate");

        final String mode;

        Stop(String mode) {
            this.mode = mode;
        }
    }

    private final Path data;
    private final Path binaries;
    private final EmbeddedPostgres postgres;

    PostgresNode(Path work) {
        this.data = work.resolve("pg-data");
        this.binaries = work.resolve("pg-binaries");
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    .setServerConfig("max_slot_wal_keep_size", "1GB")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    // commits durable once acknowledged (PostgreSQL's default; zonky turns it off): an immediate stop
                    // must not take back what the component committed beside its Kafka offset. fsync stays off: no
                    // OS crash is simulated, and written WAL survives a killed server in the page cache
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port()});
        ds.setDatabaseName(database);
        ds.setUser(USER);
        ds.setPassword(PASSWORD);
        return ds;
    }

    void createDatabase(String name) {
        try (Connection c = dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Stops the server as {@code stop} says and starts it again on the same port; returns when it accepts work. */
    void restart(Stop stop) {
        List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // as zonky starts it: PostgreSQL refuses root, a user namespace makes pg_ctl an unprivileged user
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl().toString(), "restart", "-D", data.toString(), "-m", stop.mode, "-w", "-t", "60",
                "-l", data.resolve("restart.log").toString())); // the server's user may write its data directory
        run(command);
    }

    /**
     * The {@code pg_ctl} beside the running server's own binary (zonky extracts its binaries once per JVM, wherever the
     * first server of the JVM asked).
     */
    private Path pgCtl() {
        try {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
            return Path.of("/proc", Long.toString(pid), "exe").toRealPath().resolveSibling("pg_ctl");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot find pg_ctl of the server in " + data + ": " + e.getMessage(), e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
