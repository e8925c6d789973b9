package ficus.connectors.deploy;

import ficus.connectors.connect.ConfigValidation;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.connect.ConnectorStatus;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.render.DebeziumConfigRenderer;
import ficus.core.FicusException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a capture plan as a Debezium connector: render → compare with what Connect has → (if different) validate
 * with Connect's own validation, then {@code PUT} → wait until the connector and its task are RUNNING. Idempotent:
 * deploying the same plan twice sends nothing the second time and reports {@link DeployOutcome#UNCHANGED}.
 */
public final class ConnectorDeployer {

    public static final Duration DEFAULT_RUNNING_TIMEOUT = Duration.ofSeconds(90);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorDeployer.class);

    private final ConnectClient connect;
    private final DebeziumConfigRenderer renderer;
    private final Duration runningTimeout;

    public ConnectorDeployer(ConnectClient connect, DebeziumConfigRenderer renderer, Duration runningTimeout) {
        this.connect = connect;
        this.renderer = renderer;
        this.runningTimeout = runningTimeout;
    }

    public ConnectorDeployer(ConnectClient connect) {
        this(connect, new DebeziumConfigRenderer(), DEFAULT_RUNNING_TIMEOUT);
    }

    /** Deploys {@code plan} to the Connect cluster at {@code connectUrl} with default settings. */
    public static DeployResult deploy(CapturePlan plan, String connectUrl) {
        return new ConnectorDeployer(ConnectClient.of(connectUrl)).deploy(plan);
    }

    /**
     * Deploys the plan and waits until it runs.
     *
     * @throws FicusException.BadInput        Connect's validation rejected the config (nothing was deployed); the
     *                                        message lists the errors per field
     * @throws FicusException.OperationFailed the connector or its task failed, or did not run in time
     * @throws FicusException.Unavailable     Connect could not be reached
     */
    public DeployResult deploy(CapturePlan plan) {
        SortedMap<String, String> config = renderer.render(plan);
        Optional<Map<String, String>> existing = connect.config(plan.name());
        if (existing.isPresent() && existing.get().equals(config)) {
            LOG.info("connector {} at {} already has this config; waiting until it runs", plan.name(), connect.url());
            return new DeployResult(plan.name(), DeployOutcome.UNCHANGED, config, awaitRunning(plan));
        }
        ConfigValidation validation = connect.validate(DebeziumConfigRenderer.CONNECTOR_CLASS, config);
        if (!validation.isValid()) {
            throw new FicusException.BadInput("connector " + plan.name() + " was not deployed: Kafka Connect at "
                    + connect.url() + " rejected its config (" + validation.errorCount() + " error(s)): "
                    + validation.summary());
        }
        boolean created = connect.putConfig(plan.name(), config);
        LOG.info("connector {} {} at {}", plan.name(), created ? "created" : "updated", connect.url());
        return new DeployResult(plan.name(), created ? DeployOutcome.CREATED : DeployOutcome.UPDATED, config,
                awaitRunning(plan));
    }

    private ConnectorStatus awaitRunning(CapturePlan plan) {
        return connect.awaitRunning(plan.name(), runningTimeout);
    }
}
