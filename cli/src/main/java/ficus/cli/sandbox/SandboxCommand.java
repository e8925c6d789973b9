package ficus.cli.sandbox;

import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxConfig;
import ficus.sandbox.crm.LegacyWorkload;
import ficus.sandbox.crm.SampleCrm;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ficus sandbox}: the embedded stack on its own, for trying commands against it. */
@Command(name = "sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the embedded default stack and keeps it running until Ctrl-C:",
            "PostgreSQL 17 with logical replication (database 'legacy' with the sample",
            "CRM), a Kafka broker (KRaft) and a Kafka Connect worker with the Debezium",
            "PostgreSQL connector, all on 127.0.0.1 with free ports. Prints the endpoints",
            "to point other ficus commands (or psql, kcat, curl) at."})
public final class SandboxCommand implements Callable<Integer> {

    @Option(names = "--work-dir", defaultValue = ".ficus/sandbox", paramLabel = "DIR",
            description = "Where the stack keeps its data (wiped at start). Default: ${DEFAULT-VALUE}")
    Path workDir;

    @Option(names = "--customers", defaultValue = "10000", paramLabel = "N",
            description = "Customers to seed in the sample CRM. Default: ${DEFAULT-VALUE}")
    int customers;

    @Option(names = "--workload-rate", defaultValue = "0", paramLabel = "OPS",
            description = "Legacy write operations per second to keep running (0 = none). Default: ${DEFAULT-VALUE}")
    double workloadRate;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (customers < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--customers must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults(workDir))) {
            SampleCrm.install(sandbox.postgres().dataSource(Sandbox.LEGACY_DATABASE), customers);
            LegacyWorkload workload = workloadRate > 0
                    ? new LegacyWorkload(sandbox.postgres().dataSource(Sandbox.LEGACY_DATABASE), workloadRate, customers, 1).start()
                    : null;
            out.println("sandbox: running (Ctrl-C stops it)");
            out.println("  postgres   " + sandbox.postgres().jdbcUrl(Sandbox.LEGACY_DATABASE) + "  user postgres");
            out.println("  kafka      " + sandbox.bootstrapServers());
            out.println("  connect    " + sandbox.connectUrl());
            out.println("  password   " + sandbox.legacyPasswordReference() + "  (reference for capture plans)");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (workload != null) {
                    workload.stop();
                }
                stopped.countDown();
            }));
            stopped.await();
        }
        return 0;
    }
}
