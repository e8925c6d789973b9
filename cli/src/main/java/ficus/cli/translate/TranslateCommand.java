package ficus.cli.translate;

import ficus.acl.check.CaptureScope;
import ficus.acl.check.JdbcCatalog;
import ficus.acl.check.SpecCheck;
import ficus.acl.golden.GoldenCase;
import ficus.acl.golden.GoldenCaseLoader;
import ficus.acl.golden.GoldenCaseRunner;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.ColumnId;
import ficus.connectors.plan.TableId;
import ficus.core.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ficus translate check|test}: a translation spec checked before it runs, and its golden cases. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translation specs (YAML): check one against its capture plan and database, run its golden cases.",
        subcommands = {TranslateCommand.Check.class, TranslateCommand.Test.class})
public final class TranslateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The capture plan's view the check needs. */
    public static CaptureScope scope(CapturePlan plan, Path file) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        plan.keyColumns().forEach((table, columns) -> keys.put(table.plain(), columns));
        return new CaptureScope(plan.source(), plan.tables().stream().map(TableId::plain).collect(Collectors.toSet()),
                plan.sensitiveColumns().stream().map(c -> c.table().plain() + "." + c.column())
                        .collect(Collectors.toSet()), keys, file.toString());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {
                "Checks a translation spec before it runs: every table it reads is captured by",
                "the plan; no mapped column is one of the plan's sensitive columns; and, with",
                "--database, every mapped column exists with a type its field can be read from,",
                "root and part keys are the tables' keys, links and references agree with the",
                "foreign keys. One line per problem (<spec>:<line>: <field>: <problem>), exit 2.",
                "",
                "Example:",
                "  ficus translate check translations/order.yaml --plan plans/orders.yaml --database"})
    static final class Check implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SPEC", description = "Translation spec (YAML)")
        Path specFile;

        @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The capture plan (YAML) "
                + "that feeds it")
        Path planFile;

        @Option(names = "--database", description = "Also check against the legacy database, through the plan's "
                + "connection (as preflight does)")
        boolean database;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TranslationSpec translation = TranslationSpecLoader.load(specFile);
            CapturePlan plan = new CapturePlanLoader().load(planFile);
            List<SpecCheck.Problem> problems = SpecCheck.check(translation, scope(plan, planFile),
                    database ? new JdbcCatalog(LegacyDatabase.dataSource(plan)) : null);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            problems.forEach(err::println);
            if (!problems.isEmpty()) {
                err.println("translate check: " + problems.size() + " problem(s) in " + specFile);
                return ExitCode.BAD_INPUT.code();
            }
            out.println("translate check: " + specFile + " fits " + planFile + (database ? " and its database "
                    + plan.connection().database() : " (without --database: tables and sensitive columns only)")
                    + "; raw topic " + plan.source() + "." + translation.root().table() + " → "
                    + translation.domainTopic());
            return ExitCode.OK.code();
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {
                "Runs a spec's golden cases (one *.yaml per case in <spec name>.cases/ beside",
                "the spec, or --cases) through the layer's real topology, without Kafka; each",
                "case is also replayed with its tables' changes in other arrival orders, which",
                "must end in the same state. A failure prints what differs. Exit 1 if any fails.",
                "",
                "Example:",
                "  ficus translate test translations/order.yaml"})
    static final class Test implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SPEC", description = "Translation spec (YAML)")
        Path specFile;

        @Option(names = "--cases", paramLabel = "DIR", description = "Folder of golden cases. Default: "
                + "<spec name>.cases beside the spec")
        Path cases;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TranslationSpec translation = TranslationSpecLoader.load(specFile);
            Path folder = cases != null ? cases : GoldenCaseLoader.casesFolder(specFile);
            List<GoldenCase> all = GoldenCaseLoader.loadAll(folder, translation);
            PrintWriter out = spec.commandLine().getOut();
            int failed = 0;
            int orders = 0;
            for (GoldenCaseRunner.Result result : new GoldenCaseRunner(translation).runAll(all)) {
                orders += result.ordersTried();
                out.println((result.passed() ? "PASS  " : "FAIL  ") + result.goldenCase() + "  ("
                        + result.ordersTried() + " arrival order" + (result.ordersTried() == 1 ? "" : "s") + ")");
                for (String failure : result.failures()) {
                    out.println("      " + failure);
                }
                if (!result.passed()) {
                    failed++;
                }
            }
            out.println("translate test: " + (all.size() - failed) + " of " + all.size() + " case(s) passed, "
                    + orders + " arrival orders replayed (" + folder + ")");
            return failed == 0 ? ExitCode.OK.code() : ExitCode.FAILED.code();
        }
    }
}
