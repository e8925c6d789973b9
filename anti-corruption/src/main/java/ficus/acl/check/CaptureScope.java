package ficus.acl.check;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a capture plan captures, as the spec check needs it: the tables (exact {@code schema.table}), the sensitive
 * columns (exact {@code schema.table.column}) and the key columns the plan declares for tables without a primary key.
 *
 * @param source   the capture's source name: raw topics are {@code <source>.<schema>.<table>}
 * @param location the plan file, for messages
 */
public record CaptureScope(String source, Set<String> tables, Set<String> sensitiveColumns,
        Map<String, List<String>> declaredKeys, String location) {

    public CaptureScope {
        tables = Set.copyOf(tables);
        sensitiveColumns = Set.copyOf(sensitiveColumns);
        declaredKeys = Map.copyOf(declaredKeys);
    }
}
