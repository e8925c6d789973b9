package ficus.cli.topics;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ficus topics}: look at what is on a topic. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Reads raw, domain and dead-letter topics as a person reads them.", ""},
        subcommands = {TailCommand.class})
public final class TopicsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
