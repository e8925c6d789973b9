package ficus.migration.backfill;

import ficus.acl.runtime.AclSettings;
import ficus.acl.spec.TranslationSpec;
import ficus.connectors.plan.CapturePlan;
import ficus.core.FicusException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Everything one backfill needs. Start from {@link #of} and change what differs with the {@code with} methods.
 *
 * @param legacy           the legacy database (read only: REPEATABLE READ, read-only transactions)
 * @param legacyDatabase   its name, for {@code source.db} of the read records
 * @param source           the capture's logical name (the plan's {@code source}, Debezium {@code topic.prefix})
 * @param slotName         the capture's replication slot; the backfill refuses to start before it exists (a change
 *                         committed between a read and the slot's creation would be lost). Null skips the check.
 * @param batch            where the job repository lives (schema {@code ficus_batch}): a Ficus database, never legacy
 * @param bootstrapServers Kafka
 * @param replayTopic      the anti-corruption layer's replay topic ({@link AclSettings#replayTopic()})
 * @param spec             the translation whose tables are read (root and parts)
 * @param where            an SQL condition on the root table limiting the aggregates ({@code --where}); null for all
 * @param chunkSize        aggregates per chunk: one snapshot, one Kafka transaction, one restart point
 * @param partitions       key ranges read in parallel (the partitioned step's grid size)
 * @param maxRowsPerSecond legacy rows read per second at most, all partitions together; 0 = unlimited
 * @param kafka            extra Kafka producer properties (security, ...)
 */
public record BackfillSettings(DataSource legacy, String legacyDatabase, String source, String slotName,
                               DataSource batch, String bootstrapServers, String replayTopic, TranslationSpec spec,
                               String where, int chunkSize, int partitions, long maxRowsPerSecond,
                               Map<String, String> kafka) {

    public static final int DEFAULT_CHUNK_SIZE = 5_000;
    public static final int DEFAULT_PARTITIONS = 4;

    public BackfillSettings {
        kafka = Map.copyOf(kafka == null ? Map.of() : kafka);
        where = where == null || where.isBlank() ? null : where.strip();
    }

    /** Settings for a capture plan and the layer it feeds, with the default chunk size and partitions, no throttle. */
    public static BackfillSettings of(CapturePlan plan, DataSource legacy, DataSource batch, AclSettings acl) {
        return new BackfillSettings(legacy, plan.connection().database(), plan.source(), plan.slotName(), batch,
                acl.bootstrapServers(), acl.replayTopic(), acl.spec(), null, DEFAULT_CHUNK_SIZE, DEFAULT_PARTITIONS,
                0, Map.of());
    }

    /** Settings without a capture plan: no slot check. */
    public static BackfillSettings of(TranslationSpec spec, DataSource legacy, String legacyDatabase, String source,
            DataSource batch, String bootstrapServers, String replayTopic) {
        return new BackfillSettings(legacy, legacyDatabase, source, null, batch, bootstrapServers, replayTopic,
                spec, null, DEFAULT_CHUNK_SIZE, DEFAULT_PARTITIONS, 0, Map.of());
    }

    /** The same backfill of another translation (e.g. the spec given on the command line). */
    public BackfillSettings withSpec(TranslationSpec value) {
        return new BackfillSettings(legacy, legacyDatabase, source, slotName, batch, bootstrapServers, replayTopic,
                value, where, chunkSize, partitions, maxRowsPerSecond, kafka);
    }

    /** The layer's replay topic ({@code AclSettings.replayTopic()}). */
    public BackfillSettings withReplayTopic(String value) {
        return new BackfillSettings(legacy, legacyDatabase, source, slotName, batch, bootstrapServers, value,
                spec, where, chunkSize, partitions, maxRowsPerSecond, kafka);
    }

    public BackfillSettings withWhere(String value) {
        return new BackfillSettings(legacy, legacyDatabase, source, slotName, batch, bootstrapServers, replayTopic,
                spec, value, chunkSize, partitions, maxRowsPerSecond, kafka);
    }

    public BackfillSettings withChunkSize(int value) {
        return new BackfillSettings(legacy, legacyDatabase, source, slotName, batch, bootstrapServers, replayTopic,
                spec, where, value, partitions, maxRowsPerSecond, kafka);
    }

    public BackfillSettings withPartitions(int value) {
        return new BackfillSettings(legacy, legacyDatabase, source, slotName, batch, bootstrapServers, replayTopic,
                spec, where, chunkSize, value, maxRowsPerSecond, kafka);
    }

    public BackfillSettings withMaxRowsPerSecond(long value) {
        return new BackfillSettings(legacy, legacyDatabase, source, slotName, batch, bootstrapServers, replayTopic,
                spec, where, chunkSize, partitions, value, kafka);
    }

    public BackfillSettings withSlotName(String value) {
        return new BackfillSettings(legacy, legacyDatabase, source, value, batch, bootstrapServers, replayTopic,
                spec, where, chunkSize, partitions, maxRowsPerSecond, kafka);
    }

    public BackfillSettings withKafkaProperty(String key, String value) {
        Map<String, String> next = new java.util.LinkedHashMap<>(kafka);
        next.put(key, value);
        return new BackfillSettings(legacy, legacyDatabase, source, slotName, batch, bootstrapServers, replayTopic,
                spec, where, chunkSize, partitions, maxRowsPerSecond, next);
    }

    /** The job name: one job per translation. */
    public String jobName() {
        return "backfill-" + spec.name();
    }

    /** What is wrong, one line per setting; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (legacy == null) {
            problems.add("legacy: missing (the legacy database)");
        }
        if (batch == null) {
            problems.add("batch: missing (a Ficus database for the job repository)");
        }
        if (legacy != null && legacy == batch) {
            problems.add("batch: must not be the legacy database (the job repository never lives there)");
        }
        blank(problems, "legacyDatabase", legacyDatabase);
        blank(problems, "source", source);
        blank(problems, "bootstrapServers", bootstrapServers);
        blank(problems, "replayTopic", replayTopic);
        if (spec == null) {
            problems.add("spec: missing (the translation)");
        }
        if (chunkSize < 1 || chunkSize > 100_000) {
            problems.add("chunkSize: " + chunkSize + " is not 1..100000");
        }
        if (partitions < 1 || partitions > 64) {
            problems.add("partitions: " + partitions + " is not 1..64");
        }
        if (maxRowsPerSecond < 0) {
            problems.add("maxRowsPerSecond: " + maxRowsPerSecond + " is negative (0 means unlimited)");
        }
        if (where != null && where.contains(";")) {
            problems.add("where: '" + where + "' must be one condition, without ';'");
        }
        return problems;
    }

    public BackfillSettings validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new FicusException.BadInput("invalid backfill settings: " + String.join("; ", problems));
        }
        return this;
    }

    private static void blank(List<String> problems, String name, String value) {
        if (value == null || value.isBlank()) {
            problems.add(name + ": missing");
        }
    }

    @Override
    public String toString() {
        return "BackfillSettings[source=" + source + ", database=" + legacyDatabase + ", slot=" + slotName
                + ", replayTopic=" + replayTopic + ", where=" + where + ", chunkSize=" + chunkSize + ", partitions="
                + partitions + ", maxRowsPerSecond=" + maxRowsPerSecond + "]";
    }

}
