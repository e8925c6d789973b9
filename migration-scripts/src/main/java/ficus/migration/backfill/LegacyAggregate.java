package ficus.migration.backfill;

import java.util.List;

/**
 * One aggregate as read from the legacy tables in one REPEATABLE READ snapshot: the root row and the rows of the other
 * tables. A row is its values in the order of its table's {@code columns()} (values as
 * {@link ficus.migration.legacy.JdbcValues} reads them): no per-row map.
 *
 * @param key         the root key's values as PostgreSQL writes them as text (the restart point)
 * @param root        the root row
 * @param others      per table after the root (in the order of {@code LegacyTable.of}): for a part table, the rows
 *                    that link to this aggregate; for a referenced table, the rows this aggregate is the first in the
 *                    run to point at (a referenced row is published once per run, before the first aggregate using it)
 * @param snapshotLsn the WAL insert position when the chunk's snapshot was taken: the read's source position
 */
public record LegacyAggregate(List<String> key, Object[] root, List<List<Object[]>> others, long snapshotLsn) {

    /** Root row plus the other rows. */
    public int rowCount() {
        int rows = 1;
        for (List<Object[]> part : others) {
            rows += part.size();
        }
        return rows;
    }
}
