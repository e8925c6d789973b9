package ficus.migration.backfill;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Re-drive of exactly the given aggregates through the backfill path: their current legacy rows, read in REPEATABLE
 * READ snapshots like a backfill chunk, are published to the layer's replay topic as read records marked
 * {@code source.snapshot = "redrive"} — the request for the layer to re-state each aggregate with a position above
 * everything it published for it (DESIGN.md, "Re-drive"). Aggregates the legacy database no longer has are not read
 * (nothing to publish: the layer's removal stands).
 */
public final class Redrive {

    private static final int BATCH = 1_000;

    private Redrive() {
    }

    /** Publishes the keys' aggregates; returns how many were found in the legacy database and published. */
    public static long publish(BackfillSettings settings, Collection<Long> keys) {
        settings.validated();
        List<LegacyTable> tables = LegacyTable.of(settings.spec());
        LegacyTable root = tables.getFirst();
        ReadRecords records = new ReadRecords(settings.source(), settings.legacyDatabase(), ReadRecords.REDRIVE_MARKER);
        BackfillProgress progress = new BackfillProgress(ProgressListener.NONE);
        List<Long> sorted = new ArrayList<>(new TreeSet<>(keys));
        long published = 0;
        ReplayTopicWriter writer = new ReplayTopicWriter(settings.bootstrapServers(), settings.kafka(),
                "ficus-redrive-" + settings.spec().name() + "-" + settings.source(), settings.replayTopic(), records,
                tables, progress, Clock.systemUTC());
        writer.open(new ExecutionContext());
        try {
            for (int i = 0; i < sorted.size(); i += BATCH) {
                List<Long> batch = sorted.subList(i, Math.min(sorted.size(), i + BATCH));
                String in = root.key() + " in (" + batch.stream().map(String::valueOf)
                        .collect(Collectors.joining(",")) + ")";
                LegacyAggregateReader reader = new LegacyAggregateReader(settings.legacy(), tables, in, BATCH,
                        new Throttle(settings.maxRowsPerSecond()), progress);
                ExecutionContext range = new ExecutionContext();
                range.putLong(LegacyAggregateReader.FROM, batch.getFirst() - 1);
                range.putLong(LegacyAggregateReader.TO, batch.getLast());
                Chunk<LegacyAggregate> chunk = new Chunk<>();
                try {
                    reader.open(range);
                    for (LegacyAggregate aggregate = reader.read(); aggregate != null; aggregate = reader.read()) {
                        chunk.add(aggregate);
                    }
                } finally {
                    reader.close();
                }
                if (!chunk.isEmpty()) {
                    writer.write(chunk);
                    published += chunk.size();
                }
            }
        } finally {
            writer.close();
        }
        return published;
    }
}
