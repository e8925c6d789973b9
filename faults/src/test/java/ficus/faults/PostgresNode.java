package ficus.faults;

import ficus.sandbox.postgres.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The sandbox's PostgreSQL 17 ({@link PostgresServer}, logical replication), restarted under its clients the way an
 * operator does: {@code pg_ctl restart -m fast} (clients disconnected, a checkpoint) or {@code -m immediate} (a crash:
 * no checkpoint, WAL replayed at start). The restart keeps the port and the settings ({@code postmaster.opts}).
 */
final class PostgresNode implements AutoCloseable {

    static final String USER = PostgresServer.USER;
    static final String PASSWORD = PostgresServer.PASSWORD;

    enum Stop {
        FAST("fast"), IMMEDIATE("immediate");

        final String mode;

        Stop(String mode) {
            this.mode = mode;
        }
    }

    private final Path data;
    private final PostgresServer postgres;

    PostgresNode(Path work) {
        this.data = work.resolve("pg-data");
        try {
            // commits durable once acknowledged (PostgreSQL's default; the sandbox turns it off for speed): an
            // immediate stop must not take back what the component committed beside its Kafka offset. fsync stays
            // off: no OS crash is simulated, and written WAL survives a killed server in the page cache
            postgres = PostgresServer.start(data, Map.of("synchronous_commit", "on"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return postgres.port();
    }

    String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    DataSource dataSource(String database) {
        return postgres.dataSource(database);
    }

    void createDatabase(String name) {
        postgres.createDatabase(name);
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
            long pid = postgres.postmasterPid(data).orElseThrow(() -> new IllegalStateException("no postmaster.pid"));
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
