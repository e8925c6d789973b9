package ficus.cli.connectors;

import ficus.acl.spec.TableSpec;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.cli.acl.AclOptions;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.TableId;
import ficus.connectors.preflight.MappedColumns;
import ficus.connectors.preflight.CheckResult;
import ficus.connectors.preflight.Preflight;
import ficus.connectors.preflight.PreflightReport;
import ficus.connectors.preflight.Status;
import ficus.core.ExitCode;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ficus connectors preflight PLAN}. */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {
            "Checks that the legacy database is ready for the plan, before anything is",
            "deployed: wal_level, free replication slots and WAL senders, the user's",
            "rights, tables and keys, sensitive columns, publication, slot, WAL retention",
            "limit, heartbeat and signal tables. Each check is PASS, WARN or FAIL, with the",
            "SQL that fixes it (each runs as printed). A slot held by the plan's own connector",
            "(asked of Connect at --connect-url) is reported as in use, not as a failure.",
            "With --spec, the TOAST check warns only about columns those translations read.",
            "Exit 1 if any check fails.",
            "",
            "Example:",
            "  ficus connectors preflight plans/orders.yaml --spec translations/"})
public final class PreflightCommand implements Callable<Integer> {

    @Mixin
    PlanFile plan;

    @Mixin
    ConnectOptions connect;

    @CommandLine.Option(names = "--spec", paramLabel = "FILE_OR_DIR",
            description = "A translation spec (YAML) fed by this plan, or a folder of them (repeatable): the TOAST "
                    + "check then reports a TOASTable column as a risk only when a translation reads it.")
    List<Path> specs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CapturePlan loaded = plan.load();
        MappedColumns mapped = mapped();
        PreflightReport report = Preflight.run(loaded, deployedHoldsSlot(loaded), mapped);
        print(spec.commandLine().getOut(), report);
        long fails = report.checks().stream().filter(c -> c.status() == Status.FAIL).count();
        long warns = report.checks().stream().filter(c -> c.status() == Status.WARN).count();
        spec.commandLine().getOut().printf("preflight: %s — %d failed, %d warnings, %d passed (%s against %s:%d/%s)%n",
                report.passed() ? "ready" : "NOT ready", fails, warns, report.checks().size() - fails - warns,
                plan.file, loaded.connection().host(), loaded.connection().port(), loaded.connection().database());
        return report.passed() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    /** The columns the named translations read; unknown without --spec. Each spec is loaded (and refused) first. */
    private MappedColumns mapped() {
        if (specs.isEmpty()) {
            return MappedColumns.unknown();
        }
        MappedColumns mapped = MappedColumns.known();
        for (Path file : AclOptions.specFiles(specs)) {
            TranslationSpec translation = TranslationSpecLoader.load(file);
            java.util.Map<String, java.util.Set<String>> read = translation.columnsRead();
            for (TableSpec table : translation.tables()) {
                TableId id = new TableId(table.schema(), table.name());
                read.getOrDefault(table.table(), java.util.Set.of()).forEach(column -> mapped.read(id, column,
                        "translation " + translation.name()));
            }
        }
        return mapped;
    }

    /** Whether Connect runs this plan's connector on this plan's slot; false when Connect cannot be asked. */
    private boolean deployedHoldsSlot(CapturePlan loaded) {
        try {
            return connect.client().config(loaded.name())
                    .map(c -> loaded.slotName().equals(c.get("slot.name"))).orElse(false);
        } catch (ficus.core.FicusException e) {
            org.slf4j.LoggerFactory.getLogger(PreflightCommand.class).info("preflight: could not ask Connect at {}"
                    + " about connector {}: {}", connect.url, loaded.name(), e.getMessage());
            return false;
        }
    }

    static void print(PrintWriter out, PreflightReport report) {
        int width = report.checks().stream().mapToInt(c -> c.name().length()).max().orElse(10);
        for (CheckResult check : report.checks()) {
            out.printf("%-4s  %-" + width + "s  %s%n", check.status(), check.name(), check.detail());
            if (check.status() != Status.PASS && check.fixSql() != null && !check.fixSql().isBlank()) {
                check.fixSql().lines().forEach(sql -> out.printf("      %-" + width + "s  fix: %s%n", "", sql));
            }
        }
    }
}
