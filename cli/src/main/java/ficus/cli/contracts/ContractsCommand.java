package ficus.cli.contracts;

import ficus.contracts.Contracts;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ficus contracts render}: the published contract of every domain topic. */
@Command(name = "contracts", mixinStandardHelpOptions = true,
        description = "The contracts component teams subscribe by: JSON Schema per event type, AsyncAPI 3 per topic.",
        subcommands = ContractsCommand.Render.class)
public final class ContractsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = {
                "Writes, per domain topic, an AsyncAPI 3 document (channel, messages, the",
                "CloudEvents ce_* headers, key) and one JSON Schema per event type, generated",
                "from the event records the anti-corruption layer publishes."})
    static final class Render implements Callable<Integer> {

        @Option(names = {"-o", "--output"}, defaultValue = "contracts", paramLabel = "DIR",
                description = "Where to write them. Default: ${DEFAULT-VALUE}")
        Path output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Path> written = Contracts.render(output);
            written.forEach(p -> spec.commandLine().getOut().println("  " + p));
            spec.commandLine().getOut().println("contracts: wrote " + written.size() + " files under " + output);
            return 0;
        }
    }
}
