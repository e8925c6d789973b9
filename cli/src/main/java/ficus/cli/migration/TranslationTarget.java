package ficus.cli.migration;

import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which translation a migration command works on, and the capture plan of the legacy database it reads. */
public final class TranslationTarget {

    @Parameters(index = "0", paramLabel = "TRANSLATION", description = "The translation, e.g. customer.")
    String translation;

    @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The capture plan of the legacy database.")
    Path plan;

    /** The plan, once the translation is known (only {@code customer} so far). */
    CapturePlan load(CommandLine cmd) {
        if (!"customer".equals(translation)) {
            throw new CommandLine.ParameterException(cmd, "unknown translation '" + translation + "'; known: customer");
        }
        return new CapturePlanLoader().load(plan);
    }
}
