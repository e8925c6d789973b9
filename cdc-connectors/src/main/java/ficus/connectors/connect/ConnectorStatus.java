package ficus.connectors.connect;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A connector's state and its tasks' states, from {@code GET /connectors/{name}/status}.
 *
 * @param trace the connector's error summary when it failed, else null
 */
public record ConnectorStatus(String name, ConnectorState state, String workerId, String trace, List<TaskStatus> tasks) {

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    /** The connector and at least one task run, and no task is in another state. */
    public boolean isRunning() {
        return state == ConnectorState.RUNNING && !tasks.isEmpty()
                && tasks.stream().allMatch(t -> t.state() == ConnectorState.RUNNING);
    }

    public Optional<TaskStatus> firstFailedTask() {
        return tasks.stream().filter(TaskStatus::failed).findFirst();
    }

    /** One line, e.g. {@code legacy-crm RUNNING, tasks: 0 RUNNING}. */
    public String summary() {
        String taskList = tasks.isEmpty() ? "none"
                : tasks.stream().map(t -> t.id() + " " + t.state()).collect(Collectors.joining(", "));
        return name + " " + state + ", tasks: " + taskList;
    }

    /**
     * A Java stack trace as Connect stores it, reduced to one line: its first line, plus the last {@code Caused by:}
     * line when there is one (that is usually what to fix, e.g. a refused password).
     */
    public static String summarizeTrace(String trace) {
        if (trace == null || trace.isBlank()) {
            return null;
        }
        String[] lines = trace.strip().split("\\R");
        String first = lines[0].strip();
        String rootCause = null;
        for (String line : lines) {
            if (line.startsWith("Caused by: ")) {
                rootCause = line.substring("Caused by: ".length()).strip();
            }
        }
        return rootCause == null || rootCause.equals(first) ? first : first + " (caused by " + rootCause + ")";
    }
}
