package ficus.connectors.deploy;

import ficus.connectors.connect.ConnectorStatus;
import java.util.SortedMap;

/**
 * The result of deploying a capture plan.
 *
 * @param outcome what the deploy did, or for a dry run what it would have done
 * @param config  the rendered connector config (secrets as references)
 * @param status  the RUNNING status observed at the end; for a dry run the connector's current status, or null when it
 *                does not exist
 * @param diff    the config changes against what was deployed before (all keys added for a new connector)
 * @param dryRun  true when nothing was sent to Connect on purpose
 */
public record DeployResult(String connector, DeployOutcome outcome, SortedMap<String, String> config,
                           ConnectorStatus status, ConfigDiff diff, boolean dryRun) {

    public DeployResult(String connector, DeployOutcome outcome, SortedMap<String, String> config,
                        ConnectorStatus status) {
        this(connector, outcome, config, status, new ConfigDiff(java.util.List.of()), false);
    }

    /** Whether Connect's config was changed (never for a dry run). */
    public boolean changed() {
        return !dryRun && outcome.changed();
    }
}
