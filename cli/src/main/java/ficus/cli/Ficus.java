package ficus.cli;

import ficus.cli.acl.AclCommand;
import ficus.cli.component.ComponentCommand;
import ficus.cli.connectors.ConnectorsCommand;
import ficus.cli.contracts.ContractsCommand;
import ficus.cli.demo.DemoCommand;
import ficus.cli.dlq.DlqCommand;
import ficus.cli.migration.BackfillCommand;
import ficus.cli.migration.PrepareCommand;
import ficus.cli.migration.ReconcileCommand;
import ficus.cli.sandbox.SandboxCommand;
import ficus.cli.topics.TopicsCommand;
import ficus.core.ExitCode;
import ficus.core.FicusException;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ficus} command: puts the modules together. */
@Command(name = "ficus",
        mixinStandardHelpOptions = true,
        versionProvider = FicusVersion.class,
        description = {
            "Strangler-fig migrations off a coupled legacy database: capture committed",
            "changes with Debezium on Kafka Connect, translate them into versioned domain",
            "events, carve autonomous components off one capability at a time while the",
            "legacy system keeps running.",
            ""},
        subcommands = {DemoCommand.class, SandboxCommand.class, ConnectorsCommand.class, AclCommand.class,
            DlqCommand.class, TopicsCommand.class, ContractsCommand.class, ComponentCommand.class,
            PrepareCommand.class, BackfillCommand.class, ReconcileCommand.class,
            ficus.cli.translate.TranslateCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    success",
            "  1    the operation ran and did not succeed (failed connector, drift, time-out)",
            "  2    bad input: unknown option, malformed value, invalid plan (what and where)",
            "  3    a dependency (database, Kafka, Connect) could not be reached; retry later",
            "  130  interrupted (Ctrl-C) before the work finished"})
public final class Ficus implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The system property naming this process's log file (read by logback.xml). */
    public static final String LOG_FILE_PROPERTY = "ficus.log.file";

    public static void main(String[] args) {
        logFile(); // before the first logger: every process writes its own file
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * This process's log file: {@code -Dficus.log.file} if given, else
     * {@code .ficus/logs/ficus-<yyyyMMdd-HHmmss>-<pid>.log} under the working directory, so two commands running at
     * once never write (or truncate) one file.
     */
    public static String logFile() {
        String file = System.getProperty(LOG_FILE_PROPERTY);
        if (file == null) {
            String started = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .format(java.time.LocalDateTime.now());
            file = java.nio.file.Path.of(System.getProperty("user.dir"), ".ficus", "logs",
                    "ficus-" + started + "-" + ProcessHandle.current().pid() + ".log").toString();
            System.setProperty(LOG_FILE_PROPERTY, file);
        }
        return file;
    }

    /** Runs the CLI in-process (tests use this): returns the exit code, writes to the given streams. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        org.slf4j.LoggerFactory.getLogger(Ficus.class).info("ficus {} (pid {})", String.join(" ", args),
                ProcessHandle.current().pid());
        return commandLine(out, err).execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Ficus());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Ficus::oneLineUsageError);
        cli.setExecutionExceptionHandler(Ficus::oneLineFailure);
        cli.setExitCodeExceptionMapper(e -> e instanceof FicusException f ? f.exitCode().code() : ExitCode.FAILED.code());
        return cli;
    }

    /** Bad input: one line that says what is wrong and where to look, exit 2. */
    private static int oneLineUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        return ExitCode.BAD_INPUT.code();
    }

    private static int oneLineFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof FicusException f) {
            // one line: what is wrong, and where the details are when there are any
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + f.getMessage() + (f.getCause() == null
                    ? "" : " (details in " + System.getProperty(LOG_FILE_PROPERTY, "the log") + ")"));
            if (f.getCause() != null) {
                org.slf4j.LoggerFactory.getLogger(Ficus.class).warn("{} failed", cmd.getCommandSpec().qualifiedName(), f);
            }
            return f.exitCode().code();
        }
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": unexpected failure: " + e
                + " (the stack trace is in " + System.getProperty(LOG_FILE_PROPERTY, "the log") + ")");
        // WARN: the console shows Ficus's ERRORs; this one the user has just read, its stack belongs in the file
        org.slf4j.LoggerFactory.getLogger(Ficus.class).warn("unexpected failure", e);
        return ExitCode.FAILED.code();
    }
}
