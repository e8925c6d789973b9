package ficus.connectors.deploy;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ConnectorDeployer#deploy(ficus.connectors.plan.CapturePlan, DeployOptions)} goes about it.
 *
 * @param dryRun         stop after the diff: check and show, change nothing
 * @param preflight      check the legacy database first ({@link ficus.connectors.preflight.Preflight}); a FAIL
 *                       stops the deploy
 * @param runningTimeout how long to wait for the connector and its tasks to be RUNNING after the PUT
 */
public record DeployOptions(boolean dryRun, boolean preflight, Duration runningTimeout) {

    public DeployOptions {
        Objects.requireNonNull(runningTimeout, "runningTimeout");
        if (runningTimeout.isNegative() || runningTimeout.isZero()) {
            throw new IllegalArgumentException("runningTimeout must be positive: " + runningTimeout);
        }
    }

    /** A real deploy, with preflight, waiting {@link ConnectorDeployer#DEFAULT_RUNNING_TIMEOUT}. */
    public static DeployOptions defaults() {
        return new DeployOptions(false, true, ConnectorDeployer.DEFAULT_RUNNING_TIMEOUT);
    }

    public DeployOptions withDryRun(boolean value) {
        return new DeployOptions(value, preflight, runningTimeout);
    }

    public DeployOptions withPreflight(boolean value) {
        return new DeployOptions(dryRun, value, runningTimeout);
    }

    public DeployOptions withRunningTimeout(Duration value) {
        return new DeployOptions(dryRun, preflight, value);
    }
}
