package ficus.cli.connectors;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The small lifecycle verbs: each one REST call on a named connector. */
final class LifecycleCommands {

    private LifecycleCommands() {
    }

    abstract static class OnConnector implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CONNECTOR", description = "The connector's name (the plan's name).")
        String name;

        @Mixin
        ConnectOptions connect;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        void say(String what) {
            spec.commandLine().getOut().println(spec.name() + ": connector " + name + " " + what + " at " + connect.url);
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Restarts the connector's failed tasks (all of it with --all-tasks).")
    static final class Restart extends OnConnector {
        @Option(names = "--all-tasks", description = "Restart the connector and every task, not only failed ones.")
        boolean allTasks;

        @Override
        public Integer call() {
            connect.client().restart(name, true, !allTasks);
            say(allTasks ? "and all its tasks restarted" : "restarted (failed tasks only)");
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pauses the connector: no new changes are read; the slot keeps WAL meanwhile.")
    static final class Pause extends OnConnector {
        @Override
        public Integer call() {
            connect.client().pause(name);
            say("paused (the replication slot retains WAL until you resume)");
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes a paused or stopped connector.")
    static final class Resume extends OnConnector {
        @Override
        public Integer call() {
            connect.client().resume(name);
            say("resumed");
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops the connector (tasks shut down, config kept); needed before resetting offsets.")
    static final class Stop extends OnConnector {
        @Override
        public Integer call() {
            connect.client().stop(name);
            say("stopped");
            return 0;
        }
    }
}
