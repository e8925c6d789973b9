package ficus.cli.acl;

import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.AntiCorruptionLayer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ficus acl run}: the anti-corruption layer as a long-running process. */
@Command(name = "acl", mixinStandardHelpOptions = true,
        description = "The anti-corruption layer (Kafka Streams): translates raw change topics into domain events.",
        subcommands = AclCommand.Run.class)
public final class AclCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {
                "Runs the layer until Ctrl-C or SIGTERM: raw topics in, domain events out,",
                "untranslatable changes to the dead-letter topic with their reason. Each --spec",
                "(or each spec in a folder) is its own translation with its own stores and topics;",
                "start more instances with the same specs to share the partitions. With --plan,",
                "the raw topics come from the capture plan and each spec is checked against it",
                "first (and against the database with --check-database), as 'ficus translate",
                "check' does: a spec that does not fit creates no topics. Prints its figures every",
                "--report-every, and serves its Prometheus metrics (the layer's own, its Kafka",
                "Streams clients', the JVM's) at http://<--metrics-host>:<--metrics-port>/metrics.",
                "",
                "Example:",
                "  ficus acl run --spec translations/ --plan plans/orders.yaml --bootstrap-servers kafka:9092"})
    static final class Run implements Callable<Integer> {

        @Mixin
        AclOptions acl;

        @Mixin
        ficus.cli.metrics.MetricsOptions metricsOptions;

        @Option(names = "--plan", paramLabel = "PLAN",
                description = "The capture plan (YAML) that feeds the specs: their raw topics' prefix is its source, "
                        + "and each spec is checked against it before anything starts.")
        java.nio.file.Path plan;

        @Option(names = "--check-database", description = "With --plan: also check each spec against the legacy "
                + "database (its columns, types and keys), through the plan's connection.")
        boolean checkDatabase;

        @Option(names = "--store", paramLabel = "KIND",
                description = "Where the aggregates live: rocksdb (any number of aggregates, off the heap) "
                        + "or in-memory (on the heap, ~0.5 KiB per aggregate; cheaper per change, every start "
                        + "restores the whole changelog). Changelogged either way. Default: rocksdb")
        String store;

        @Option(names = "--threads", paramLabel = "N",
                description = "Stream threads of this instance. Default: one per partition of the raw topic, "
                        + "at most one per core.")
        Integer threads;

        @Option(names = "--cache-entries", paramLabel = "N",
                description = "Aggregates kept deserialized per task in front of the store (~1 KiB each; 0 = off). "
                        + "Default: " + AclSettings.DEFAULT_AGGREGATE_CACHE_ENTRIES)
        Integer cacheEntries;

        @Option(names = "--instance-id", paramLabel = "NAME",
                description = "A stable name for this instance: Kafka's static group membership (group.instance.id). "
                        + "Killed and started again under the same name, the instance takes its partitions back at "
                        + "once instead of after the session timeout (45 s). Every instance of an application id "
                        + "needs its own name, e.g. the pod name of a StatefulSet. Default: none (dynamic membership)")
        String instanceId;

        @Option(names = "--streams-property", paramLabel = "KEY=VALUE",
                description = "Any other Kafka Streams or client property (repeatable), e.g. security settings: "
                        + "--streams-property security.protocol=SSL. Wins over the defaults.")
        java.util.Map<String, String> streamsProperties = new java.util.LinkedHashMap<>();

        @Option(names = "--report-every", defaultValue = "10s", paramLabel = "DURATION",
                converter = ficus.cli.DurationConverter.class,
                description = "How often to print the figures. Default: ${DEFAULT-VALUE}")
        Duration reportEvery;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** Counted down by SIGTERM / Ctrl-C (a shutdown hook), or by {@link #requestStop()}. */
        private final CountDownLatch stop = new CountDownLatch(1);
        /** Counted down once the layers are closed: the shutdown hook holds the JVM until then. */
        private final CountDownLatch closed = new CountDownLatch(1);
        /** How long SIGTERM waits for the layers to close (each bounded by its own close timeout). */
        private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

        /** Stops the layers as SIGTERM does (tests run the command in-process). */
        void requestStop() {
            stop.countDown();
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            ficus.connectors.plan.CapturePlan capture = null;
            if (plan != null) {
                capture = new ficus.connectors.plan.CapturePlanLoader().load(plan);
                acl.source = capture.source();
            } else if (checkDatabase) {
                throw new ficus.core.FicusException.BadInput("--check-database: needs --plan (its connection)");
            }
            // the tuning options first, so a wrong value is refused before any spec is read
            tuned(new AclSettings(acl.bootstrapServers, "probe", java.nio.file.Path.of("."), "raw", "domain", "dlq",
                    AclSettings.DEFAULT_PROCESSING_GUARANTEE, java.util.Map.of(), "unused"));
            java.util.List<AclSettings> all = new java.util.ArrayList<>();
            for (AclSettings one : acl.all()) {
                all.add(tuned(one));
            }
            if (capture != null) {
                check(all, capture);
            }
            java.util.List<AntiCorruptionLayer> layers = new java.util.ArrayList<>();
            boolean running = false;
            ficus.cli.metrics.MetricsEndpoint metrics = metricsOptions.start(); // a port in use: exit 2, nothing started
            out.println("acl: metrics at " + metrics.url());
            // SIGTERM: the JVM exits when the shutdown hooks return, so the hook waits until the layers are closed
            // (committed, state checkpointed, consumer group left); otherwise a restart finds no checkpoint and waits
            // for the old member's session to time out
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    if (!closed.await(CLOSE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        System.err.println("acl: the layers did not close within " + CLOSE_WAIT.toSeconds() + " s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ficus-acl-stop");
            try {
                for (AclSettings settings : all) {
                    layers.add(AntiCorruptionLayer.start(settings, metrics.registry()));
                    out.println("acl: " + settings.applicationId() + " translating " + settings.rawTopic() + " → "
                            + settings.domainTopic() + " (dead letters → " + settings.deadLetterTopic() + ") on "
                            + settings.bootstrapServers());
                }
                out.flush();
                Runtime.getRuntime().addShutdownHook(hook);
                running = true;
                while (!stop.await(reportEvery.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    for (AntiCorruptionLayer layer : layers) {
                        var dropped = layer.metrics().rateWatch().dropped();
                        out.println("acl: " + layer.settings().applicationId() + " " + layer.state() + " "
                                + layer.metrics() + (dropped.isEmpty() ? "" : " rate drop: " + dropped.stream()
                                .map(r -> String.format(java.util.Locale.ROOT, "%s %.1f/s (normal %.1f/s)", r.type(),
                                        r.rate(), r.normal())).collect(java.util.stream.Collectors.joining(", "))));
                    }
                    out.flush();
                }
            } finally {
                for (AntiCorruptionLayer layer : layers) {
                    layer.close();
                }
                metrics.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNotAdded) {
                    // the JVM is exiting (SIGTERM), or a layer failed to start before the hook was added
                }
                if (running) {
                    out.println("acl: stopped");
                    out.flush();
                }
                closed.countDown();
            }
            return 0;
        }

        private AclSettings tuned(AclSettings settings) {
            for (java.util.Map.Entry<String, String> property : streamsProperties.entrySet()) {
                settings = settings.withProperty(property.getKey(), property.getValue());
            }
            if (instanceId != null) {
                if (instanceId.isBlank()) {
                    throw new ficus.core.FicusException.BadInput("--instance-id must not be blank");
                }
                settings = settings.withProperty(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                        instanceId);
            }
            if (store != null) {
                settings = settings.withProperty(AclSettings.AGGREGATE_STORE_CONFIG, store);
            }
            if (threads != null) {
                if (threads < 1) {
                    throw new ficus.core.FicusException.BadInput("--threads must be at least 1, was " + threads);
                }
                settings = settings.withProperty(org.apache.kafka.streams.StreamsConfig.NUM_STREAM_THREADS_CONFIG,
                        Integer.toString(threads));
            }
            if (cacheEntries != null) {
                settings = settings.withProperty(AclSettings.AGGREGATE_CACHE_ENTRIES_CONFIG,
                        Integer.toString(cacheEntries));
            }
            return settings.validated();
        }

        /** Each spec against the plan (and its database): every problem, one line each, before anything starts. */
        private void check(java.util.List<AclSettings> all, ficus.connectors.plan.CapturePlan capture) {
            java.util.List<String> problems = new java.util.ArrayList<>();
            ficus.acl.check.LegacyCatalog catalog = checkDatabase ? new ficus.acl.check.JdbcCatalog(
                    ficus.connectors.legacy.LegacyDatabase.dataSource(capture)) : null;
            for (AclSettings settings : all) {
                ficus.acl.check.SpecCheck.check(settings.spec(), ficus.cli.translate.TranslateCommand.scope(capture,
                        plan), catalog).forEach(p -> problems.add(p.toString()));
            }
            if (!problems.isEmpty()) {
                throw new ficus.core.FicusException.BadInput(String.join(System.lineSeparator(), problems));
            }
        }
    }
}
