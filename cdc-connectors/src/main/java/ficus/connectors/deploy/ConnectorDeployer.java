package ficus.connectors.deploy;

import ficus.connectors.connect.ConfigValidation;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.connect.ConnectorStatus;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.preflight.CheckResult;
import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.preflight.Preflight;
import ficus.connectors.publication.Publications;
import ficus.connectors.preflight.PreflightReport;
import ficus.connectors.render.DebeziumConfigRenderer;
import ficus.core.FicusException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a capture plan as a Debezium connector, checking before it acts:
 * <ol>
 *   <li>preflight of the legacy database ({@link Preflight}); any FAIL stops here, nothing is deployed;</li>
 *   <li>Connect's own {@code /connector-plugins/{class}/config/validate}; any error stops here;</li>
 *   <li>a {@link ConfigDiff} against the deployed config; a dry run stops here;</li>
 *   <li>the plan's publication created or aligned ({@link Publications#ensure}: partition root, column lists without
 *       the sensitive columns), through the plan's connection — the connector never creates it itself;</li>
 *   <li>{@code PUT /connectors/{name}/config} when the diff is not empty (idempotent: an unchanged plan sends
 *       nothing and reports {@link DeployOutcome#UNCHANGED});</li>
 *   <li>wait (bounded) until the connector and every task are RUNNING; a FAILED task is reported with the first line
 *       of its trace.</li>
 * </ol>
 */
public final class ConnectorDeployer {

    public static final Duration DEFAULT_RUNNING_TIMEOUT = Duration.ofSeconds(90);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorDeployer.class);

    private final ConnectClient connect;
    private final DebeziumConfigRenderer renderer;
    private final Duration runningTimeout;
    private final DataSource legacy;
    private final java.util.function.Function<CapturePlan, Publications.Outcome> publications;

    public ConnectorDeployer(ConnectClient connect, DebeziumConfigRenderer renderer, Duration runningTimeout) {
        this(connect, renderer, runningTimeout, null, null);
    }

    public ConnectorDeployer(ConnectClient connect) {
        this(connect, new DebeziumConfigRenderer(), DEFAULT_RUNNING_TIMEOUT);
    }

    private ConnectorDeployer(ConnectClient connect, DebeziumConfigRenderer renderer, Duration runningTimeout,
                              DataSource legacy, java.util.function.Function<CapturePlan, Publications.Outcome> pubs) {
        this.connect = connect;
        this.renderer = renderer;
        this.runningTimeout = runningTimeout;
        this.legacy = legacy;
        this.publications = pubs != null ? pubs
                : plan -> Publications.ensure(plan, legacy == null ? LegacyDatabase.dataSource(plan) : legacy);
    }

    /** The same deployer with another publication step (tests of the Connect side, without a database). */
    ConnectorDeployer withPublicationStep(java.util.function.Function<CapturePlan, Publications.Outcome> step) {
        return new ConnectorDeployer(connect, renderer, runningTimeout, legacy, step);
    }

    /**
     * The same deployer running preflight through this data source instead of connecting with the plan's own
     * connection (whose password reference is then not resolved locally).
     */
    public ConnectorDeployer withLegacyDataSource(DataSource dataSource) {
        return new ConnectorDeployer(connect, renderer, runningTimeout, dataSource, null);
    }

    /**
     * The columns of each filtered table with sensitive columns (its snapshot query names the others), read from the
     * catalog; no connection when there is no such table.
     */
    private Map<ficus.connectors.plan.TableId, java.util.List<String>> snapshotColumns(CapturePlan plan) {
        var needed = plan.rowFilters().keySet().stream().filter(t -> !plan.sensitiveColumnsOf(t).isEmpty()).toList();
        if (needed.isEmpty()) {
            return Map.of();
        }
        return ficus.connectors.publication.Publications.columns(plan,
                legacy == null ? LegacyDatabase.dataSource(plan) : legacy, needed);
    }

    /** Deploys {@code plan} to the Connect cluster at {@code connectUrl} with default settings, without preflight. */
    public static DeployResult deploy(CapturePlan plan, String connectUrl) {
        return new ConnectorDeployer(ConnectClient.of(connectUrl)).deploy(plan);
    }

    /** Deploys without preflight, waiting this deployer's running time-out; see {@link #deploy(CapturePlan, DeployOptions)}. */
    public DeployResult deploy(CapturePlan plan) {
        return deploy(plan, new DeployOptions(false, false, runningTimeout));
    }

    /**
     * Deploys the plan and waits until it runs (unless a dry run).
     *
     * @throws FicusException.BadInput        preflight failed or Connect's validation rejected the config (nothing was
     *                                        deployed); the message lists every failure
     * @throws FicusException.OperationFailed the connector or a task failed, or did not run in time
     * @throws FicusException.Unavailable     Connect or the database could not be reached
     */
    public DeployResult deploy(CapturePlan plan, DeployOptions options) {
        SortedMap<String, String> config = renderer.render(plan, snapshotColumns(plan));
        Optional<Map<String, String>> existing = connect.config(plan.name());
        if (options.preflight()) {
            boolean deployedHoldsSlot = existing.map(c -> plan.slotName().equals(c.get("slot.name"))).orElse(false);
            PreflightReport report = legacy == null
                    ? Preflight.run(plan, deployedHoldsSlot)
                    : Preflight.run(plan, legacy, deployedHoldsSlot);
            if (!report.passed()) {
                throw new FicusException.BadInput("connector " + plan.name() + " was not deployed: preflight of "
                        + plan.hostAndPort() + "/" + plan.connection().database() + " failed ("
                        + report.failures().size() + "): " + report.failures().stream()
                        .map(CheckResult::summary).collect(Collectors.joining("; ")));
            }
        }
        ConfigValidation validation = connect.validate(DebeziumConfigRenderer.CONNECTOR_CLASS, config);
        if (!validation.isValid()) {
            throw new FicusException.BadInput("connector " + plan.name() + " was not deployed: Kafka Connect at "
                    + connect.url() + " rejected its config (" + validation.errorCount() + " error(s)): "
                    + validation.summary());
        }
        ConfigDiff diff = ConfigDiff.between(existing.orElse(null), config);
        DeployOutcome outcome = existing.isEmpty() ? DeployOutcome.CREATED
                : diff.isEmpty() ? DeployOutcome.UNCHANGED : DeployOutcome.UPDATED;
        if (options.dryRun()) {
            LOG.info("dry run: connector {} at {} would be {}", plan.name(), connect.url(), outcome);
            ConnectorStatus current = existing.isPresent() ? connect.status(plan.name()).orElse(null) : null;
            return new DeployResult(plan.name(), outcome, config, current, diff, true);
        }
        Publications.Outcome publication = publications.apply(plan);
        if (publication != Publications.Outcome.UNCHANGED) {
            LOG.info("publication {} {} for connector {}", plan.publicationName(),
                    publication.name().toLowerCase(), plan.name());
        }
        if (outcome == DeployOutcome.UNCHANGED) {
            LOG.info("connector {} at {} already has this config; waiting until it runs", plan.name(), connect.url());
        } else {
            boolean created = connect.putConfig(plan.name(), config);
            outcome = created ? DeployOutcome.CREATED : DeployOutcome.UPDATED;
            LOG.info("connector {} {} at {}", plan.name(), created ? "created" : "updated", connect.url());
        }
        ConnectorStatus status = connect.awaitRunning(plan.name(), options.runningTimeout());
        return new DeployResult(plan.name(), outcome, config, status, diff, false);
    }
}
