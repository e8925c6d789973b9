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
                "untranslatable changes to the dead-letter topic with their reason. Start more",
                "instances with the same --application-id to share the partitions. Prints its",
                "figures every --report-every."})
    static final class Run implements Callable<Integer> {

        @Mixin
        AclOptions acl;

        @Option(names = "--store", paramLabel = "KIND",
                description = "Where the customer aggregates live: rocksdb (any number of customers, off the heap) "
                        + "or in-memory (on the heap, ~0.5 KiB per customer; cheaper per change, every start "
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

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            AclSettings settings = acl.settings();
            for (java.util.Map.Entry<String, String> property : streamsProperties.entrySet()) {
                settings = settings.withProperty(property.getKey(), property.getValue());
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
            settings = settings.validated();
            CountDownLatch stop = new CountDownLatch(1);
            try (AntiCorruptionLayer layer = AntiCorruptionLayer.start(settings)) {
                Thread hook = new Thread(stop::countDown, "ficus-acl-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                out.println("acl: " + settings.applicationId() + " translating " + settings.rawTopic() + " → "
                        + settings.domainTopic() + " (dead letters → " + settings.deadLetterTopic() + ") on "
                        + settings.bootstrapServers());
                out.flush();
                while (!stop.await(reportEvery.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    out.println("acl: " + layer.state() + " " + layer.metrics());
                    out.flush();
                }
            }
            out.println("acl: stopped");
            return 0;
        }
    }
}
