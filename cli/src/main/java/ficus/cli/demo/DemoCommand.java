package ficus.cli.demo;

import ficus.cli.DurationConverter;
import ficus.core.ExitCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ficus demo}: the whole flow on the embedded default stack, end to end. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Carves the first component off a running legacy database, end to end, on",
            "the embedded stack: starts PostgreSQL with a sample legacy system (--sample",
            "crm: the lead-generation CRM; orders: the order-management database), a Kafka",
            "broker and a Kafka Connect worker; deploys the sample's Debezium connector",
            "through Connect's REST API; starts the anti-corruption layer (Kafka Streams)",
            "on the sample's translation spec and the sample's component (customer-status,",
            "order-tracking; own database); runs the legacy workload with live progress.",
            "After --duration (or Ctrl-C) it stops the workload, waits for the pipeline",
            "to drain, reconciles legacy against the component and prints one summary:",
            "  demo: captured=N translated=N applied=N dead_letters=N drift=N ...",
            "Exit 0 only when drift is 0. Its Prometheus metrics (the layer's, the",
            "component's, Debezium's and Kafka Connect's, the JVM's) are served at",
            "http://127.0.0.1:<--metrics-port>/metrics while it runs.",
            "",
            "Example:",
            "  ./ficus demo --sample orders --size 5000 --duration 60s",
            ""})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the legacy workload runs, e.g. 60s, 5m, 1h30m. Default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--sample", defaultValue = "crm", paramLabel = "NAME",
            description = "The sample legacy system: crm or orders. Default: ${DEFAULT-VALUE}")
    String sample;

    @Option(names = {"--size", "--customers"}, defaultValue = "10000", paramLabel = "N",
            description = "Root rows seeded in the sample: customers of the CRM, orders of the orders sample. "
                    + "Default: ${DEFAULT-VALUE}")
    int customers;

    @Option(names = "--rate", defaultValue = "50", paramLabel = "OPS",
            description = "Legacy write operations per second (registrations, status and address changes, deletes,"
                    + " nightly touches). Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--work-dir", defaultValue = ".ficus/demo", paramLabel = "DIR",
            description = "Where the stack keeps its data; wiped at start. Default: ${DEFAULT-VALUE}")
    Path workDir;

    @Option(names = "--clean", description = "Remove the work directory when the demo ends.")
    boolean clean;

    @Option(names = "--drain-timeout", defaultValue = "120s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the pipeline to drain after the workload stops. Default: ${DEFAULT-VALUE}")
    Duration drainTimeout;

    @Option(names = "--metrics-port", defaultValue = "" + ficus.cli.metrics.MetricsEndpoint.DEFAULT_PORT,
            paramLabel = "PORT",
            description = "Port of the demo's Prometheus endpoint on 127.0.0.1 (GET /metrics); 0 picks a free one, "
                    + "printed at start. Default: ${DEFAULT-VALUE}")
    int metricsPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (customers < 1 || customers > 999_999) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--size must be between 1 and 999999, not " + customers);
        }
        if (!(rate > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be positive, not " + rate);
        }
        if (duration != null && duration.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--duration must be longer than 0s");
        }
        DemoOptions options = new DemoOptions(duration, customers, rate, workDir, clean, drainTimeout,
                DemoSample.forCode(sample), metricsPort);
        DemoSummary summary = DemoRun.withOwnSandbox(options, new Progress(spec.commandLine().getOut()));
        return summary.drift() == 0 ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }
}
