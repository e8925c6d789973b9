package ficus.connectors.connect;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What Kafka Connect's {@code PUT /connector-plugins/{class}/config/validate} said about a config: the error
 * messages per config field (only fields with errors).
 */
public record ConfigValidation(String connectorClass, int errorCount, SortedMap<String, List<String>> errors) {

    public ConfigValidation {
        SortedMap<String, List<String>> copy = new TreeMap<>();
        errors.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
        errors = java.util.Collections.unmodifiableSortedMap(copy);
    }

    public boolean isValid() {
        return errorCount == 0 && errors.isEmpty();
    }

    /** One line: {@code field: message; field: message}. */
    public String summary() {
        return errors.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(m -> e.getKey() + ": " + oneLine(m)))
                .collect(Collectors.joining("; "));
    }

    static ConfigValidation of(String connectorClass, int errorCount, Map<String, List<String>> errors) {
        return new ConfigValidation(connectorClass, errorCount, new TreeMap<>(errors));
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
