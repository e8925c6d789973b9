package ficus.bench;

import ficus.connectors.connect.ConnectClient;
import ficus.connectors.connect.ConnectorState;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.deploy.DeployOptions;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Capture alone: how fast the real Debezium connector (deployed through Connect's REST API, as shipped: the plan's
 * default tuning) moves a backlog of committed changes from PostgreSQL's WAL into Kafka, against PostgreSQL decoding
 * the same WAL by itself ({@code pg_logical_slot_get_binary_changes} with pgoutput on a second slot of the same
 * publication) — the physical limit of any logical-decoding capture. Both in one run, on one server.
 *
 * <p>The backlog: the connector is deployed ({@code snapshot: no_data}), stopped, and N changes are committed to
 * {@code bench.item} (half inserts, half updates, 10,000 rows a transaction); then the second slot is drained and
 * timed, and the connector resumed and timed until the raw topic holds N records. Usage:
 * {@code CaptureBenchmark [changes]} (default 1,000,000).
 */
public final class CaptureBenchmark {

    private static final int BATCH = 10_000;

    private CaptureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("ficus-bench-capture-");
        try (Sandbox s = Sandbox.start(new SandboxConfig(work, 1, true))) {
            s.postgres().createDatabase("bench_capture");
            DataSource db = s.postgres().dataSource("bench_capture");
            execute(db, "create schema bench", "create table bench.item (id bigint primary key, qty int not null,"
                    + " note text not null, updated_at timestamptz not null)");
            CapturePlan plan = new CapturePlanLoader().parse("""
                    name: bench-capture
                    source: bench
                    connection: {host: 127.0.0.1, port: %d, database: bench_capture, user: postgres, password: "%s"}
                    tables: [bench.item]
                    slot: bench_capture
                    publication: bench_capture
                    snapshot: no_data
                    """.formatted(s.postgres().port(), s.legacyPasswordReference()), "bench-capture.yaml");
            ConnectClient connect = ConnectClient.of(s.connectUrl());
            new ConnectorDeployer(connect).withLegacyDataSource(db).deploy(plan, DeployOptions.defaults());
            execute(db, "select pg_create_logical_replication_slot('bench_decode', 'pgoutput')");
            connect.stop(plan.name());
            awaitState(connect, plan.name(), ConnectorState.STOPPED);

            long writeStart = System.nanoTime();
            int inserts = changes / 2;
            for (int from = 1; from <= inserts; from += BATCH) {
                execute(db, "insert into bench.item select g, g % 100, md5(g::text), now() from generate_series("
                        + from + ", " + Math.min(inserts, from + BATCH - 1) + ") g");
            }
            int updates = changes - inserts;
            for (int from = 1; from <= updates; from += BATCH) {
                execute(db, "update bench.item set qty = qty + 1, updated_at = now() where id between " + from
                        + " and " + Math.min(updates, from + BATCH - 1));
            }
            // the sandbox commits asynchronously: one synchronous commit flushes the WAL of all before it, so that
            // the decoding below (which reads up to the flushed WAL) sees every change
            execute(db, "create table bench.flush (x int)", "set synchronous_commit = on",
                    "insert into bench.flush values (1)");
            double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
            long wal = longQuery(db, "select pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint"
                    + " from pg_replication_slots where slot_name = 'bench_decode'");
            System.out.printf("capture: %,d changes committed in %.1f s (%,.0f/s), %,d bytes of WAL behind the slots%n",
                    changes, writeSeconds, changes / writeSeconds, wal);

            long decodeStart = System.nanoTime();
            // the row changes among pgoutput's messages (the others: begin, commit, relation)
            long messages = longQuery(db, "select count(*) filter (where get_byte(data, 0) in (73, 85, 68))"
                    + " from pg_logical_slot_get_binary_changes('bench_decode', NULL, NULL, 'proto_version', '1',"
                    + " 'publication_names', 'bench_capture')");
            if (messages != changes) {
                throw new IllegalStateException("PostgreSQL decoded " + messages + " row changes, not " + changes);
            }
            double decodeSeconds = (System.nanoTime() - decodeStart) / 1e9;
            execute(db, "select pg_drop_replication_slot('bench_decode')");

            String topic = "bench.bench.item";
            long captureStart = System.nanoTime();
            connect.resume(plan.name());
            long records;
            Duration timeout = Duration.ofMinutes(30);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers()))) {
                while ((records = records(admin, topic)) < changes) {
                    if (System.nanoTime() - captureStart > timeout.toNanos()) {
                        throw new IllegalStateException("only " + records + " of " + changes + " changes on " + topic
                                + " after " + timeout);
                    }
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // polling an end offset, not a wait
                }
            }
            double captureSeconds = (System.nanoTime() - captureStart) / 1e9;

            double decodeRate = changes / decodeSeconds;
            double captureRate = changes / captureSeconds;
            System.out.printf("capture: PostgreSQL decoding alone (pgoutput, %,d row changes): %.2f s, %,.0f changes/s%n",
                    messages, decodeSeconds, decodeRate);
            System.out.printf("capture: Debezium into Kafka (resume → %,d records on %s): %.2f s, %,.0f changes/s%n",
                    records, topic, captureSeconds, captureRate);
            System.out.printf("capture: Debezium / PostgreSQL decoding = %.2f (%d cores, %s)%n",
                    captureRate / decodeRate, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.version"));
            connect.delete(plan.name());
        }
    }

    /** Records on the topic (the sum of its end offsets); 0 until Debezium has created it. */
    private static long records(Admin admin, String topic) throws Exception {
        if (!admin.listTopics().names().get().contains(topic)) {
            return 0;
        }
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
    }

    private static void awaitState(ConnectClient connect, String name, ConnectorState state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (connect.status(name).map(st -> st.state() != state).orElse(true)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not " + state + " after 60 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private static void execute(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static long longQuery(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
