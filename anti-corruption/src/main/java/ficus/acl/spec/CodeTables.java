package ficus.acl.spec;

import java.util.Map;
import java.util.Optional;

/** Lookup in captured code tables; the runtime fills it from the code tables' topics. */
@FunctionalInterface
public interface CodeTables {

    /** The value of {@code code} in {@code table} ({@code schema.table}), or empty when unknown. */
    Optional<String> lookup(String table, String code);

    CodeTables NONE = (table, code) -> Optional.empty();

    /** Fixed contents: table → code → value (tests, backfill). */
    static CodeTables of(Map<String, Map<String, String>> tables) {
        Map<String, Map<String, String>> copy = Map.copyOf(tables);
        return (table, code) -> Optional.ofNullable(copy.getOrDefault(table, Map.of()).get(code));
    }
}
