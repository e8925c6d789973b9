package ficus.cli.connectors;

import ficus.cli.DurationConverter;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.connect.ConnectorStatus;
import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.status.ConnectorHealth;
import ficus.core.ExitCode;
import ficus.core.FicusException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ficus connectors status [PLAN...] [--watch]}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Per connector and task: state, a one-line summary of any failure; with",
            "plans, also the replication slot: active or not, and its lag in bytes",
            "(pg_current_wal_lsn() - confirmed_flush_lsn). Without plans: every connector",
            "the Connect cluster runs. Exit 1 if anything is unhealthy."})
public final class StatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PLAN", arity = "0..*", description = "Capture plans whose connectors and slots to show.")
    List<Path> plans = new ArrayList<>();

    @Mixin
    ConnectOptions connect;

    @Option(names = "--watch", description = "Repeat every --interval until Ctrl-C.")
    boolean watch;

    @Option(names = "--interval", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time between two reports with --watch. Default: ${DEFAULT-VALUE}")
    Duration interval;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        List<CapturePlan> loaded = plans.stream().map(p -> new CapturePlanLoader().load(p)).toList();
        ConnectClient client = connect.client();
        PrintWriter out = spec.commandLine().getOut();
        boolean healthy;
        do {
            if (watch) {
                out.println("-- " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + connect.url);
            }
            healthy = report(client, loaded, out);
            out.flush();
            if (watch) {
                Thread.sleep(interval);
            }
        } while (watch);
        return healthy ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    private static boolean report(ConnectClient client, List<CapturePlan> plans, PrintWriter out) {
        boolean healthy = true;
        if (plans.isEmpty()) {
            List<String> names = client.connectors();
            if (names.isEmpty()) {
                out.println("no connectors at " + client.url());
            }
            for (String name : names) {
                Optional<ConnectorStatus> status = client.status(name);
                if (status.isEmpty()) {
                    continue; // deleted between the two calls
                }
                out.println(status.get().summary());
                healthy &= status.get().isRunning();
            }
            return healthy;
        }
        for (CapturePlan plan : plans) {
            ConnectorHealth health;
            try {
                health = ConnectorHealth.of(client, plan, LegacyDatabase.dataSource(plan));
            } catch (FicusException.Unavailable e) {
                if (e.getMessage().contains(client.url().toString())) {
                    throw e;
                }
                // the database is out of reach: still show what Connect knows
                out.println(plan.name() + ": legacy database not reachable (" + e.getMessage() + ")");
                health = ConnectorHealth.of(client, plan, null);
            }
            out.println(health.render().stripTrailing());
            healthy &= health.healthy();
        }
        return healthy;
    }
}
