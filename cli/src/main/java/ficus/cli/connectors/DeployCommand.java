package ficus.cli.connectors;

import ficus.cli.DurationConverter;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.deploy.DeployOptions;
import ficus.connectors.deploy.DeployResult;
import ficus.connectors.plan.CapturePlan;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ficus connectors deploy PLAN --connect-url URL [--dry-run]}. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {
            "Deploys the plan's connector, checking before it acts: preflight against the",
            "legacy database, Connect's own /config/validate, a readable diff against the",
            "deployed config, then an idempotent PUT, then a bounded wait until the",
            "connector and every task run (else the task's error, exit 1). Deploying the",
            "same plan twice changes nothing and says so. Nothing is deployed when a check",
            "fails."})
public final class DeployCommand implements Callable<Integer> {

    @Mixin
    PlanFile plan;

    @Mixin
    ConnectOptions connect;

    @Option(names = "--dry-run", description = "Check and show the diff; change nothing.")
    boolean dryRun;

    @Option(names = "--skip-preflight", description = "Do not check the legacy database first (not recommended).")
    boolean skipPreflight;

    @Option(names = "--timeout", defaultValue = "90s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the connector and its tasks to run. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CapturePlan loaded = plan.load();
        PrintWriter out = spec.commandLine().getOut();
        DeployResult result = new ConnectorDeployer(connect.client())
                .deploy(loaded, new DeployOptions(dryRun, !skipPreflight, timeout));
        if (!result.diff().isEmpty()) {
            out.println(result.diff().render().stripTrailing());
        }
        out.println("deploy: connector " + result.connector() + " " + describe(result) + " at " + connect.url);
        return 0;
    }

    private String describe(DeployResult result) {
        if (dryRun) {
            return result.diff().isEmpty() ? "is up to date (dry run, nothing changed)"
                    : "would change as shown (dry run, nothing changed)";
        }
        return switch (result.outcome().name()) {
            case "CREATED" -> "created and RUNNING";
            case "UPDATED" -> "updated and RUNNING";
            case "UNCHANGED" -> "unchanged (already deployed with this config) and RUNNING";
            default -> result.outcome().name().toLowerCase();
        };
    }
}
