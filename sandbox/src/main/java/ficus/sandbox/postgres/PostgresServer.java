package ficus.sandbox.postgres;

import ficus.sandbox.SandboxPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An embedded PostgreSQL 17 server with logical replication on, listening on 127.0.0.1 and a free port. */
public final class PostgresServer implements SandboxPostgres, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    public static final String USER = "postgres";
    /** The server trusts loopback connections; this password is what clients (and the Connect worker) send. */
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static PostgresServer start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    /**
     * A server with some settings changed from the sandbox's defaults, e.g. {@code wal_level=replica} or
     * {@code max_replication_slots=0} to see a preflight check fail. The caller closes it.
     */
    public static PostgresServer start(Path dataDir, Map<String, String> serverConfigOverrides) throws IOException {
        killStalePostmaster(dataDir);
        deleteRecursively(dataDir); // fresh every start; also what a killed run left (initdb wants an empty directory)
        Files.createDirectories(dataDir.getParent());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(dataDir.getParent().resolve("pg-binaries").toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                .setServerConfig("max_slot_wal_keep_size", "1GB")
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "off")
                // PostgreSQL's default, which zonky turns off: with it off, a commit's WAL reaches logical decoding
                // only when the WAL writer flushes (every wal_writer_delay, 200 ms), which a legacy server with the
                // default never adds to capture latency; with fsync off a synchronous commit is a write, no disk wait
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "off");
        serverConfigOverrides.forEach(builder::setServerConfig);
        EmbeddedPostgres pg = builder.start();
        log.info("PostgreSQL listening on 127.0.0.1:{} (data {})", pg.getPort(), dataDir);
        return new PostgresServer(pg);
    }

    /**
     * A JVM killed hard (SIGKILL) cannot stop its postgres child. The next start in the same work directory finds the
     * orphan through postmaster.pid and stops it, so orphans never accumulate.
     */
    private static void killStalePostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> stale = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        stale.ifPresent(p -> {
            log.warn("stopping orphan postgres (pid {}) left in {} by an earlier run", pid, dataDir);
            p.destroy();
            p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> {
                p.destroyForcibly();
                return p;
            }).join();
        });
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    /** The pid of the postmaster, to check in tests that no postgres outlives the stack. */
    public Optional<Long> postmasterPid(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()));
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
