package ficus.connectors.connect;

/**
 * One task of a connector as Kafka Connect reports it.
 *
 * @param trace the error summary when the task failed (see {@link ConnectorStatus#summarizeTrace}), else null
 */
public record TaskStatus(int id, ConnectorState state, String workerId, String trace) {

    public boolean failed() {
        return state == ConnectorState.FAILED;
    }
}
