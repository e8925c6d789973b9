package ficus.cli.migration;

import ficus.cli.acl.AclOptions;
import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
import ficus.core.ExitCode;
import ficus.migration.backfill.BackfillSettings;
import ficus.migration.reconcile.ReadModel;
import ficus.migration.reconcile.ReconcileSettings;
import ficus.migration.reconcile.Reconciliation;
import ficus.migration.reconcile.ReconciliationReport;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ficus reconcile TRANSLATION --component NAME ...}. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {
            "Compares the legacy projection of every aggregate (through the same",
            "translation as the stream) with a component's read model, in key order, field",
            "by field; reports missing, extra and different keys with samples, and writes a",
            "JSON report. --redrive repairs exactly the keys that differ and reconciles",
            "again. Exit 0 only when drift is 0."})
public final class ReconcileCommand implements Callable<Integer> {

    @Mixin
    TranslationTarget target;

    @Option(names = "--component", required = true, paramLabel = "NAME", description = "The component, e.g. customer-status.")
    String component;

    @Option(names = "--component-url", required = true, paramLabel = "JDBC_URL", description = "The component's database.")
    String componentUrl;

    @Option(names = "--component-user", paramLabel = "USER", description = "User for --component-url.")
    String componentUser;

    @Option(names = "--component-password-env", paramLabel = "VAR", description = "Environment variable with its password.")
    String componentPasswordEnv;

    @Option(names = "--report", defaultValue = "reconcile-report.json", paramLabel = "FILE",
            description = "Where to write the JSON report. Default: ${DEFAULT-VALUE}")
    Path report;

    @Option(names = "--redrive", description = "Re-drive the keys that differ through the backfill path, then reconcile again.")
    boolean redrive;

    @Mixin
    BatchDatabaseOptions batch;

    @Mixin
    AclOptions acl;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CapturePlan loaded = target.load(spec.commandLine());
        DataSource legacy = LegacyDatabase.dataSource(loaded);
        DataSource componentDb = Jdbc.dataSource("--component-url", componentUrl, componentUser, componentPasswordEnv);
        ReconcileSettings settings = ReconcileSettings.of(legacy, componentDb, ReadModel.forComponent(component))
                .withReportFile(report);
        if (redrive) {
            if (!batch.given()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--redrive needs --batch-url");
            }
            DataSource batchDb = batch.dataSource();
            settings = settings.withBatch(batchDb).withRedrive(BackfillSettings.of(loaded, legacy, batchDb,
                    acl.settings()), ReconcileSettings.DEFAULT_REDRIVE_TIMEOUT);
        }
        ReconciliationReport result = Reconciliation.run(settings);
        spec.commandLine().getOut().println(result.summary());
        spec.commandLine().getOut().println("reconcile: report written to " + report);
        return result.success() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }
}
