package ficus.migration.backfill;

import java.util.List;
import java.util.Map;

/**
 * One aggregate as read from the legacy tables in one REPEATABLE READ snapshot: the root row and its part rows.
 *
 * @param id          the aggregate id (customer id)
 * @param root        the root row's selected columns (JDBC values; timestamps as {@link java.time.LocalDateTime})
 * @param parts       per part table ({@code schema.table}), the rows that reference this aggregate
 * @param snapshotLsn the WAL insert position when the chunk's snapshot was taken: the read's source position
 */
public record LegacyAggregate(long id, Map<String, Object> root, Map<String, List<Map<String, Object>>> parts,
                              long snapshotLsn) {

    /** Root row plus part rows. */
    public int rowCount() {
        int rows = 1;
        for (List<Map<String, Object>> part : parts.values()) {
            rows += part.size();
        }
        return rows;
    }
}
