package ficus.cli.contracts;

import ficus.acl.runtime.AclSettings;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.contracts.Contract;
import ficus.contracts.ContractOptions;
import ficus.contracts.Contracts;
import ficus.contracts.compat.BreakingChange;
import ficus.contracts.compat.ContractCompatibility;
import ficus.core.ExitCode;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ficus contracts render|check}: the published contract of a translation's domain topic, from its spec. */
@Command(name = "contracts", mixinStandardHelpOptions = true,
        description = "The contracts component teams subscribe by: JSON Schema per event type, AsyncAPI 3 per topic, "
                + "generated from translation specs.",
        subcommands = {ContractsCommand.Render.class, ContractsCommand.Check.class})
public final class ContractsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every subcommand takes: the specs and what their contracts need besides them. */
    static final class SpecOptions {

        @Option(names = "--spec", paramLabel = "FILE",
                description = "Translation spec (YAML): a file or classpath:<resource>; repeatable, at least one.")
        List<String> specs = new ArrayList<>();

        @Option(names = "--source", paramLabel = "NAME",
                description = "The capture's topic prefix (Debezium source.name): ce_source becomes the constant "
                        + "ficus://NAME/<translation>. Without it, ce_source is described by a pattern.")
        String captureSource;

        @Option(names = "--converter", paramLabel = "NAME=TYPE",
                description = "The type a custom converter produces (e.g. country-code=string), repeatable. "
                        + "Without it, a custom field is described as any JSON value.")
        List<String> converters = new ArrayList<>();

        List<TranslationSpec> load() {
            if (specs.isEmpty()) {
                throw new ficus.core.FicusException.BadInput("--spec: name the translation spec whose contract to "
                        + "render or check, e.g. --spec translations/order.yaml");
            }
            return specs.stream().map(TranslationSpecLoader::load).toList();
        }

        ContractOptions options() {
            ContractOptions options = ContractOptions.NONE.withCaptureSource(captureSource);
            for (String converter : converters) {
                options = options.withConverter(converter);
            }
            return options;
        }

        List<Contract> generate(PrintWriter err) {
            ContractOptions options = options();
            List<Contract> contracts = new ArrayList<>();
            for (TranslationSpec spec : load()) {
                Contracts.notes(spec, options).forEach(note -> err.println("note: " + note));
                contracts.add(Contracts.generate(spec, options));
            }
            return contracts;
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = {
                "Writes, per translation, <DIR>/<domain topic>/asyncapi.yaml (channel, messages,",
                "the CloudEvents ce_* headers, key) and one <EventType>.schema.json per event type",
                "its rules name, generated from the spec."})
    static final class Render implements Callable<Integer> {

        @CommandLine.Mixin
        SpecOptions specOptions;

        @Option(names = {"-o", "--output"}, defaultValue = "contracts", paramLabel = "DIR",
                description = "Where to write them. Default: ${DEFAULT-VALUE}")
        Path output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Path> written = Contracts.render(specOptions.generate(spec.commandLine().getErr()), output);
            written.forEach(p -> out.println("  " + p));
            out.println("contracts: wrote " + written.size() + " files under " + output);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {
                "Compares the contract each spec generates today with the one committed under",
                "<DIR>/<domain topic>/: exit 1 with one line per breaking change (publish a new",
                "major version instead), 0 when every consumer keeps working."})
    static final class Check implements Callable<Integer> {

        @CommandLine.Mixin
        SpecOptions specOptions;

        @Option(names = "--contracts", required = true, paramLabel = "DIR",
                description = "The directory of the committed contracts (one <domain topic>/ each).")
        Path committed;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            boolean breaking = false;
            for (Contract generated : specOptions.generate(err)) {
                Path dir = committed.resolve(generated.topic());
                if (!Files.isDirectory(dir)) {
                    err.println(dir + ": no committed contract for " + generated.topic() + " (render it with "
                            + "ficus contracts render -o " + committed + ")");
                    return ExitCode.BAD_INPUT.code();
                }
                List<BreakingChange> changes = ContractCompatibility.check(dir, generated);
                changes.forEach(change -> out.println(change));
                out.println(generated.topic() + ": " + (changes.isEmpty() ? "compatible with " + dir
                        : changes.size() + " breaking change(s) against " + dir));
                breaking |= !changes.isEmpty();
            }
            return breaking ? ExitCode.FAILED.code() : 0;
        }
    }
}
