package ficus.connectors.deploy;

import ficus.connectors.connect.ConnectorStatus;
import java.util.SortedMap;

/**
 * The result of deploying a capture plan.
 *
 * @param config the rendered connector config that is now deployed (secrets as references)
 * @param status the RUNNING status observed at the end
 */
public record DeployResult(String connector, DeployOutcome outcome, SortedMap<String, String> config,
                           ConnectorStatus status) {

    public boolean changed() {
        return outcome.changed();
    }
}
