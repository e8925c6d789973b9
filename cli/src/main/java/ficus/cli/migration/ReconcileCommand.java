package ficus.cli.migration;

import ficus.acl.spec.TranslationSpec;
import ficus.cli.acl.AclOptions;
import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
import ficus.core.ExitCode;
import ficus.migration.backfill.BackfillSettings;
import ficus.migration.reconcile.ReadModel;
import ficus.migration.reconcile.ReadModelLoader;
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

/** {@code ficus reconcile SPEC --read-model FILE ...}. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {
            "Compares the legacy projection of every aggregate (through the same",
            "translation as the stream: the SPEC given) with a component's read model,",
            "declared in a YAML file (table or query, key columns, field → column), in key",
            "order, field by field; reports missing, extra and different keys with samples,",
            "and writes a JSON report. --redrive re-states exactly the keys that differ",
            "through the layer and reconciles again. Exit 0 only when drift is 0."})
public final class ReconcileCommand implements Callable<Integer> {

    @Mixin
    TranslationTarget target;

    @Option(names = "--read-model", required = true, paramLabel = "FILE",
            description = "The component's read model (YAML), e.g. read-models/order-view.yaml.")
    Path readModel;

    @Option(names = "--component-url", required = true, paramLabel = "JDBC_URL", description = "The component's database.")
    String componentUrl;

    @Option(names = "--component-user", paramLabel = "USER", description = "User for --component-url.")
    String componentUser;

    @Option(names = "--component-password-env", paramLabel = "VAR", description = "Environment variable with its password.")
    String componentPasswordEnv;

    @Option(names = "--report", defaultValue = "reconcile-report.json", paramLabel = "FILE",
            description = "Where to write the JSON report. Default: ${DEFAULT-VALUE}")
    Path report;

    @Option(names = "--redrive", description = "Re-drive the keys that differ through the layer, then reconcile again.")
    boolean redrive;

    @Mixin
    BatchDatabaseOptions batch;

    @Mixin
    AclOptions acl;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TranslationSpec translation = target.spec(spec.commandLine());
        ReadModel model = ReadModelLoader.load(readModel);
        if (redrive && !batch.given()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--redrive needs --batch-url");
        }
        ficus.migration.reconcile.QuickReconciliation.check(translation, model);
        CapturePlan loaded = target.plan();
        DataSource legacy = LegacyDatabase.dataSource(loaded);
        DataSource componentDb = Jdbc.dataSource("--component-url", componentUrl, componentUser, componentPasswordEnv);
        ReconcileSettings settings = ReconcileSettings.of(legacy, componentDb, translation, model)
                .withReportFile(report);
        if (batch.given()) {
            settings = settings.withBatch(batch.dataSource());
        }
        if (redrive) {
            settings = settings.withRedrive(BackfillSettings.of(loaded, legacy, settings.batch(), acl.settings())
                    .withSpec(translation)
                    .withReplayTopic(TranslationTarget.replayTopic(spec.commandLine(), acl, translation)),
                    ReconcileSettings.DEFAULT_REDRIVE_TIMEOUT);
        }
        ReconciliationReport result = Reconciliation.run(settings);
        spec.commandLine().getOut().println(result.summary());
        spec.commandLine().getOut().println("reconcile: report written to " + report);
        return result.success() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }
}
