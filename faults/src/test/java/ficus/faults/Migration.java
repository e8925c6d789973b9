package ficus.faults;

import static org.awaitility.Awaitility.await;

import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.connect.ConnectorState;
import ficus.connectors.connect.ConnectorStatus;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.deploy.DeployOptions;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.migration.reconcile.QuickReconciliation;
import ficus.migration.reconcile.ReadModel;
import ficus.migration.reconcile.ReadModelLoader;
import ficus.migration.reconcile.ReconciliationReport;
import ficus.sandbox.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A sample migrated as a team runs it ({@link FaultSample}), every part a process of its own so a case can kill it:
 * PostgreSQL with the sample's legacy database, the broker, Kafka Connect workers running the sample's capture plan
 * (deployed through the REST API), the anti-corruption layer ({@code ficus acl run} with the sample's YAML spec) and
 * the sample's component in its own database. The legacy workload writes from this JVM.
 */
final class Migration implements AutoCloseable {

    final FaultSample sample;
    final Path work;
    final PostgresNode postgres;
    Broker broker;
    final List<ConnectWorkerNode> workers = new ArrayList<>();
    final DataSource legacy;
    final DataSource component;
    final CapturePlan plan;
    final TranslationSpec spec;
    final ReadModel model;
    private final Path specFile;
    private final List<ChildJvm> layers = new ArrayList<>();
    private ChildJvm componentJvm;
    private FaultSample.Workload workload;
    private int started;

    private Migration(FaultSample sample, Path work, int size, int connectWorkers) throws Exception {
        this.sample = sample;
        this.work = work;
        this.model = ReadModelLoader.loadResource(sample.readModelResource);
        Files.createDirectories(work.resolve("logs"));
        this.postgres = new PostgresNode(work);
        this.legacy = sample.install(postgres, size);
        postgres.createDatabase(sample.componentDatabase);
        this.component = postgres.dataSource(sample.componentDatabase);
        Path secrets = work.resolve("secrets");
        Files.createDirectories(secrets);
        Path secretsFile = secrets.resolve("legacy.properties");
        Files.writeString(secretsFile, "legacy.password=" + PostgresNode.PASSWORD + "\n");
        this.plan = sample.plan().withConnection(
                new Connection("127.0.0.1", postgres.port(), sample.database, PostgresNode.USER,
                        new SecretRef.File(secretsFile.toString(), "legacy.password")));
        this.specFile = work.resolve("spec.yaml");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(sample.specResource)) {
            Files.write(specFile, in.readAllBytes());
        }
        this.spec = TranslationSpecLoader.load(specFile);
        try {
            this.broker = new Broker(work);
            broker.start();
            for (int i = 0; i < connectWorkers; i++) {
                workers.add(new ConnectWorkerNode("connect-" + (i + 1), work, broker.bootstrapServers(), secrets)
                        .start());
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The stack, the connector deployed and RUNNING, one layer instance and the component consuming. */
    static Migration start(FaultSample sample, String name, int size, int connectWorkers) throws Exception {
        Path work = Path.of("target", "faults", sample.name().toLowerCase() + "-" + name + "-"
                + Long.toString(System.nanoTime(), 36)).toAbsolutePath();
        Migration m = new Migration(sample, work, size, connectWorkers);
        try {
            new ConnectorDeployer(m.connect()).withLegacyDataSource(m.legacy).deploy(m.plan, DeployOptions.defaults());
            m.startLayer();
            m.startComponent();
            return m;
        } catch (Exception | Error e) {
            m.close();
            throw e;
        }
    }

    /** The capture plan as a file, as a platform team keeps it: the sample's plan pointed at this stack's server. */
    Path planFile() {
        Path file = work.resolve("plan.yaml");
        if (!Files.exists(file)) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(sample.planResource)) {
                String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("  host: localhost\n", "  host: 127.0.0.1\n")
                        .replace("  port: 5432\n", "  port: " + postgres.port() + "\n")
                        .replaceFirst("(?m)^  password: .*$", "  password: \"" + java.util.regex.Matcher
                                .quoteReplacement(plan.connection().password().reference()) + "\"");
                Files.writeString(file, yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!new CapturePlanLoader().load(file).equals(plan)) {
                throw new IllegalStateException("the plan file " + file + " is not the plan this stack runs");
            }
        }
        return file;
    }

    /** A client of the first live worker (any worker of the group answers for the cluster). */
    ConnectClient connect() {
        return ConnectClient.of(workers.stream().filter(ConnectWorkerNode::alive).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Connect worker alive")).url());
    }

    ConnectorStatus connectorStatus() {
        return connect().status(plan.name()).orElseThrow();
    }

    /** Waits until the connector and its task run (on any worker); returns that status. */
    ConnectorStatus awaitCaptureRunning(Duration atMost) {
        return awaitCaptureRunning(atMost, worker -> true);
    }

    /**
     * Waits until the connector and its task run on a worker {@code where} accepts (Connect's status is what the
     * group last wrote: a killed worker's task reads RUNNING until the group has rebalanced).
     */
    ConnectorStatus awaitCaptureRunning(Duration atMost, java.util.function.Predicate<String> where) {
        AtomicReference<ConnectorStatus> last = new AtomicReference<>();
        await("connector " + plan.name() + " and its task RUNNING").atMost(atMost).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    last.set(connectorStatus());
                    return last.get().isRunning() && !last.get().tasks().isEmpty()
                            && last.get().tasks().stream().allMatch(t -> t.state() == ConnectorState.RUNNING
                            && where.test(t.workerId()));
                });
        return last.get();
    }

    /** Starts one more layer instance (same application id: instances share the partitions). */
    ChildJvm startLayer() {
        int n = ++started;
        ChildJvm layer = FaultJvm.start("acl-" + n, work.resolve("logs/acl-" + n + ".out"),
                List.of("-Dficus.log.file=" + work.resolve("logs/acl-" + n + ".log")), Map.of(),
                "ficus.cli.Ficus", List.of("acl", "run", "--spec", specFile.toString(), "--source", plan.source(),
                        "--bootstrap-servers", broker.bootstrapServers(), "--application-id",
                        "faults-acl-" + sample.name().toLowerCase(),
                        "--state-dir", work.resolve("acl-state-" + n).toString(), "--report-every", "5s",
                        // several instances on one machine: each its own free metrics port, not all the default
                        "--metrics-port", "0"));
        layers.add(layer);
        return layer;
    }

    List<ChildJvm> layers() {
        return layers;
    }

    ChildJvm startComponent() {
        componentJvm = FaultJvm.start(sample.componentName, work.resolve("logs/" + sample.componentName + ".log"),
                List.of(), Map.of(), ComponentMain.class.getName(), List.of(sample.name(), broker.bootstrapServers(),
                        sample.domainTopic, postgres.jdbcUrl(sample.componentDatabase), PostgresNode.USER,
                        PostgresNode.PASSWORD));
        return componentJvm;
    }

    ChildJvm component() {
        return componentJvm;
    }

    /** The legacy application writing at {@code opsPerSecond} until {@link #stopWorkload()}. */
    FaultSample.Workload startWorkload(double opsPerSecond, int seeded) {
        workload = sample.workload(legacy, opsPerSecond, seeded);
        return workload;
    }

    FaultSample.Workload workload() {
        return workload;
    }

    /** Waits until the workload has done {@code more} operations beyond what it had done when called. */
    void awaitWorkloadProgress(long more) {
        long from = workload.operationCount();
        await("the legacy workload, " + more + " more operations").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200)).until(() -> workload.operationCount() >= from + more);
    }

    void stopWorkload() {
        workload.stop();
    }

    /** Events the component applied (rows of its inbox). */
    long applied() {
        return longQuery(component, "select count(*) from applied_event");
    }

    /** Waits until the component has applied at least {@code count} events. */
    void awaitApplied(long count, Duration atMost) {
        await(sample.componentName + " applied " + count + " events").atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> applied() >= count);
    }

    /**
     * What a case ends with: the component's read model reconciled against legacy with no drift, and its inbox holding
     * exactly the domain topic's events, each once.
     */
    record Outcome(ReconciliationReport report, Set<String> published, long inboxRows, Set<String> inboxIds,
                   long deadLetters, Duration converged) {

        boolean eachEventAppliedOnce() {
            return inboxRows == inboxIds.size() && inboxIds.equals(published);
        }

        @Override
        public String toString() {
            return report.summary() + "; " + published.size() + " events published, " + inboxRows + " applied ("
                    + inboxIds.size() + " distinct), " + deadLetters + " dead letters, converged in "
                    + converged.toMillis() + " ms";
        }
    }

    /** Waits until legacy and the component agree (drift 0), then reads the inbox and the domain topic. */
    Outcome awaitConverged(Duration atMost) {
        Instant from = Instant.now();
        AtomicReference<ReconciliationReport> last = new AtomicReference<>();
        try {
            await("reconcile drift 0").atMost(atMost).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> {
                        last.set(new QuickReconciliation(legacy, component, spec, model).run());
                        return last.get().drift() == 0;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no convergence: " + (last.get() == null ? "no reconciliation ran"
                    : last.get().summary()) + "; " + dumpThreads(), e);
        }
        Duration converged = Duration.between(from, Instant.now());
        AtomicReference<Set<String>> published = new AtomicReference<>();
        // the component applies what the topic holds; wait until its inbox has caught up with the last events
        try {
            await("the inbox holds every published event").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        published.set(eventIds(sample.domainTopic));
                        return inboxIds().containsAll(published.get());
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(missingFromInbox() + "; " + dumpThreads(), e);
        }
        return new Outcome(last.get(), published.get(), applied(), inboxIds(), records(sample.deadLetterTopic).size(),
                converged);
    }

    /** Thread dumps of the component and the layers, for a case that did not converge. */
    private String dumpThreads() {
        List<String> dumps = new ArrayList<>();
        if (componentJvm != null) {
            dumps.add(componentJvm.dumpThreads().toString());
        }
        layers.forEach(l -> dumps.add(l.dumpThreads().toString()));
        return "thread dumps: " + String.join(", ", dumps);
    }

    /** Which published events the inbox lacks, with what the component holds for their aggregates. */
    private String missingFromInbox() {
        Set<String> inbox = inboxIds();
        List<String> missing = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records(sample.domainTopic)) {
            String id = header(record, "ce_id");
            if (id != null && !inbox.contains(id)) {
                String subject = header(record, "ce_subject");
                missing.add(header(record, "ce_type") + " " + subject + " " + header(record, "ce_ficusposition")
                        + " id " + id + " @" + record.partition() + ":" + record.offset() + " (component: "
                        + stringQuery(component, "select coalesce(max(position) || ' ' || max(event_id), 'nothing')"
                        + " from ficus_applied_position where aggregate_id = '" + subject + "'") + ")");
            }
        }
        return missing.size() + " published events not in the component's inbox (" + inbox.size() + " rows): "
                + String.join("; ", missing.subList(0, Math.min(10, missing.size())));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static String stringQuery(DataSource ds, String sql) {
        try (java.sql.Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    Set<String> inboxIds() {
        Set<String> ids = new HashSet<>();
        try (java.sql.Connection c = component.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select event_id from applied_event")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return ids;
    }

    /** The {@code ce_id} of every committed event on the topic. */
    Set<String> eventIds(String topic) {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records(topic)) {
            Header id = record.headers().lastHeader("ce_id");
            if (id != null) {
                ids.add(new String(id.value(), StandardCharsets.UTF_8));
            }
        }
        return ids;
    }

    /** Every committed record of the topic, from the beginning to its end as of now. */
    List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-scan-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return all;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 60 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }

    static void execute(DataSource ds, String... statements) {
        try (java.sql.Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static long longQuery(DataSource ds, String sql) {
        try (java.sql.Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (workload != null) {
            workload.close();
        }
        if (componentJvm != null) {
            componentJvm.close();
        }
        layers.forEach(ChildJvm::close);
        workers.forEach(ConnectWorkerNode::close);
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
