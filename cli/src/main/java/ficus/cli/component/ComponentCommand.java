package ficus.cli.component;

import ficus.template.ComponentTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ficus component new NAME}: a new autonomous component that starts from a working one. */
@Command(name = "component", mixinStandardHelpOptions = true,
        description = "Autonomous components: each with its own schema, subscribing to domain events.",
        subcommands = ComponentCommand.New.class)
public final class ComponentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {
                "Creates a component in DIR/NAME: a Maven module with the component kit",
                "(apply-if-newer subscription), its own Liquibase changelog, jOOQ classes",
                "generated from it at build time, and an IT over the embedded stack. It builds",
                "and its IT passes as generated; add it to your reactor and change the handler.",
                "With --contract, it subscribes to that contract's topic and reads its events",
                "into Java records generated from the contract (a sealed interface per aggregate,",
                "a record per event type); its test fails when they no longer match the contract."})
    static final class New implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", description = "Lower-case words joined by dashes, e.g. credit-check.")
        String name;

        @Option(names = "--dir", defaultValue = "new-components", paramLabel = "DIR",
                description = "Where the component's folder goes. Default: ${DEFAULT-VALUE}")
        Path dir;

        @Option(names = "--contract", paramLabel = "DIR_OR_ASYNCAPI",
                description = {"A published contract: its asyncapi.yaml, or the directory holding it",
                    "(with one <EventType>.schema.json per event type), e.g. as `ficus contracts",
                    "render` writes it. Without it the component subscribes to crm.customer.v1."})
        Path contract;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path target = dir.resolve(name);
            List<Path> written = contract == null ? ComponentTemplate.create(target, name)
                    : ComponentTemplate.create(target, name, contract);
            written.forEach(p -> spec.commandLine().getOut().println("  " + p));
            spec.commandLine().getOut().println("component: " + name + " created in " + target + " (" + written.size()
                    + " files); build it with: mvn -f " + target.resolve("pom.xml") + " verify");
            return 0;
        }
    }
}
