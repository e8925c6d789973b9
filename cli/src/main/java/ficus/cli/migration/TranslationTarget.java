package ficus.cli.migration;

import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.cli.acl.AclOptions;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which translation a migration command works on (any spec file), and the capture plan of the database it reads. */
public final class TranslationTarget {

    @Parameters(index = "0", paramLabel = "SPEC",
            description = "The translation spec (YAML file, or classpath:RESOURCE).")
    String spec;

    @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The capture plan of the legacy database.")
    Path plan;

    /**
     * The spec; a spec that does not load is one line naming the file, line and field (exit 2). The layer's
     * {@code --spec} option, if given too, must name the same file: a migration runs one translation.
     */
    TranslationSpec spec(CommandLine cmd) {
        if (cmd.getParseResult().hasMatchedOption("--spec")) {
            Object other = cmd.getParseResult().matchedOption("--spec").getValue();
            if (!Path.of(spec).toAbsolutePath().normalize().equals(Path.of(String.valueOf(other)).toAbsolutePath()
                    .normalize())) {
                throw new CommandLine.ParameterException(cmd, "--spec " + other + " differs from SPEC " + spec
                        + ": give the translation once, as SPEC");
            }
        }
        return TranslationSpecLoader.load(spec);
    }

    CapturePlan plan() {
        return new CapturePlanLoader().load(plan);
    }

    /**
     * The layer's replay topic for this spec: {@code <dead-letter topic>.replay}, the dead-letter topic being the
     * spec's ({@code ficus.dlq.<translation>}) unless {@code --dlq-topic} says otherwise.
     */
    static String replayTopic(CommandLine cmd, AclOptions acl, TranslationSpec spec) {
        boolean given = cmd.getParseResult().hasMatchedOption("--dlq-topic");
        return given ? acl.settings().replayTopic()
                : spec.deadLetterTopic() + ficus.acl.runtime.AclTopics.REPLAY_SUFFIX;
    }
}
