package ficus.cli.connectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ficus connectors}: the platform team's connector lifecycle. */
@Command(name = "connectors",
        mixinStandardHelpOptions = true,
        description = {
            "The connector lifecycle for the platform team: a capture plan (YAML, in git) is",
            "checked against the legacy database (preflight), rendered (Connect JSON or a",
            "Strimzi KafkaConnector), deployed through the Kafka Connect REST API after",
            "Connect's own validation and a readable diff, then watched and repaired.",
            ""},
        subcommands = {
            PreflightCommand.class, RenderCommand.class, DeployCommand.class, StatusCommand.class,
            LifecycleCommands.Restart.class, LifecycleCommands.Pause.class, LifecycleCommands.Resume.class,
            LifecycleCommands.Stop.class, DeleteCommand.class, OffsetsCommand.class, SnapshotCommand.class})
public final class ConnectorsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
