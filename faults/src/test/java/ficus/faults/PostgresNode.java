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
import java.util.stream.Stream;
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
                    .setServerConfig("synchronous_commit", "off")
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
        try {
            Files.createDirectories(data.resolveSibling("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of(pgCtl().toString(), "restart", "-D", data.toString(), "-m", stop.mode, "-w", "-t", "60",
                "-l", data.resolveSibling("logs/postgres-restart.log").toString()));
    }

    private Path pgCtl() {
        try (Stream<Path> files = Files.walk(binaries)) {
            return files.filter(p -> p.getFileName().toString().equals("pg_ctl")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no pg_ctl under " + binaries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
