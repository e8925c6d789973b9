package ficus.connectors.connect;

import java.util.Arrays;

/** The state Kafka Connect reports for a connector or a task. */
public enum ConnectorState {
    UNASSIGNED,
    RUNNING,
    PAUSED,
    STOPPED,
    FAILED,
    RESTARTING,
    /** A state this client does not know (a newer Connect); shown as is in messages. */
    UNKNOWN;

    public static ConnectorState forCode(String code) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(code)).findFirst().orElse(UNKNOWN);
    }
}
