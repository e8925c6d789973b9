package ficus.cli.dlq;

import ficus.acl.dlq.DeadLetter;
import ficus.acl.dlq.DeadLetterSummary;
import ficus.acl.dlq.DeadLetters;
import ficus.acl.dlq.ReplayResult;
import ficus.acl.runtime.AclSettings;
import ficus.cli.acl.AclOptions;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ficus dlq list|show|replay}: the changes the anti-corruption layer could not translate. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {
            "Dead letters: the raw changes the anti-corruption layer could not translate,",
            "each with its reason, source topic/partition/offset and translation version.",
            "Nothing is dropped: fix the spec (or the data), restart the layer with it,",
            "then replay."},
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Show.class, DlqCommand.Replay.class})
public final class DlqCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Counts dead letters per reason kind, and how many are not replayed yet.")
    static final class ListLetters implements Callable<Integer> {
        @Mixin
        AclOptions acl;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            AclSettings settings = acl.deadLetterSettings();
            DeadLetterSummary summary = DeadLetters.list(settings.bootstrapServers(), settings.deadLetterTopic(),
                    DeadLetters.replayGroup(settings));
            PrintWriter out = spec.commandLine().getOut();
            summary.byKind().forEach((kind, count) -> out.printf("%-14s %d%n", kind, count));
            out.println("dlq: " + summary.total() + " dead letters in " + settings.deadLetterTopic() + ", "
                    + summary.pending() + " not replayed yet");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints dead letters: key, reason, where the change came from, the original value.")
    static final class Show implements Callable<Integer> {
        @Mixin
        AclOptions acl;

        @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
                description = "At most this many. Default: ${DEFAULT-VALUE}")
        int limit;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            AclSettings settings = acl.deadLetterSettings();
            List<DeadLetter> letters = DeadLetters.show(settings.bootstrapServers(), settings.deadLetterTopic(), limit);
            PrintWriter out = spec.commandLine().getOut();
            for (DeadLetter l : letters) {
                out.printf("%s-%d@%d key=%s kind=%s from %s-%d@%d (translation %s v%s)%n  reason: %s%n  value:  %s%n",
                        settings.deadLetterTopic(), l.dlqPartition(), l.dlqOffset(), l.key(), l.kind(),
                        l.sourceTopic(), l.sourcePartition(), l.sourceOffset(), l.translation(),
                        l.translationVersion(), l.reason(), l.value());
            }
            out.println("dlq: showed " + letters.size() + " dead letters");
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {
                "Re-runs every dead letter not replayed yet through the layer: re-publishes",
                "it to the layer's replay topic (the running layer translates it with the",
                "spec it runs) and says how many the --spec given here now translates.",
                "Replaying twice replays nothing twice."})
    static final class Replay implements Callable<Integer> {
        @Mixin
        AclOptions acl;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            AclSettings settings = acl.settings();
            ReplayResult result = DeadLetters.replay(settings.bootstrapServers(), settings);
            spec.commandLine().getOut().println("dlq: replayed " + result.replayed() + " dead letters to "
                    + settings.replayTopic() + "; " + result.nowTranslated() + " translate with the spec, "
                    + result.stillRejected() + " are still rejected");
            return 0;
        }
    }
}
