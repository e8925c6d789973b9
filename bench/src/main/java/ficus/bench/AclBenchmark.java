package ficus.bench;

import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.AntiCorruptionLayer;
import ficus.sandbox.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Translation throughput of the anti-corruption layer against a plain consume→produce pass-through of the same raw
 * records, in one run on one broker. Both are Kafka Streams applications with the same delivery guarantee
 * ({@code exactly_once_v2}), the same commit interval ({@value AclSettings#COMMIT_INTERVAL_MS} ms) and producer batch
 * size ({@value AclSettings#PRODUCER_BATCH_SIZE} bytes), the same number of stream threads (the layer's default),
 * reading the same pre-produced topic from the beginning. The pass-through forwards key, value and headers as bytes;
 * the ACL parses, translates, keeps its snapshot store (changelogged) and writes events or dead letters.
 *
 * <p>Throughput = records / (time of the last record's final outcome − time of the first), so start-up and
 * rebalancing are not counted for either; the ACL's figure includes its repartition round trip through Kafka (by
 * customer id, for multi-table aggregates), which is part of the layer. Usage: {@code AclBenchmark [records] [repetitions]}.
 */
public final class AclBenchmark {

    /** Which legacy changes: {@code crm} (the CRM's crm.cust, default) or {@code orders} (erp."SalesOrder"). */
    private static final String WORKLOAD = System.getProperty("ficus.bench.workload", "crm");
    private static final boolean ORDERS = WORKLOAD.equals("orders");
    private static final String SOURCE = ORDERS ? "orders" : "legacy";
    private static final String RAW = ORDERS ? "orders.erp.SalesOrder" : "legacy.crm.cust";
    private static final int PARTITIONS = 2;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    /** Producer batch size of both applications: the ACL's default unless {@code -Dficus.bench.batchSize=<bytes>}. */
    /**
     * {@code -Dficus.bench.baseline=defaults}: the pass-through runs with Kafka Streams' defaults (plus the commit
     * interval), as the first version of this benchmark did; by default it gets the ACL's client settings too.
     */
    private static final boolean TUNED_BASELINE = !"defaults".equals(System.getProperty("ficus.bench.baseline"));
    /** The ACL's aggregate store: its default (RocksDB) unless {@code -Dficus.bench.store=in-memory}. */
    private static final String STORE = System.getProperty("ficus.bench.store",
            ficus.acl.runtime.AggregateStoreKind.ROCKSDB.configValue());
    /** Stream threads of both applications: the ACL's default for the raw topic's partitions. */
    private static final int THREADS = AclSettings.defaultStreamThreads(PARTITIONS);
    private static final String BATCH_SIZE = System.getProperty("ficus.bench.batchSize",
            Integer.toString(AclSettings.PRODUCER_BATCH_SIZE));

    /**
     * The translation spec the benchmark runs ({@code -Dficus.bench.spec=LOCATION}); default: the sample CRM's customer
     * spec, whose raw changes {@link LegacyChanges} writes.
     */
    static final String SPEC = System.getProperty("ficus.bench.spec", ORDERS
            ? "classpath:ficus/samples/orders/translations/order.yaml"
            : "classpath:ficus/samples/crm/translations/customer.yaml");

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path work = Files.createTempDirectory("ficus-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(work), "bench-cleanup"));
        System.out.printf("ficus ACL benchmark: %,d raw crm.cust changes, %d repetitions, %d partitions, JDK %s, "
                + "%d cores, max heap %d MiB; %d stream thread(s) each; ACL aggregate store %s, producer batch.size "
                + "%s; pass-through %s%n", records, repetitions, PARTITIONS, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, THREADS, STORE,
                BATCH_SIZE, TUNED_BASELINE
                        ? "with the ACL's client settings (batch.size, max.task.idle.ms)"
                        : "with Kafka Streams defaults (-Dficus.bench.baseline=defaults)");

        List<LegacyChanges.Change> changes = ORDERS ? OrderChanges.generate(records, 0.30)
                : LegacyChanges.generate(records, 0.30);
        long bytes = changes.stream().mapToLong(c -> c.key().length + c.value().length).sum();
        System.out.printf("workload %s (%s, spec %s): 30%% snapshot reads, then streamed: 40%% status updates, 35%% "
                + "no-op touches, 15%% detail changes, 8%% inserts, 2%% deletes; %,d bytes (avg %d B/record)%n",
                WORKLOAD, RAW, SPEC, bytes, bytes / records);

        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), PARTITIONS)) {
            String bootstrap = broker.bootstrapServers();
            produce(bootstrap, changes);
            changes = null; // the records are in Kafka now; ~1 KiB each must not stay live through the measured runs
            System.gc();
            List<double[]> results = new ArrayList<>();
            for (int rep = 1; rep <= repetitions; rep++) {
                double baseline = passThrough(bootstrap, work, rep, records);
                double acl = antiCorruptionLayer(bootstrap, work, rep, records);
                results.add(new double[] {baseline, acl});
                System.out.printf("rep %d%s: pass-through %,10.0f rec/s | ACL %,10.0f rec/s | ACL/pass-through %.2f%n",
                        rep, rep == 1 ? " (warm-up)" : "", baseline, acl, acl / baseline);
            }
            List<double[]> measured = results.size() > 1 ? results.subList(1, results.size()) : results;
            double baseline = median(measured.stream().mapToDouble(r -> r[0]).toArray());
            double acl = median(measured.stream().mapToDouble(r -> r[1]).toArray());
            System.out.printf("median of reps 2..%d: pass-through %,.0f rec/s | ACL %,.0f rec/s | ACL/pass-through "
                    + "%.2f (goal >= 0.70)%n", repetitions, baseline, acl, acl / baseline);
        }
    }

    private static void produce(String bootstrap, List<LegacyChanges.Change> changes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(RAW, PARTITIONS, (short) 1))).all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (LegacyChanges.Change change : changes) {
                producer.send(new ProducerRecord<>(RAW, change.key(), change.value()));
            }
            producer.flush();
        }
        System.out.printf("produced %,d raw records to %s once in %.1f s%n", changes.size(), RAW,
                (System.nanoTime() - start) / 1e9);
    }

    /** Kafka Streams forwarding bytes: same guarantee, commit interval and threads as the ACL. */
    private static double passThrough(String bootstrap, Path work, int rep, int records) throws Exception {
        AtomicLong processed = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(RAW, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .peek((k, v) -> processed.incrementAndGet())
                .to("bench.passthrough." + rep, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-passthrough-" + rep);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("passthrough-" + rep).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, AclSettings.DEFAULT_PROCESSING_GUARANTEE);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(AclSettings.COMMIT_INTERVAL_MS));
        if (TUNED_BASELINE) {
            // the ACL's client tuning too, so that only the work differs, not the configuration
            props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), BATCH_SIZE);
            props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(AclSettings.MAX_TASK_IDLE_MS));
        }
        props.put("consumer.auto.offset.reset", "earliest");
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(THREADS));
        createOutput(bootstrap, "bench.passthrough." + rep);
        try (KafkaStreams streams = new KafkaStreams(builder.build(props), props)) {
            streams.start();
            double rate = measure(processed::get, records, "bench-passthrough-" + rep);
            streams.close(Duration.ofSeconds(30));
            return rate;
        }
    }

    /** The ACL exactly as shipped: {@link AclSettings#of} the spec, own application id and output topics per run. */
    private static double antiCorruptionLayer(String bootstrap, Path work, int rep, int records) throws Exception {
        AclSettings settings = AclSettings.of(bootstrap, work.resolve("acl-" + rep), SPEC, SOURCE)
                .withApplicationId("bench-acl-" + rep)
                .withTopics(RAW, "bench.domain." + rep, "bench.dlq." + rep)
                .withProperty("consumer.auto.offset.reset", "earliest")
                .withProperty(AclSettings.AGGREGATE_STORE_CONFIG, STORE)
                .withProperty(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), BATCH_SIZE);
        try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(settings)) {
            // done when every change has its final outcome (the layer repartitions by customer id, so "consumed"
            // runs ahead of the translation): consumed == translated + skipped + duplicates + deadLettered
            double rate = measure(() -> outcomes(acl), records, "bench-acl-" + rep);
            System.out.printf("      ACL outcome: %s%n", acl.metrics());
            return rate;
        }
    }

    private static long outcomes(AntiCorruptionLayer acl) {
        var m = acl.metrics();
        return m.translated() + m.skipped() + m.duplicates() + m.deadLettered();
    }

    private static void createOutput(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
    }

    /**
     * Records per second between the first and the last record processed; also prints how busy the application's
     * stream threads were in that time (their CPU time over the wall time), which tells CPU-bound from waiting.
     */
    private static double measure(LongSupplier processed, int records, String applicationId)
            throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (processed.getAsLong() == 0) {
            check(deadline, processed, records);
            Thread.onSpinWait();
            Thread.sleep(0, 200_000);
        }
        long first = System.nanoTime();
        long firstCount = processed.getAsLong();
        Map<Long, Long> cpuAtStart = streamThreadCpu(applicationId);
        long processCpuAtStart = processCpu();
        while (processed.getAsLong() < records) {
            check(deadline, processed, records);
            Thread.sleep(1);
        }
        long last = System.nanoTime();
        Map<Long, Long> cpuAtEnd = streamThreadCpu(applicationId);
        long processCpu = processCpu() - processCpuAtStart;
        long cpu = 0;
        for (Map.Entry<Long, Long> thread : cpuAtEnd.entrySet()) {
            cpu += thread.getValue() - cpuAtStart.getOrDefault(thread.getKey(), 0L);
        }
        System.out.printf("      %s: stream threads CPU %.2f s of %.2f s wall (%.0f %% of one core), %.1f µs/record; "
                + "whole JVM (broker included) %.1f µs CPU/record%n", applicationId, cpu / 1e9, (last - first) / 1e9,
                100.0 * cpu / (last - first), cpu / 1e3 / (records - firstCount),
                processCpu / 1e3 / (records - firstCount));
        return (records - firstCount) / ((last - first) / 1e9);
    }

    /** The work directory (broker log, state stores: gigabytes after a long run) goes when the benchmark ends. */
    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }

    /** CPU time (ns) of this JVM, all threads (the broker runs in it too). */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time (ns) of each stream thread of the application, by thread id. */
    private static Map<Long, Long> streamThreadCpu(String applicationId) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(applicationId + "-") && thread.getName().contains("-StreamThread-")) {
                cpu.put(thread.threadId(), threads.getThreadCpuTime(thread.threadId()));
            }
        }
        return cpu;
    }

    private static void check(long deadline, LongSupplier processed, int records) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("only " + processed.getAsLong() + " of " + records + " records processed "
                    + "within " + RUN_TIMEOUT);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private AclBenchmark() {
    }
}
