package ficus.cli.migration;

import ficus.acl.spec.TranslationSpec;
import ficus.cli.acl.AclOptions;
import ficus.cli.demo.Progress;
import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
import ficus.migration.backfill.Backfill;
import ficus.migration.backfill.BackfillResult;
import ficus.migration.backfill.BackfillSettings;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ficus backfill SPEC --plan PLAN ...}. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {
            "Brings history to the components, for any translation spec: reads the",
            "aggregates' legacy tables (root, parts, referenced rows) by keyset pagination",
            "over the root key (composite keys too) in consistent chunks and feeds them to",
            "the running anti-corruption layer as snapshot reads, so they are translated",
            "exactly like the live stream and never overwrite a newer live change.",
            "Restartable: a backfill killed halfway resumes from its last committed chunk.",
            "Shows progress with rate and ETA."})
public final class BackfillCommand implements Callable<Integer> {

    @Mixin
    TranslationTarget target;

    @Mixin
    AclOptions acl;

    @Mixin
    BatchDatabaseOptions batch;

    @Option(names = "--where", paramLabel = "SQL",
            description = "Only root rows matching this SQL condition, e.g. \"\\\"Tenant\\\" = 2\".")
    String where;

    @Option(names = "--max-rows-per-second", defaultValue = "0", paramLabel = "N",
            description = "Throttle reads of the legacy database (0 = unthrottled). Default: ${DEFAULT-VALUE}")
    long maxRowsPerSecond;

    @Option(names = "--partitions", defaultValue = "" + BackfillSettings.DEFAULT_PARTITIONS, paramLabel = "N",
            description = "Key ranges read in parallel. Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(names = "--chunk-size", defaultValue = "" + BackfillSettings.DEFAULT_CHUNK_SIZE, paramLabel = "N",
            description = "Aggregates per committed chunk. Default: ${DEFAULT-VALUE}")
    int chunkSize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TranslationSpec translation = target.spec(spec.commandLine());
        if (!batch.given()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--batch-url'");
        }
        CapturePlan loaded = target.plan();
        BackfillSettings settings = BackfillSettings.of(loaded, LegacyDatabase.dataSource(loaded), batch.dataSource(),
                        acl.settings())
                .withSpec(translation)
                .withReplayTopic(TranslationTarget.replayTopic(spec.commandLine(), acl, translation))
                .withWhere(where).withMaxRowsPerSecond(maxRowsPerSecond).withPartitions(partitions)
                .withChunkSize(chunkSize);
        Progress progress = new Progress(spec.commandLine().getOut());
        BackfillResult result = Backfill.run(settings, p -> progress.live("backfill: " + p.render()));
        progress.step(result.summary());
        return 0;
    }
}
