package ficus.migration.backfill;

import java.util.List;

/**
 * One aggregate as read from the legacy tables in one REPEATABLE READ snapshot: the root row and its part rows. A row
 * is its values in the order of its {@link LegacyTable#columns()} (JDBC values; timestamps as
 * {@link java.time.LocalDateTime}): no per-row map.
 *
 * @param id          the aggregate id (customer id)
 * @param root        the root row's selected columns, in the root table's column order
 * @param parts       per part table (in the order of {@link LegacyTable#of}, root excluded), the rows that reference
 *                    this aggregate
 * @param snapshotLsn the WAL insert position when the chunk's snapshot was taken: the read's source position
 */
public record LegacyAggregate(long id, Object[] root, List<List<Object[]>> parts, long snapshotLsn) {

    /** Root row plus part rows. */
    public int rowCount() {
        int rows = 1;
        for (List<Object[]> part : parts) {
            rows += part.size();
        }
        return rows;
    }
}
