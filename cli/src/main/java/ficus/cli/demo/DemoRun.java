package ficus.cli.demo;

import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.AntiCorruptionLayer;
import ficus.acl.watch.RateDropWatch;
import ficus.cli.metrics.ConnectJmxMetrics;
import ficus.cli.metrics.MetricsEndpoint;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.deploy.DeployResult;
import ficus.connectors.plan.CapturePlan;
import ficus.core.FicusException;
import ficus.migration.reconcile.QuickReconciliation;
import ficus.migration.reconcile.ReconciliationReport;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * One demo run over a sandbox: load a sample legacy system, start the anti-corruption layer on its translation spec
 * and its component, deploy its connector, run its workload, then drain and reconcile against the component's read
 * model. The pieces are the real modules, wired as an operator would; the sample ({@link DemoSample}) says which.
 */
public final class DemoRun {

    private static final Logger log = LoggerFactory.getLogger(DemoRun.class);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration SETTLED = Duration.ofSeconds(1);
    /** The demo is short: the rate watch judges 5 s windows (its first judgement after 30 s of streamed events). */
    static final RateDropWatch.Settings RATE_WATCH = RateDropWatch.Settings.defaults().withWindow(Duration.ofSeconds(5));

    private final DemoOptions options;
    private final Sandbox sandbox;
    private final Progress progress;
    private final Instant started;
    private final MetricsEndpoint metrics;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** When the connector was RUNNING; null before. */
    private volatile Instant connectorRunning;
    private volatile Duration snapshotCatchUp;

    DemoRun(DemoOptions options, Sandbox sandbox, Progress progress, Instant started, MetricsEndpoint metrics) {
        this.options = options;
        this.sandbox = sandbox;
        this.progress = progress;
        this.started = started;
        this.metrics = metrics;
    }

    /**
     * Binds the metrics endpoint (a port in use fails here, before anything starts), starts a sandbox in the options'
     * work directory, runs the demo on it, stops it.
     */
    public static DemoSummary withOwnSandbox(DemoOptions options, Progress progress) {
        Instant started = Instant.now();
        try (MetricsEndpoint metrics = startMetrics(options)) {
            progress.step("demo: starting PostgreSQL, Kafka (KRaft) and Kafka Connect in " + options.workDir());
            SandboxConfig config = new SandboxConfig(options.workDir(), 3, options.clean());
            try (Sandbox sandbox = Sandbox.start(config)) {
                progress.step("sandbox: postgres 127.0.0.1:" + sandbox.postgres().port() + " · kafka "
                        + sandbox.bootstrapServers() + " · connect " + sandbox.connectUrl() + " (" + since(started)
                        + ")");
                return new DemoRun(options, sandbox, progress, started, metrics).run();
            }
        }
    }

    /** Runs the demo on a sandbox someone else started (tests do). */
    public static DemoSummary onSandbox(DemoOptions options, Sandbox sandbox, Progress progress) {
        try (MetricsEndpoint metrics = startMetrics(options)) {
            return new DemoRun(options, sandbox, progress, Instant.now(), metrics).run();
        }
    }

    private static MetricsEndpoint startMetrics(DemoOptions options) {
        return MetricsEndpoint.start("127.0.0.1", options.metricsPort(), "--metrics-port");
    }

    /** Ends the workload phase early, as Ctrl-C does. */
    public void requestStop() {
        stopRequested.countDown();
    }

    DemoSummary run() {
        progress.step("metrics: " + metrics.url() + " (Prometheus: the layer's, the component's, Debezium's and "
                + "Kafka Connect's, the JVM's)");
        DemoSample sample = options.sample();
        DataSource legacy = sample.install(sandbox, options.customers());
        progress.step("legacy: sample " + sample.code + " loaded, " + options.customers() + " " + sample.rows + " ("
                + since(started) + ")");

        sandbox.postgres().createDatabase(sample.componentDatabase);
        FreshnessMeter freshness = new FreshnessMeter();
        CapturePlan plan = sample.plan(sandbox);
        AclSettings aclSettings = AclSettings.of(sandbox.bootstrapServers(),
                options.workDir().toAbsolutePath().resolve("acl-state"), sample.spec, plan.source());

        try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(aclSettings, metrics.registry(), RATE_WATCH);
             DemoSample.Component component = sample.startComponent(sandbox, aclSettings.domainTopic(), freshness,
                     metrics.registry());
             PipelineLag lag = new PipelineLag(sandbox.bootstrapServers())) {
            progress.step("acl: translating " + aclSettings.rawTopic() + " → " + aclSettings.domainTopic()
                    + " (dead letters → " + aclSettings.deadLetterTopic() + ")");
            progress.step(component.consumerGroup() + ": own database '" + sample.componentDatabase + "', "
                    + component.where());

            DeployResult deployed = ConnectorDeployer.deploy(plan, sandbox.connectUrl());
            progress.step("connector: " + deployed.connector() + " " + deployed.outcome().name().toLowerCase()
                    + " via PUT " + sandbox.connectUrl() + "/connectors/" + deployed.connector()
                    + "/config, RUNNING (" + since(started) + ")");
            connectorRunning = Instant.now();
            ConnectJmxMetrics connect = new ConnectJmxMetrics("postgres", plan.source(), deployed.connector())
                    .bindTo(metrics.registry());

            Figures figures = new Figures(plan.topics(), acl, component, freshness, lag, connect);
            try (DemoSample.Workload workload = sample.workload(legacy, options.rate(), options.customers())) {
                workload.start().run();
                progress.step("workload: legacy application writing at " + options.rate() + " operations/s"
                        + (options.duration() == null ? " until Ctrl-C" : " for " + options.duration()));
                runWorkloadPhase(figures, workload);
                workload.stop().run();
                progress.step("workload: stopped after " + workload.operations().getAsLong() + " operations ("
                        + workload.rowsChanged().getAsLong() + " rows changed); draining the pipeline");
            }

            QuickReconciliation reconciliation = new QuickReconciliation(legacy,
                    sandbox.postgres().dataSource(sample.componentDatabase), aclSettings.spec(), sample.readModel());
            ReconciliationReport report = drainAndReconcile(figures, lag, aclSettings.applicationId(),
                    reconciliation);
            progress.step(report.summary());
            progress.step("demo: freshness of live changes (committed after catch-up): p50 " + freshness.liveP50()
                    + " ms, p99 " + freshness.liveP99() + " ms over " + freshness.liveSamples() + " changes; of all "
                    + freshness.samples() + " streamed changes: p50 " + freshness.p50() + " ms, p99 "
                    + freshness.p99() + " ms");
            if (snapshotCatchUp == null) {
                progress.step("demo: snapshot catch-up not measured: the pipeline had not applied the initial "
                        + "snapshot when the workload ended (a longer --duration measures it)");
            }
            DemoSummary summary = new DemoSummary(figures.captured(), acl.metrics().emitted(),
                    component.appliedCount(), acl.metrics().deadLettered(), freshness.p50(), freshness.p99(),
                    snapshotCatchUp == null ? -1 : snapshotCatchUp.toMillis(), report);
            progress.step(summary.line());
            return summary;
        } catch (FicusException e) {
            throw e;
        } catch (Exception e) {
            throw new FicusException.OperationFailed("demo: " + e.getMessage(), e);
        }
    }

    private void runWorkloadPhase(Figures figures, DemoSample.Workload workload) {
        Instant end = options.duration() == null ? Instant.MAX : Instant.now().plus(options.duration());
        SignalHandler previous = interceptCtrlC();
        boolean firstReported = false;
        Set<String> flagged = new LinkedHashSet<>();
        try {
            while (Instant.now().isBefore(end)) {
                if (stopRequested.await(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                    progress.step("demo: Ctrl-C — stopping the workload, then draining and reconciling"
                            + " (Ctrl-C again to abort)");
                    break;
                }
                if (!firstReported && figures.freshness.firstApplied() != null) {
                    firstReported = true;
                    progress.step("demo: first event translated and applied "
                            + Duration.between(started, figures.freshness.firstApplied()).toMillis() / 1000.0
                            + " s after start");
                }
                if (firstReported && !figures.freshness.caughtUp() && figures.caughtUp()) {
                    caughtUp(figures, Instant.now(), "");
                }
                reportRateDrops(figures, flagged);
                progress.live(figures.line() + " · workload " + workload.operations().getAsLong() + " ops · "
                        + since(started));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            restoreCtrlC(previous);
        }
    }

    /** The initial snapshot has been applied by the component: report the catch-up, count live freshness from now. */
    private void caughtUp(Figures figures, Instant now, String note) {
        figures.freshness.markCaughtUp(now);
        snapshotCatchUp = Duration.between(connectorRunning, now);
        String rows = figures.connect.snapshotRowsScanned().stream()
                .mapToObj(r -> String.format(Locale.ROOT, "%,d rows", (long) r)).findFirst().orElse("its rows");
        progress.step("demo: initial snapshot delivered and backlog cleared " + since(started)
                + " after start; live freshness counts changes committed from now on");
        progress.step(String.format(Locale.ROOT, "demo: snapshot catch-up %.1f s: connector RUNNING → its initial "
                + "snapshot (%s) applied by %s%s", snapshotCatchUp.toMillis() / 1000.0, rows,
                figures.component.consumerGroup(), note));
    }

    /** A step line when the rate watch flags an event type, and when it clears it. */
    private void reportRateDrops(Figures figures, Set<String> flagged) {
        List<RateDropWatch.Reading> dropped = figures.acl.metrics().rateWatch().dropped();
        Set<String> now = dropped.stream().map(RateDropWatch.Reading::type)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (RateDropWatch.Reading reading : dropped) {
            if (flagged.add(reading.type())) {
                progress.step("demo: rate watch: " + Figures.describe(reading) + " — a sharp drop against its "
                        + "recent normal");
            }
        }
        for (String type : List.copyOf(flagged)) {
            if (!now.contains(type)) {
                flagged.remove(type);
                progress.step("demo: rate watch: " + type + " back to its normal rate");
            }
        }
    }

    /**
     * Waits until the broker says every captured change has gone through (raw topics stable, the ACL and the component
     * have committed everything), then reconciles; if drift remains (a change still in flight), waits and reconciles
     * again until the drain time-out.
     */
    private ReconciliationReport drainAndReconcile(Figures figures, PipelineLag lag, String aclGroup,
                                                   QuickReconciliation reconciliation) {
        Instant deadline = Instant.now().plus(options.drainTimeout());
        long previousCaptured = -1;
        Instant settledSince = null;
        ReconciliationReport report = null;
        while (Instant.now().isBefore(deadline)) {
            long captured = figures.captured();
            long aclLag = lag.lag(aclGroup, figures.aclSources());
            long componentLag = lag.lag(figures.component.consumerGroup(), List.of(
                    figures.acl.settings().domainTopic()));
            progress.live(figures.line() + " · draining: acl lag " + aclLag + ", component lag " + componentLag);
            boolean quiet = captured == previousCaptured && aclLag == 0 && componentLag == 0;
            previousCaptured = captured;
            if (quiet && !figures.freshness.caughtUp() && figures.caughtUp()) {
                caughtUp(figures, Instant.now(), " (first seen once the workload had stopped: an upper bound)");
            }
            if (!quiet) {
                settledSince = null;
            } else if (settledSince == null) {
                settledSince = Instant.now();
            } else if (Duration.between(settledSince, Instant.now()).compareTo(SETTLED) >= 0) {
                report = reconciliation.run();
                if (report.drift() == 0) {
                    return report;
                }
                log.info("drift {} after the pipeline looked drained; waiting: {}", report.drift(), report.summary());
                settledSince = null;
            }
            park(TICK);
        }
        progress.step("demo: the pipeline did not drain within " + options.drainTimeout() + "; reconciling anyway");
        return reconciliation.run();
    }

    /** The live figures, read from the broker, the ACL and the component. */
    static final class Figures {
        final List<String> rawTopics;
        final AntiCorruptionLayer acl;
        final DemoSample.Component component;
        final FreshnessMeter freshness;
        final PipelineLag lag;
        final ConnectJmxMetrics connect;
        private long captured;
        private Instant capturedAt = Instant.EPOCH;

        Figures(List<String> rawTopics, AntiCorruptionLayer acl, DemoSample.Component component,
                FreshnessMeter freshness, PipelineLag lag, ConnectJmxMetrics connect) {
            this.rawTopics = rawTopics;
            this.acl = acl;
            this.component = component;
            this.freshness = freshness;
            this.lag = lag;
            this.connect = connect;
        }

        /** Raw change records on the captured tables' topics (refreshed at most once a second). */
        long captured() {
            if (Duration.between(capturedAt, Instant.now()).compareTo(SETTLED) >= 0) {
                captured = lag.endOffsetSum(rawTopics);
                capturedAt = Instant.now();
            }
            return captured;
        }

        /** Every topic the layer reads: the aggregate's tables and its replay topic. */
        List<String> aclSources() {
            return acl.settings().topics().sources();
        }

        /**
         * The initial snapshot is through: Debezium says its snapshot completed, every row it read is on the raw
         * topics, and the ACL and the component have committed everything there is. (Without the connector's snapshot
         * MBean, the last alone.)
         */
        boolean caughtUp() {
            Optional<Boolean> completed = connect.snapshotCompleted();
            if (completed.isPresent() && !completed.get()) {
                return false;
            }
            var rows = connect.snapshotRowsScanned();
            if (rows.isPresent() && lag.endOffsetSum(rawTopics) < rows.getAsDouble()) {
                return false;
            }
            return lag.lag(acl.settings().applicationId(), aclSources()) == 0
                    && lag.lag(component.consumerGroup(), List.of(acl.settings().domainTopic())) == 0;
        }

        String line() {
            String line = "captured " + captured() + " · translated " + acl.metrics().emitted() + " · applied "
                    + component.appliedCount() + " · dead letters " + acl.metrics().deadLettered()
                    + " · freshness p50 " + freshness.p50() + " ms p99 " + freshness.p99() + " ms";
            List<RateDropWatch.Reading> dropped = acl.metrics().rateWatch().dropped();
            return dropped.isEmpty() ? line : line + " · rate drop: " + dropped.stream().map(Figures::describe)
                    .collect(Collectors.joining(", "));
        }

        static String describe(RateDropWatch.Reading reading) {
            return String.format(Locale.ROOT, "%s %.1f/s (normal %.1f/s)", reading.type(), reading.rate(),
                    reading.normal());
        }
    }

    private SignalHandler interceptCtrlC() {
        try {
            return Signal.handle(new Signal("INT"), signal -> {
                if (stopRequested.getCount() == 0) {
                    progress.step("demo: aborted");
                    System.exit(130);
                }
                requestStop();
            });
        } catch (IllegalArgumentException unsupported) {
            return null;
        }
    }

    private static void restoreCtrlC(SignalHandler previous) {
        if (previous != null) {
            Signal.handle(new Signal("INT"), previous);
        }
    }

    private static void park(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FicusException.OperationFailed("interrupted while draining", e);
        }
    }

    private static String since(Instant start) {
        return String.format("%.1f s", Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }
}
