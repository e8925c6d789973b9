package ficus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.components.customerstatus.store.SchemaMigration;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.connect.ConnectorState;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.deploy.DeployOptions;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.sandbox.ChildJvm;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxConfig;
import ficus.sandbox.postgres.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The pipeline measured as a migration runs it, every figure beside a baseline from the same run (bench/README.md):
 * a sample's root table ({@link PipelineSample}: the CRM's {@code crm.cust} by default, the orders sample's
 * {@code erp."SalesOrder"} with {@code -Dficus.bench.workload=orders}) captured by the real Debezium connector
 * (deployed through Connect's REST API from the sample's capture plan, {@code snapshot: no_data}), translated by
 * {@code ficus acl run} with the sample's spec, and applied by the sample's component to its own database — the layer
 * and the component each in a JVM of its own with {@code -Xmx256m}. Phases (apply and sustained on the CRM only):
 *
 * <ol>
 *   <li><b>capture</b>: a backlog of N changes (N/2 inserts, then N/2 status updates, 10,000 rows a transaction)
 *       committed while the connector is stopped; PostgreSQL decoding the same WAL by itself on a second pgoutput
 *       slot (the physical limit), then the connector resumed until the raw topic holds the N changes;</li>
 *   <li><b>apply</b>: the kit's consumer applying those N events (already on the domain topic) to a fresh database,
 *       against a plain JDBC batch upsert of the same rows into the same table;</li>
 *   <li><b>end to end</b>: a second backlog of the same shape, from connector resume until the component has applied
 *       all of it, as a ratio of capture alone; the peak resident memory of both JVMs;</li>
 *   <li><b>sustained</b>: the legacy application updating at a fixed rate for 60 s (a transaction every 10 ms),
 *       commit → component applied p50/p99 and commit → raw topic p50/p99, at 1,000 and 5,000 changes/s, then
 *       higher rates until one is not held;</li>
 *   <li><b>restart</b>: the layer stopped (SIGTERM, then SIGKILL) and started again on its state directory, time from
 *       its start to its first translated record.</li>
 * </ol>
 *
 * Usage: {@code PipelineBenchmark [changes] [--capture-only]} (default 1,000,000).
 */
public final class PipelineBenchmark {

    private static final int BATCH = 10_000;
    private static final String HEAP = "-Xmx256m";
    /** How long each sustained rate runs: 60 s ({@code -Dficus.bench.step=PT10S} for a quick look). */
    private static final Duration STEP = Duration.parse(System.getProperty("ficus.bench.step", "PT60S"));
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    /** A rate is held when the writer reached it and the p99 of commit → applied stayed under this. */
    private static final Duration HELD_P99 = Duration.ofSeconds(2);
    /** The ladder's last step: the single writer connection's own limit is near. */
    private static final int MAX_RATE = 40_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineSample sample;
    /** {@code <plan source>.<root table>}: the topic Debezium writes the root table's changes to. */
    private final String rawTopic;
    private final Sandbox sandbox;
    /**
     * The components' PostgreSQL: a server of its own, as in production. On the legacy server their WAL (a
     * 1,000,000-event backlog writes well over 1 GB) counted against the capture's slot while the connector was still
     * reading the backlog, and the server dropped the slot at the sandbox's {@code max_slot_wal_keep_size}.
     */
    private final PostgresServer components;
    private final Path work;
    private final DataSource legacy;
    private final int changes;
    private final CapturePlan plan;
    private final ConnectClient connect;
    private final Admin admin;
    private final Path specFile;
    private final Path childLogback;
    private ChildJvm layer;
    private ChildJvm component;
    private int layerStarts;

    private PipelineBenchmark(PipelineSample sample, Sandbox sandbox, PostgresServer components, Path work,
                              int changes) throws Exception {
        this.sample = sample;
        this.sandbox = sandbox;
        this.components = components;
        this.work = work;
        this.changes = changes;
        this.legacy = sample.install(sandbox, keeperCustomer());
        String yaml = resourceText(sample.planResource).replace("snapshot: initial", "snapshot: no_data")
                + "heartbeatActionQuery: \"" + sample.heartbeatQuery(keeperCustomer()) + "\"\n";
        this.plan = new CapturePlanLoader().parse(yaml, sample.planResource + " (snapshot: no_data)").withConnection(
                new Connection("127.0.0.1", sandbox.postgres().port(), sample.database,
                        sandbox.postgres().user(), new SecretRef.File(sandbox.secretsFile().toString(),
                        Sandbox.LEGACY_PASSWORD_KEY)));
        this.connect = ConnectClient.of(sandbox.connectUrl());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers()));
        this.specFile = work.resolve("customer.yaml");
        Files.writeString(specFile, resourceText(sample.specResource));
        this.rawTopic = plan.source() + "." + sample.rootTable;
        // the children log INFO to their own file (this JVM's logback.xml, first on the shared class path, is quiet)
        this.childLogback = work.resolve("logback-child.xml");
        Files.writeString(childLogback, """
                <configuration>
                  <appender name="file" class="ch.qos.logback.core.FileAppender">
                    <file>${ficus.log.file}</file>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="file"/></root>
                </configuration>
                """);
    }

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 1_000_000;
        boolean captureOnly = List.of(args).contains("--capture-only");
        if (changes % 2 != 0 || changes < 2 * BATCH) {
            throw new IllegalArgumentException("changes: an even number of at least " + 2 * BATCH);
        }
        Path work = Files.createTempDirectory("ficus-bench-pipeline-");
        try (Sandbox s = Sandbox.start(new SandboxConfig(work.resolve("stack"), 2, true));
             PostgresServer components = PostgresServer.start(work.resolve("components/data"),
                     Map.of("wal_level", "replica"))) {
            PipelineBenchmark bench = new PipelineBenchmark(PipelineSample.fromSystemProperty(), s, components, work,
                    changes);
            try {
                bench.run(captureOnly);
            } finally {
                bench.close();
            }
        } finally {
            deleteTree(work);
        }
    }

    private void run(boolean captureOnly) throws Exception {
        System.out.printf("pipeline: sample %s, %,d changes a backlog; %d cores, %s, load average %.1f%n",
                sample.name().toLowerCase(Locale.ROOT), changes,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        new ConnectorDeployer(connect).withLegacyDataSource(legacy).deploy(plan, DeployOptions.defaults());
        execute(legacy, "select pg_create_logical_replication_slot('bench_decode', 'pgoutput')");
        stopConnector();

        // 1. capture alone, and PostgreSQL decoding the same WAL
        writeBacklog(1);
        double decodeRate = decode();
        double captureRate = captureAlone();
        System.out.printf("capture: Debezium / PostgreSQL decoding = %.2f%n", captureRate / decodeRate);
        if (captureOnly) {
            return;
        }

        // 2. the layer and the component on that backlog, then the kit against plain JDBC on its events
        components.createDatabase(sample.componentDatabase);
        Instant started = Instant.now();
        startLayer();
        component = startComponent(sample.componentDatabase, sample.componentDatabase);
        LockSupport.parkNanos(Duration.ofSeconds(2).toNanos()); // a sample two seconds in, not a wait for a condition
        long layerStartRss = layer.statusKib("VmRSS");
        long componentStartRss = component.statusKib("VmRSS");
        awaitApplied(sample.componentDatabase, 1, changes / 2, Duration.ofMinutes(30));
        double inKafka = changes / seconds(started);
        System.out.printf("in Kafka: the layer and the component started on the %,d raw changes: all applied in"
                + " %.1f s (%,.0f changes/s, both JVMs' start included)%n", changes, seconds(started), inKafka);
        if (sample.everyPhase) {
            double kitRate = kitApply();
            double jdbcRate = jdbcUpsert();
            System.out.printf("apply: component kit / plain JDBC batch upsert = %.2f%n", kitRate / jdbcRate);
        } else {
            System.out.println("apply: not run for this sample (its component's group is fixed, its table keeps no"
                    + " commit or applied time)");
        }

        // 3. end to end: the same backlog again, from connector resume to applied
        stopConnector();
        writeBacklog(changes / 2 + 1);
        Instant resumed = Instant.now();
        Cpu cpu = Cpu.sample(layer, component);
        connect.resume(plan.name());
        awaitApplied(sample.componentDatabase, changes / 2 + 1, changes, Duration.ofMinutes(30));
        double e2eRate = changes / seconds(resumed);
        System.out.printf("end to end: connector resumed → %,d changes applied by the component: %.1f s,"
                + " %,.0f changes/s%n", changes, seconds(resumed), e2eRate);
        System.out.println("end to end: " + Cpu.sample(layer, component).since(cpu, changes));
        System.out.printf("end to end / capture alone = %.2f (goal ≥ 0.85)%n", e2eRate / captureRate);
        System.out.printf("memory (%s): layer peak RSS %,d MiB (%,d MiB when it had started), component peak RSS"
                + " %,d MiB (%,d MiB when it had started), after %,d changes each%n", HEAP,
                layer.statusKib("VmHWM") / 1024, layerStartRss / 1024, component.statusKib("VmHWM") / 1024,
                componentStartRss / 1024, 2L * changes);

        // 4. sustained rates
        if (sample.everyPhase) {
            sustained();
        }

        // 5. restart of the layer on its state
        restart();
    }

    // ---------------------------------------------------------------------------------------------- capture

    /**
     * The root row the plan's {@code heartbeatActionQuery} touches every 10 s (a column the spec ignores: captured,
     * translated to no event), outside every backlog's and writer's range: the slot moves on only when the connector
     * sees a change of its own database, so a legacy server busy elsewhere needs it (the runbook's advice).
     */
    private long keeperCustomer() {
        return changes + 1L;
    }

    /** N/2 inserts of roots {@code first..}, then N/2 status updates of the same rows, the connector stopped. */
    private void writeBacklog(long first) throws SQLException {
        long started = System.nanoTime();
        long last = first + changes / 2 - 1;
        for (long from = first; from <= last; from += BATCH) {
            execute(legacy, sample.insertRoots(from, Math.min(last, from + BATCH - 1)));
        }
        for (long from = first; from <= last; from += BATCH) {
            execute(legacy, sample.updateRoots(from, Math.min(last, from + BATCH - 1)));
        }
        System.out.printf("backlog: %,d changes of %s (rows %,d..%,d) committed in %.1f s, connector stopped%n",
                changes, sample.rootTable, first, last, (System.nanoTime() - started) / 1e9);
    }

    private double decode() throws SQLException {
        long wal = longQuery(legacy, "select pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint"
                + " from pg_replication_slots where slot_name = 'bench_decode'");
        long started = System.nanoTime();
        long decoded = longQuery(legacy, "select count(*) filter (where get_byte(data, 0) in (73, 85, 68))"
                + " from pg_logical_slot_get_binary_changes('bench_decode', NULL, NULL, 'proto_version', '1',"
                + " 'publication_names', '" + plan.publicationName() + "')");
        double elapsed = (System.nanoTime() - started) / 1e9;
        execute(legacy, "select pg_drop_replication_slot('bench_decode')");
        if (decoded != changes) {
            throw new IllegalStateException("PostgreSQL decoded " + decoded + " row changes, not " + changes);
        }
        System.out.printf("capture: PostgreSQL decoding alone (pgoutput, %,d bytes of WAL): %.2f s, %,.0f"
                + " changes/s (baseline)%n", wal, elapsed, changes / elapsed);
        return changes / elapsed;
    }

    private double captureAlone() throws Exception {
        long before = records(rawTopic);
        long started = System.nanoTime();
        Cpu cpu = Cpu.sample(null, null);
        connect.resume(plan.name());
        await("the raw topic holds the backlog", Duration.ofMinutes(30),
                () -> records(rawTopic) - before >= changes);
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.printf("capture: Debezium into Kafka (resume → %,d records on %s): %.2f s, %,.0f changes/s%n",
                changes, rawTopic, elapsed, changes / elapsed);
        System.out.println("capture: " + Cpu.sample(null, null).since(cpu, changes));
        // left running until the next backlog: a stopped slot keeps all the server's WAL
        return changes / elapsed;
    }

    private void stopConnector() {
        connect.stop(plan.name());
        await(plan.name() + " STOPPED", Duration.ofSeconds(60),
                () -> connect.status(plan.name()).map(st -> st.state() == ConnectorState.STOPPED).orElse(false));
    }

    // ---------------------------------------------------------------------------------------------- apply

    /** A second component, own database and consumer group, applying the domain topic's events from the start. */
    private double kitApply() throws Exception {
        components.createDatabase("bench_kit");
        try (ChildJvm kit = startComponent("bench_kit", "bench-kit")) {
            await("bench-kit applies its first event", Duration.ofMinutes(2),
                    () -> firstApplied(kit) > 0);
            Cpu cpu = Cpu.sample(null, kit);
            awaitApplied("bench_kit", 1, changes / 2, Duration.ofMinutes(30));
            double elapsed = (System.currentTimeMillis() - firstApplied(kit)) / 1000.0;
            System.out.printf("apply: component kit (customer-status, %,d events of %s into a fresh database):"
                    + " %.2f s, %,.0f events/s%n", changes, sample.domainTopic, elapsed, changes / elapsed);
            System.out.println("apply: kit: " + Cpu.sample(null, kit).since(cpu, changes) + " (from its first"
                    + " applied event on)");
            return changes / elapsed;
        }
    }

    /** The same events as rows, upserted into the same table with plain JDBC batches (1,000 a commit). */
    private double jdbcUpsert() throws SQLException {
        List<Row> rows = domainRows();
        if (rows.size() != changes) {
            throw new IllegalStateException(sample.domainTopic + " holds " + rows.size() + " events, not " + changes);
        }
        components.createDatabase("bench_jdbc");
        DataSource db = components.dataSource("bench_jdbc");
        SchemaMigration.migrate(db, "bench_jdbc");
        long started = System.nanoTime();
        Cpu cpu = Cpu.sample(null, null);
        Cpu end;
        try (java.sql.Connection c = db.getConnection(); PreparedStatement upsert = c.prepareStatement("""
                insert into customer_status (customer_id, status, removed, position, last_event_id, legacy_commit_time,
                    applied_at) values (?, ?, false, ?, ?, ?, now())
                on conflict (customer_id) do update set status = excluded.status, removed = excluded.removed,
                    position = excluded.position, last_event_id = excluded.last_event_id,
                    legacy_commit_time = excluded.legacy_commit_time, applied_at = excluded.applied_at""")) {
            c.setAutoCommit(false);
            int inBatch = 0;
            for (Row row : rows) {
                upsert.setLong(1, row.customerId());
                upsert.setString(2, row.status());
                upsert.setString(3, row.position());
                upsert.setString(4, row.eventId());
                upsert.setTimestamp(5, Timestamp.from(row.commitTime()));
                upsert.addBatch();
                if (++inBatch == 1_000) {
                    upsert.executeBatch();
                    c.commit();
                    inBatch = 0;
                }
            }
            upsert.executeBatch();
            c.commit();
            end = Cpu.sample(null, null); // before the connection closes: its server process ends with it
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long active = longQuery(db, "select count(*) from customer_status where status = 'ACTIVE'");
        if (active != changes / 2) {
            throw new IllegalStateException("plain JDBC left " + active + " active customers, not " + changes / 2);
        }
        System.out.printf("apply: plain JDBC batch upsert (the same %,d rows, same table, 1,000 a batch and commit):"
                + " %.2f s, %,.0f rows/s (baseline)%n", changes, elapsed, changes / elapsed);
        System.out.println("apply: plain JDBC: " + end.since(cpu, changes)
                + " (this JVM: the upserting thread)");
        return changes / elapsed;
    }

    private record Row(long customerId, String status, String position, String eventId, Instant commitTime) {
    }

    /** Every event of the domain topic as the row customer-status keeps for it, partition after partition. */
    private List<Row> domainRows() {
        List<Row> rows = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("bench-read-" + UUID.randomUUID())) {
            List<TopicPartition> partitions = consumer.partitionsFor(sample.domainTopic).stream()
                    .map(p -> new TopicPartition(sample.domainTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (Long.parseLong(header(r, "ce_subject")) == keeperCustomer()) {
                        continue;
                    }
                    JsonNode data = JSON.readTree(r.value());
                    rows.add(new Row(Long.parseLong(header(r, "ce_subject")), data.path("state").path("status")
                            .asText(), header(r, "ce_ficusposition"), header(r, "ce_id"),
                            Instant.parse(header(r, "ce_time"))));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable event on " + sample.domainTopic + ": " + e.getMessage(), e);
        }
        return rows;
    }

    // ---------------------------------------------------------------------------------------------- sustained

    private void sustained() throws Exception {
        List<Integer> rates = new ArrayList<>(List.of(1_000, 5_000));
        int highestHeld = 0;
        long cursor = 1;
        for (int i = 0; i < rates.size(); i++) {
            int rate = rates.get(i);
            Step step = step(rate, cursor);
            cursor = step.nextCustomer();
            System.out.printf("sustained %,d changes/s for %d s: writer %,.0f/s; commit → applied p50 %d ms, p99 %d ms"
                            + " (%,d changes); commit → raw topic p50 %d ms, p99 %d ms (%,d sampled) — %s%n", rate,
                    STEP.toSeconds(), step.achieved(), step.appliedP50(), step.appliedP99(), step.measured(),
                    step.rawP50(), step.rawP99(), step.rawSamples(), step.held() ? "held" : "not held");
            if (step.held()) {
                highestHeld = rate;
                if (i == rates.size() - 1 && rate < MAX_RATE) {
                    rates.add(rate + 2_500);
                }
            }
        }
        System.out.printf("sustained: highest rate held for %d s: %,d changes/s (held: the writer reached ≥ 97 %% of"
                + " it and commit → applied p99 ≤ %d ms)%n", STEP.toSeconds(), highestHeld, HELD_P99.toMillis());
    }

    private record Step(double achieved, long appliedP50, long appliedP99, long measured, long rawP50, long rawP99,
                        long rawSamples, boolean held, long nextCustomer) {
    }

    private Step step(int rate, long firstCustomer) throws Exception {
        RawLatency raw = new RawLatency();
        raw.start();
        Writer writer = new Writer(rate, firstCustomer);
        Instant from = Instant.now();
        writer.run(STEP);
        Instant to = Instant.now();
        raw.stop();
        long touched = Math.min(writer.rows(), changes);
        Timestamp since = Timestamp.from(from.minusMillis(500));
        // drained: every customer the step touched carries a commit time of the step
        await("the component applies the step's changes", Duration.ofMinutes(5), () -> longQuery(
                components.dataSource(sample.componentDatabase), "select count(*) from customer_status where"
                        + " legacy_commit_time >= '" + since + "'") >= touched);
        DataSource db = components.dataSource(sample.componentDatabase);
        String window = "legacy_commit_time >= '" + Timestamp.from(from.plus(WARM_UP)) + "' and legacy_commit_time"
                + " < '" + Timestamp.from(to) + "'";
        long measured;
        long p50;
        long p99;
        try (java.sql.Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*), percentile_disc(0.5) within group (order by ms),"
                     + " percentile_disc(0.99) within group (order by ms) from (select extract(epoch from"
                     + " applied_at - legacy_commit_time) * 1000 as ms from customer_status where " + window + ") x")) {
            rs.next();
            measured = rs.getLong(1);
            p50 = Math.round(rs.getDouble(2));
            p99 = Math.round(rs.getDouble(3));
        }
        double achieved = writer.rows() * 1000.0 / Duration.between(from, to).toMillis();
        boolean held = achieved >= 0.97 * rate && p99 <= HELD_P99.toMillis();
        return new Step(achieved, p50, p99, measured, raw.histogram.getValueAtPercentile(50),
                raw.histogram.getValueAtPercentile(99), raw.histogram.getTotalCount(), held, writer.next);
    }

    /**
     * The legacy application at a fixed rate: every 10 ms one transaction flips the status (ACTIVE ↔ PROSPECT) of the
     * next customers, as many as keep the rate; customers in id order, each once until all were touched.
     */
    private final class Writer {
        private final int rate;
        private long next;
        private long rows;

        Writer(int rate, long firstCustomer) {
            this.rate = rate;
            this.next = firstCustomer;
        }

        long rows() {
            return rows;
        }

        /** Writes at the rate for {@code length}; may be called again (the rate holds per call). */
        void run(Duration length) throws SQLException {
            long start = System.nanoTime();
            long end = start + length.toNanos();
            long tick = Duration.ofMillis(10).toNanos();
            long before = rows;
            try (java.sql.Connection c = legacy.getConnection(); Statement st = c.createStatement()) {
                for (long deadline = start + tick; deadline <= end; deadline += tick) {
                    long due = (long) ((double) (deadline - start) / 1e9 * rate) - (rows - before);
                    if (due > 0) {
                        long last = Math.min(changes, next + due - 1);
                        st.execute(sample.flipRoots(next, last));
                        rows += last - next + 1;
                        next = last == changes ? 1 : last + 1;
                    }
                    LockSupport.parkNanos(deadline - System.nanoTime()); // pacing the writer, not a wait
                }
            }
        }
    }

    /** Commit (Debezium's {@code source.ts_ms}) → the record readable on the raw topic, every 8th record. */
    private final class RawLatency {
        final Histogram histogram = new Histogram(60_000, 3);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::consume, "bench-raw-latency");
        private final java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(1);

        void start() throws InterruptedException {
            thread.start();
            assigned.await();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        private void consume() {
            Properties extra = new Properties();
            extra.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
            try (KafkaConsumer<byte[], byte[]> consumer = consumer("bench-raw-" + UUID.randomUUID(), extra)) {
                List<TopicPartition> partitions = consumer.partitionsFor(rawTopic).stream()
                        .map(p -> new TopicPartition(rawTopic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                assigned.countDown();
                long seen = 0;
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        if (seen++ % 8 == 0) {
                            long commit = sourceTsMs(r.value());
                            if (commit > 0) {
                                histogram.recordValue(Math.max(0, Math.min(59_999,
                                        System.currentTimeMillis() - commit)));
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code source.ts_ms} of a Debezium JSON envelope (schemas disabled), without parsing the whole record. */
    static long sourceTsMs(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        int source = text.indexOf("\"source\":{");
        int ts = source < 0 ? -1 : text.indexOf("\"ts_ms\":", source);
        if (ts < 0) {
            return -1;
        }
        int from = ts + "\"ts_ms\":".length();
        int to = from;
        while (to < text.length() && Character.isDigit(text.charAt(to))) {
            to++;
        }
        return to > from ? Long.parseLong(text.substring(from, to)) : -1;
    }

    // ---------------------------------------------------------------------------------------------- restart

    private void restart() throws Exception {
        Writer trickle = new Writer(200, 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                try {
                    trickle.run(Duration.ofSeconds(1));
                } catch (SQLException e) {
                    System.out.println("restart: the legacy writer stopped: " + e.getMessage());
                    return;
                }
            }
        }, "bench-trickle");
        writer.start();
        try {
            layer.stop(Duration.ofSeconds(60));
            System.out.printf("restart: the layer stopped with SIGTERM (it commits and leaves the group); started"
                    + " again on its state: first translated record %.1f s after its start%n", timeToFirstEvent(null));
            layer.kill();
            System.out.printf("restart: the layer killed with SIGKILL (its member stays in the group until its session"
                    + " times out); started again on its state: first translated record %.1f s after its start%n",
                    timeToFirstEvent(null));
            layer.stop(Duration.ofSeconds(60));
            timeToFirstEvent("bench-acl-1"); // from now on a static member
            layer.kill();
            System.out.printf("restart: the layer killed with SIGKILL, static membership (--instance-id); started"
                    + " again under the same name on its state: first translated record %.1f s after its start%n",
                    timeToFirstEvent("bench-acl-1"));
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    /** Starts the layer again; seconds from its start until a record it translated is readable on the domain topic. */
    private double timeToFirstEvent(String instanceId) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("bench-restart-" + UUID.randomUUID())) {
            List<TopicPartition> partitions = consumer.partitionsFor(sample.domainTopic).stream()
                    .map(p -> new TopicPartition(sample.domainTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long started = System.nanoTime();
            startLayer(instanceId);
            while (consumer.poll(Duration.ofMillis(20)).isEmpty()) {
                if (System.nanoTime() - started > Duration.ofMinutes(3).toNanos()) {
                    throw new IllegalStateException("the restarted layer translated nothing in 3 minutes: "
                            + layer.tail(20));
                }
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }

    // ---------------------------------------------------------------------------------------------- processes

    private void startLayer() {
        startLayer(null);
    }

    /** {@code ficus acl run} in its own JVM; with {@code instanceId}, a static member of the group under that name. */
    private void startLayer(String instanceId) {
        int n = ++layerStarts;
        List<String> args = new ArrayList<>(List.of("acl", "run", "--spec", specFile.toString(), "--source",
                plan.source(), "--bootstrap-servers", sandbox.bootstrapServers(), "--application-id", "bench-acl",
                "--state-dir", work.resolve("acl-state").toString(), "--metrics-port", "0"));
        if (instanceId != null) {
            args.addAll(List.of("--instance-id", instanceId));
        }
        layer = ChildJvm.start("acl-" + n, work.resolve("logs/acl-" + n + ".out"),
                childJvmArgs("acl-" + n), Map.of(), "ficus.cli.Ficus", args);
    }

    private ChildJvm startComponent(String database, String group) {
        return ChildJvm.start(group, work.resolve("logs/" + group + ".out"), childJvmArgs(group),
                Map.of("FICUS_BENCH_DB_PASSWORD", components.password()), ComponentMain.class.getName(),
                List.of(sample.name().toLowerCase(Locale.ROOT), sandbox.bootstrapServers(),
                        components.jdbcUrl(database), components.user(), group, sample.domainTopic));
    }

    /** The children's flags: {@value #HEAP}, their logging, and {@code -Dficus.bench.child-opts=...} (e.g. JFR). */
    private List<String> childJvmArgs(String name) {
        List<String> args = new ArrayList<>(List.of(HEAP, "-Dlogback.configurationFile=" + childLogback,
                "-Dficus.log.file=" + work.resolve("logs/" + name + ".log")));
        String extra = System.getProperty("ficus.bench.child-opts", "").replace("{name}", name);
        if (!extra.isBlank()) {
            args.addAll(List.of(extra.trim().split("\\s+")));
        }
        return args;
    }

    private long firstApplied(ChildJvm jvm) {
        try {
            return Files.readAllLines(work.resolve("logs/" + jvm.name() + ".out")).stream()
                    .filter(l -> l.startsWith(ComponentMain.FIRST_APPLIED))
                    .mapToLong(l -> Long.parseLong(l.substring(ComponentMain.FIRST_APPLIED.length()).trim()))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Waits until the component's {@code database} holds roots {@code first..last} in the backlog's final state. */
    private void awaitApplied(String database, long first, long last, Duration atMost) {
        DataSource db = components.dataSource(database);
        long expected = last - first + 1;
        await(database + " has rows " + first + ".." + last + " applied", atMost, () -> {
            if (!layer.alive() || !component.alive()) {
                throw new IllegalStateException("a pipeline process exited: " + layer + ", " + component);
            }
            if (longQuery(legacy, "select count(*) from pg_replication_slots where slot_name = '" + plan.slotName()
                    + "' and wal_status = 'lost'") > 0) {
                throw new IllegalStateException("the slot " + plan.slotName() + " lost its WAL (more than"
                        + " max_slot_wal_keep_size written while the connector was stopped): the capture cannot go on");
            }
            return longQuery(db, sample.appliedQuery(first, last)) == expected;
        });
    }

    // ---------------------------------------------------------------------------------------------- CPU

    /**
     * CPU time (from {@code /proc}, in seconds) of the machine and of each part at one moment: this JVM (the broker,
     * Connect with Debezium, and this benchmark's own polling), the layer's and the component's JVMs, and every
     * PostgreSQL process. Two samples give where a phase's CPU went, which tells what bound it on the 2 shared cores.
     */
    private record Cpu(long nanos, double machineBusy, double bench, double layer, double component,
                       double postgres) {

        static Cpu sample(ChildJvm layer, ChildJvm component) {
            return new Cpu(System.nanoTime(), readMachineBusy(), processSeconds(ProcessHandle.current().pid()),
                    layer == null ? 0 : processSeconds(layer.pid()),
                    component == null ? 0 : processSeconds(component.pid()), postgresSeconds());
        }

        /** "machine 1.9 of 2 cores busy; CPU per change: Connect+broker 21 µs, layer 30 µs, ..." since {@code from}. */
        String since(Cpu from, long changes) {
            double wall = (nanos - from.nanos) / 1e9;
            return String.format(Locale.ROOT, "machine %.2f of %d cores busy; CPU µs per change: this JVM (broker,"
                            + " Connect) %.0f, layer %.0f, component %.0f, PostgreSQL %.0f",
                    (machineBusy - from.machineBusy) / wall, Runtime.getRuntime().availableProcessors(),
                    perChange(bench - from.bench, changes), perChange(layer - from.layer, changes),
                    perChange(component - from.component, changes), perChange(postgres - from.postgres, changes));
        }

        private static double perChange(double seconds, long changes) {
            return seconds * 1e6 / changes;
        }

        private static final double TICK = 100.0; // USER_HZ

        private static double readMachineBusy() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
                long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7]) + Long.parseLong(f[8]);
                return busy / TICK;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        private static double processSeconds(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK; // utime, stime
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        private static double postgresSeconds() {
            double total = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .toList()) {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        if (stat.contains("(postgres)")) {
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK;
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended while listed
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return total;
        }
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        return consumer(group, new Properties());
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group, Properties extra) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.putAll(extra);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        if (h == null) {
            throw new IllegalStateException("event at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " has no " + name);
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Records on the topic (the sum of its end offsets); 0 until it exists. */
    private long records(String topic) throws Exception {
        if (!admin.listTopics().names().get().contains(topic)) {
            return 0;
        }
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
    }

    @FunctionalInterface
    private interface Check {
        boolean done() throws Exception;
    }

    /** Polls {@code check} every 100 ms (a measurement's end, read off the outside), up to {@code atMost}. */
    private static void await(String what, Duration atMost, Check check) {
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            while (!check.done()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not reached in " + atMost + ": " + what);
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private void close() {
        if (component != null) {
            component.close();
        }
        if (layer != null) {
            layer.close();
        }
        admin.close();
    }

    private static String resourceText(String name) throws IOException {
        try (InputStream in = PipelineBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void execute(DataSource ds, String... statements) throws SQLException {
        try (java.sql.Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static long longQuery(DataSource ds, String sql) throws SQLException {
        try (java.sql.Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
