package ficus.cli.demo;

import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.AntiCorruptionLayer;
import ficus.components.customerstatus.CustomerStatusComponent;
import ficus.components.customerstatus.CustomerStatusSettings;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.deploy.DeployResult;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.core.FicusException;
import ficus.migration.reconcile.CustomerStatusReconciliation;
import ficus.migration.reconcile.ReconciliationReport;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxConfig;
import ficus.sandbox.crm.LegacyWorkload;
import ficus.sandbox.crm.SampleCrm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * One demo run over a sandbox: load the legacy CRM, start the anti-corruption layer and the component, deploy the
 * connector, run the workload, then drain and reconcile. The pieces are the real modules, wired as an operator would.
 */
public final class DemoRun {

    private static final Logger log = LoggerFactory.getLogger(DemoRun.class);
    /** The component's own database on the same server: its own schema, nothing shared with legacy. */
    public static final String COMPONENT_DATABASE = "customer_status";
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration SETTLED = Duration.ofSeconds(1);

    private final DemoOptions options;
    private final Sandbox sandbox;
    private final Progress progress;
    private final Instant started;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    DemoRun(DemoOptions options, Sandbox sandbox, Progress progress, Instant started) {
        this.options = options;
        this.sandbox = sandbox;
        this.progress = progress;
        this.started = started;
    }

    /** Starts a sandbox in the options' work directory, runs the demo on it, stops it. */
    public static DemoSummary withOwnSandbox(DemoOptions options, Progress progress) {
        Instant started = Instant.now();
        progress.step("demo: starting PostgreSQL, Kafka (KRaft) and Kafka Connect in " + options.workDir());
        SandboxConfig config = new SandboxConfig(options.workDir(), 3, options.clean());
        try (Sandbox sandbox = Sandbox.start(config)) {
            progress.step("sandbox: postgres 127.0.0.1:" + sandbox.postgres().port() + " · kafka "
                    + sandbox.bootstrapServers() + " · connect " + sandbox.connectUrl() + " (" + since(started) + ")");
            return new DemoRun(options, sandbox, progress, started).run();
        }
    }

    /** Runs the demo on a sandbox someone else started (tests do). */
    public static DemoSummary onSandbox(DemoOptions options, Sandbox sandbox, Progress progress) {
        return new DemoRun(options, sandbox, progress, Instant.now()).run();
    }

    /** Ends the workload phase early, as Ctrl-C does. */
    public void requestStop() {
        stopRequested.countDown();
    }

    DemoSummary run() {
        DataSource legacy = sandbox.postgres().dataSource(Sandbox.LEGACY_DATABASE);
        SampleCrm.install(legacy, options.customers());
        progress.step("legacy: sample CRM loaded, " + options.customers() + " customers with addresses and leads ("
                + since(started) + ")");

        sandbox.postgres().createDatabase(COMPONENT_DATABASE);
        FreshnessMeter freshness = new FreshnessMeter();
        CapturePlan plan = CapturePlanLoader.legacyCrm().withConnection(new Connection(
                sandbox.postgres().host(), sandbox.postgres().port(), Sandbox.LEGACY_DATABASE, sandbox.postgres().user(),
                new SecretRef.File(sandbox.secretsFile().toString(), Sandbox.LEGACY_PASSWORD_KEY)));
        AclSettings aclSettings = AclSettings.defaults(sandbox.bootstrapServers(),
                options.workDir().toAbsolutePath().resolve("acl-state"));

        try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(aclSettings);
             CustomerStatusComponent component = CustomerStatusComponent.start(CustomerStatusSettings.of(
                     sandbox.bootstrapServers(), sandbox.postgres().jdbcUrl(COMPONENT_DATABASE),
                     sandbox.postgres().user(), sandbox.postgres().password()).withListener(freshness));
             PipelineLag lag = new PipelineLag(sandbox.bootstrapServers())) {
            progress.step("acl: translating " + aclSettings.rawTopic() + " → " + aclSettings.domainTopic()
                    + " (dead letters → " + aclSettings.deadLetterTopic() + ")");
            progress.step("customer-status: own database '" + COMPONENT_DATABASE + "', HTTP http://127.0.0.1:"
                    + component.httpPort() + "/customers/{id}/status");

            DeployResult deployed = ConnectorDeployer.deploy(plan, sandbox.connectUrl());
            progress.step("connector: " + deployed.connector() + " " + deployed.outcome().name().toLowerCase()
                    + " via PUT " + sandbox.connectUrl() + "/connectors/" + deployed.connector()
                    + "/config, RUNNING (" + since(started) + ")");

            Figures figures = new Figures(plan.topics(), acl, component, freshness, lag);
            try (LegacyWorkload workload = new LegacyWorkload(legacy, options.rate(), options.customers(),
                    System.nanoTime())) {
                workload.start();
                progress.step("workload: legacy application writing at " + options.rate() + " operations/s"
                        + (options.duration() == null ? " until Ctrl-C" : " for " + options.duration()));
                runWorkloadPhase(figures, workload);
                workload.stop();
                progress.step("workload: stopped after " + workload.operations() + " operations ("
                        + workload.rowsChanged() + " rows changed); draining the pipeline");
            }

            ReconciliationReport report = drainAndReconcile(figures, lag, aclSettings.applicationId(), legacy);
            progress.step(report.summary());
            progress.step("demo: freshness of live changes (committed after catch-up): p50 " + freshness.liveP50()
                    + " ms, p99 " + freshness.liveP99() + " ms over " + freshness.liveSamples() + " changes; of all "
                    + freshness.samples() + " streamed changes: p50 " + freshness.p50() + " ms, p99 "
                    + freshness.p99() + " ms");
            DemoSummary summary = new DemoSummary(figures.captured(), acl.metrics().emitted(),
                    component.appliedCount(), acl.metrics().deadLettered(), freshness.p50(), freshness.p99(), report);
            progress.step(summary.line());
            return summary;
        }
    }

    private void runWorkloadPhase(Figures figures, LegacyWorkload workload) {
        Instant end = options.duration() == null ? Instant.MAX : Instant.now().plus(options.duration());
        SignalHandler previous = interceptCtrlC();
        boolean firstReported = false;
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
                    figures.freshness.markCaughtUp(Instant.now());
                    progress.step("demo: initial snapshot delivered and backlog cleared " + since(started)
                            + " after start; live freshness counts changes committed from now on");
                }
                progress.live(figures.line() + " · workload " + workload.operations() + " ops · " + since(started));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            restoreCtrlC(previous);
        }
    }

    /**
     * Waits until the broker says every captured change has gone through (raw topics stable, the ACL and the component
     * have committed everything), then reconciles; if drift remains (a change still in flight), waits and reconciles
     * again until the drain time-out.
     */
    private ReconciliationReport drainAndReconcile(Figures figures, PipelineLag lag, String aclGroup,
                                                   DataSource legacy) {
        DataSource componentDb = sandbox.postgres().dataSource(COMPONENT_DATABASE);
        Instant deadline = Instant.now().plus(options.drainTimeout());
        long previousCaptured = -1;
        Instant settledSince = null;
        ReconciliationReport report = null;
        while (Instant.now().isBefore(deadline)) {
            long captured = figures.captured();
            long aclLag = lag.lag(aclGroup, figures.aclSources());
            long componentLag = lag.lag(CustomerStatusSettings.COMPONENT_NAME, List.of(
                    figures.acl.settings().domainTopic()));
            progress.live(figures.line() + " · draining: acl lag " + aclLag + ", component lag " + componentLag);
            boolean quiet = captured == previousCaptured && aclLag == 0 && componentLag == 0;
            previousCaptured = captured;
            if (!quiet) {
                settledSince = null;
            } else if (settledSince == null) {
                settledSince = Instant.now();
            } else if (Duration.between(settledSince, Instant.now()).compareTo(SETTLED) >= 0) {
                report = new CustomerStatusReconciliation(legacy, componentDb).run();
                if (report.drift() == 0) {
                    return report;
                }
                log.info("drift {} after the pipeline looked drained; waiting: {}", report.drift(), report.summary());
                settledSince = null;
            }
            park(TICK);
        }
        progress.step("demo: the pipeline did not drain within " + options.drainTimeout() + "; reconciling anyway");
        return new CustomerStatusReconciliation(legacy, componentDb).run();
    }

    /** The live figures, read from the broker, the ACL and the component. */
    static final class Figures {
        final List<String> rawTopics;
        final AntiCorruptionLayer acl;
        final CustomerStatusComponent component;
        final FreshnessMeter freshness;
        final PipelineLag lag;
        private long captured;
        private Instant capturedAt = Instant.EPOCH;

        Figures(List<String> rawTopics, AntiCorruptionLayer acl, CustomerStatusComponent component,
                FreshnessMeter freshness, PipelineLag lag) {
            this.rawTopics = rawTopics;
            this.acl = acl;
            this.component = component;
            this.freshness = freshness;
            this.lag = lag;
        }

        /** Raw change records on the captured tables' topics (refreshed at most once a second). */
        long captured() {
            if (Duration.between(capturedAt, Instant.now()).compareTo(SETTLED) >= 0) {
                captured = lag.endOffsetSum(rawTopics);
                capturedAt = Instant.now();
            }
            return captured;
        }

        /** Every topic the layer reads: the aggregate's tables (customer, address, lead) and its replay topic. */
        List<String> aclSources() {
            return acl.settings().topics().sources();
        }

        /** Nothing waits anywhere: the ACL and the component have committed everything there is. */
        boolean caughtUp() {
            return lag.lag(acl.settings().applicationId(), aclSources()) == 0
                    && lag.lag(CustomerStatusSettings.COMPONENT_NAME, List.of(acl.settings().domainTopic())) == 0;
        }

        String line() {
            return "captured " + captured() + " · translated " + acl.metrics().emitted() + " · applied "
                    + component.appliedCount() + " · dead letters " + acl.metrics().deadLettered()
                    + " · freshness p50 " + freshness.p50() + " ms p99 " + freshness.p99() + " ms";
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
