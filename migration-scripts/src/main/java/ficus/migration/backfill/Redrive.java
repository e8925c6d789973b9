package ficus.migration.backfill;

import ficus.core.FicusException;
import ficus.migration.legacy.LegacyTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Re-drive of exactly the given aggregates through the backfill path: their current legacy rows (root, parts,
 * referenced rows), read in REPEATABLE READ snapshots like a backfill chunk, are published to the layer's replay topic
 * — the aggregate's own rows as read records marked {@code source.snapshot = "redrive"}, the request for the layer to
 * re-state it with a position above everything it published for it (DESIGN.md, "Re-drive"); referenced rows, shared
 * with other aggregates, as ordinary reads. Parts first, then the root. Aggregates the legacy database no longer has are
 * not read (nothing to publish: the layer's removal stands).
 */
public final class Redrive {

    static final int BATCH = 500;

    private Redrive() {
    }

    /**
     * Publishes the aggregates of these keys; returns how many were found in the legacy database and published.
     *
     * @param keys each the root key's values in key-column order, as text PostgreSQL reads as the column's type
     *             ({@code ["2", "4711"]})
     */
    public static long publish(BackfillSettings settings, Collection<List<String>> keys) {
        settings.validated();
        List<LegacyTable> tables = LegacyTable.of(settings.spec());
        LegacyPages pages = new LegacyPages(tables, null);
        ReadRecords records = new ReadRecords(settings.source(), settings.legacyDatabase(), ReadRecords.REDRIVE_MARKER);
        BackfillProgress progress = new BackfillProgress(ProgressListener.NONE);
        Throttle throttle = new Throttle(settings.maxRowsPerSecond());
        List<List<String>> all = new ArrayList<>(new LinkedHashSet<>(keys));
        Set<String> referenced = new HashSet<>();
        long published = 0;
        ReplayTopicWriter writer = new ReplayTopicWriter(settings.bootstrapServers(), settings.kafka(),
                "ficus-redrive-" + settings.spec().name() + "-" + settings.source(), settings.replayTopic(), records,
                tables, progress, Clock.systemUTC());
        writer.open(new ExecutionContext());
        try (Connection c = settings.legacy().getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            for (int i = 0; i < all.size(); i += BATCH) {
                List<List<String>> batch = all.subList(i, Math.min(all.size(), i + BATCH));
                LegacyPages.Page page;
                try {
                    page = pages.keys(c, LegacyAggregateReader.snapshotLsn(c), batch, referenced);
                } finally {
                    c.rollback();
                }
                throttle.acquire(page.rows());
                if (!page.aggregates().isEmpty()) {
                    writer.write(new Chunk<>(page.aggregates()));
                    published += page.aggregates().size();
                }
            }
        } catch (SQLException e) {
            throw new FicusException.Unavailable("re-drive could not read " + pages.root().qualified() + ": "
                    + e.getMessage(), e);
        } finally {
            writer.close();
        }
        return published;
    }
}
