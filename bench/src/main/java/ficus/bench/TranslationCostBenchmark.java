package ficus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.acl.aggregate.Aggregate;
import ficus.acl.aggregate.AggregateKey;
import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.aggregate.DomainEvent;
import ficus.acl.runtime.AggregateTopology;
import ficus.acl.runtime.BenchmarkAccess;
import ficus.acl.runtime.CloudEventHeaders;
import ficus.acl.runtime.EventJson;
import ficus.acl.runtime.JsonSupport;
import ficus.acl.runtime.DebeziumChangeParser;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.TranslationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * CPU cost per raw change of each step the anti-corruption layer runs for it, in one JVM without Kafka, on the
 * workload of {@link AclBenchmark} ({@code LegacyChanges.generate(records, 0.30)}). It calls the production classes
 * the way the runtime does ({@code ChangeRouter}, {@code TranslationProcessor}, {@code AggregateTopology}):
 *
 * <ol>
 *   <li><b>parse</b> — {@link DebeziumChangeParser}{@code .parse(value, beforeNeeded)} with the router's predicate
 *       (the before image of a root change is not read);</li>
 *   <li><b>route</b> — the rest of the routing step: {@code newColumns}, {@code isRoot}, {@code customerId}, the
 *       partition check and the customer id as store key;</li>
 *   <li><b>translate</b> — {@link AggregateTranslation#apply} with the aggregate read from and the next one written to
 *       a {@link HashMap} (the store; fresh in every round, changes applied in order);</li>
 *   <li><b>event value</b> — {@link EventJson} (the contract JSON) of every event;</li>
 *   <li><b>event headers</b> — {@link CloudEventHeaders#of} of every event;</li>
 *   <li><b>state write / state read</b> — the aggregate store's value serde (binary) on every aggregate written, and
 *       reading each of those values back (what a store read costs besides the store);</li>
 *   <li>baselines: {@link Arrays#copyOf} of each raw key and value, and {@link ObjectMapper#readTree} of each value.</li>
 * </ol>
 *
 * <p>Each stage runs over all records of the workload on the precomputed output of the previous stage, so each is
 * timed alone; a round runs every stage once. After the warm-up rounds, the median of the measured rounds is
 * reported per stage as nanoseconds per raw record (the event and state stages run per event or per written
 * aggregate, divided by the records as well, so the stages add up to the cost of one record): the CPU time of the
 * measuring thread ({@link ThreadMXBean#getCurrentThreadCpuTime()}, robust against other load on the machine; it
 * leaves out the GC threads' work) and the wall time. Every result feeds a checksum that is printed, so the JIT
 * cannot drop the work. Not measured: Kafka (consumer, producer, transactions), RocksDB, the changelog, metrics.
 *
 * <p>Usage: {@code TranslationCostBenchmark [records] [rounds] [warm-up rounds]} (defaults 200000 5 5).
 */
public final class TranslationCostBenchmark {

    /** The raw topic's partition count in {@link AclBenchmark}: the router checks a root change's partition. */
    private static final int PARTITIONS = 2;
    private static final String CHANGELOG_TOPIC = "bench-acl-" + AggregateTopology.AGGREGATE_STORE + "-changelog";
    /** Results nothing reads are stored here (a ring), so that they escape and cannot be optimized away. */
    private static final int SINK_MASK = 1023;

    private final int n;
    private final byte[][] keys;
    private final byte[][] values;
    private final Object[] sink = new Object[SINK_MASK + 1];

    private final ObjectMapper mapper = new ObjectMapper();
    private final TranslationSpec spec = TranslationSpecLoader.load(AclBenchmark.SPEC);
    private final DebeziumChangeParser parser = BenchmarkAccess.routerParser(spec);
    private final AggregateTranslation translation = new AggregateTranslation(spec, JsonSupport.DOCUMENTS);
    private final BiPredicate<Operation, Origin> beforeNeeded = (operation, origin) -> !translation.isRoot(origin);
    private final ToIntFunction<Change> partition =
            BenchmarkAccess.partitioner(spec.root().keyColumns(), PARTITIONS);
    private final EventJson eventJson = new EventJson(spec);
    private final Serializer<Aggregate> aggregateSerializer = BenchmarkAccess.aggregateSerializer();
    private final Deserializer<Aggregate> aggregateDeserializer = BenchmarkAccess.aggregateDeserializer();

    // the output of each stage, the input of the next
    private final Change[] changes;
    private final AggregateKey[] aggregateKeys;
    private final String[] storeKeys;
    private final AggregateTranslation.Step[] steps;
    private DomainEvent[] events = new DomainEvent[0];
    private Origin[] eventOrigins = new Origin[0];
    private Aggregate[] writes = new Aggregate[0];
    private byte[][] stateValues = new byte[0][];
    private int failed;

    private TranslationCostBenchmark(List<LegacyChanges.Change> raw) {
        n = raw.size();
        keys = new byte[n][];
        values = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = raw.get(i).key();
            values[i] = raw.get(i).value();
        }
        changes = new Change[n];
        aggregateKeys = new AggregateKey[n];
        storeKeys = new String[n];
        steps = new AggregateTranslation.Step[n];
    }

    private record Stage(String name, boolean baseline, LongSupplier body) {
    }

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmUps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (records < 1 || rounds < 1 || warmUps < 0) {
            throw new IllegalArgumentException("usage: TranslationCostBenchmark [records >= 1] [rounds >= 1] "
                    + "[warm-up rounds >= 0]");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);

        List<LegacyChanges.Change> raw = LegacyChanges.generate(records, 0.30);
        long bytes = raw.stream().mapToLong(c -> c.key().length + c.value().length).sum();
        TranslationCostBenchmark bench = new TranslationCostBenchmark(raw);
        raw = null;
        System.out.printf("ficus ACL translation cost: %,d raw crm.cust changes (avg %,d B/record, workload of "
                + "bench/run), %d warm-up + %d measured rounds, JDK %s, %d cores, max heap %d MiB%n", records,
                bytes / records, warmUps, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        List<Stage> stages = List.of(
                new Stage("parse", false, bench::parse),
                new Stage("route", false, bench::route),
                new Stage("translate", false, bench::translate),
                new Stage("event value", false, bench::eventValue),
                new Stage("event headers", false, bench::eventHeaders),
                new Stage("state write", false, bench::stateWrite),
                new Stage("state read", false, bench::stateRead),
                new Stage("baseline: copy key+value", true, bench::copy),
                new Stage("baseline: readTree value", true, bench::readTree));
        long[][] cpu = new long[stages.size()][rounds];
        long[][] wall = new long[stages.size()][rounds];
        long checksum = 0;
        long gcCount = 0;
        long gcMillis = 0;
        for (int round = 0; round < warmUps + rounds; round++) {
            boolean measured = round >= warmUps;
            System.gc(); // between rounds, never inside a timed stage: each round starts with the same heap
            long[] gcBefore = gc();
            long roundCpu = 0;
            long roundWall = 0;
            for (int s = 0; s < stages.size(); s++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                checksum += stages.get(s).body().getAsLong();
                long wallTime = System.nanoTime() - wallStart;
                long cpuTime = threads.getCurrentThreadCpuTime() - cpuStart;
                if (stages.get(s).name().equals("translate")) {
                    bench.collect(); // the inputs of the event and state stages, not timed
                }
                roundCpu += cpuTime;
                roundWall += wallTime;
                if (measured) {
                    cpu[s][round - warmUps] = cpuTime;
                    wall[s][round - warmUps] = wallTime;
                }
            }
            long[] gcAfter = gc();
            if (measured) {
                gcCount += gcAfter[0] - gcBefore[0];
                gcMillis += gcAfter[1] - gcBefore[1];
            }
            System.out.printf("round %d%s: all stages %.2f s CPU, %.2f s wall%n", round + 1,
                    measured ? "" : " (warm-up)", roundCpu / 1e9, roundWall / 1e9);
        }
        bench.report(stages, cpu, wall, checksum, gcCount, gcMillis);
    }

    // ------------------------------------------------------------------------------------------------ stages

    /** {@code ChangeRouter}: {@code parser.parse(record.value(), beforeNeeded)}. */
    private long parse() {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            Change change = BenchmarkAccess.parse(parser, values[i], beforeNeeded);
            changes[i] = change;
            sum += change.operation().ordinal();
        }
        return sum;
    }

    /** {@code ChangeRouter}, after parsing: new columns, root or part, aggregate key, local partition, store key. */
    private long route() {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            Change change = changes[i];
            sum += translation.newColumns(change).size();
            if (!translation.isRoot(change.origin())) {
                throw new IllegalStateException("the workload holds crm.cust changes only, got " + change.origin());
            }
            AggregateKey key = translation.rootKey(change.current());
            sum += partition.applyAsInt(change);
            aggregateKeys[i] = key;
            storeKeys[i] = key.text();
        }
        return sum;
    }

    /** {@code TranslationProcessor}: read the aggregate, apply the change, store the next aggregate. */
    private long translate() {
        Map<String, Aggregate> store = new HashMap<>();
        long sum = 0;
        int failures = 0;
        for (int i = 0; i < n; i++) {
            String key = storeKeys[i];
            AggregateTranslation.Step step;
            try {
                step = translation.apply(changes[i], aggregateKeys[i], store.get(key));
            } catch (RuntimeException e) {
                steps[i] = null; // the runtime dead-letters it
                failures++;
                continue;
            }
            if (step.next() != null) {
                store.put(key, step.next());
            }
            steps[i] = step;
            sum += step.result() instanceof TranslationResult.Emit<DomainEvent> ? 1 : 2;
        }
        failed = failures;
        return sum + store.size();
    }

    /** The events (with their change's origin) and the aggregates written in the last translate stage. */
    private void collect() {
        List<DomainEvent> emitted = new ArrayList<>(n);
        List<Origin> origins = new ArrayList<>(n);
        List<Aggregate> written = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AggregateTranslation.Step step = steps[i];
            if (step == null) {
                continue;
            }
            if (step.result() instanceof TranslationResult.Emit<DomainEvent> emit) {
                for (DomainEvent event : emit.events()) {
                    emitted.add(event);
                    origins.add(changes[i].origin());
                }
            }
            if (step.next() != null) {
                written.add(step.next());
            }
        }
        events = emitted.toArray(DomainEvent[]::new);
        eventOrigins = origins.toArray(Origin[]::new);
        writes = written.toArray(Aggregate[]::new);
        stateValues = new byte[writes.length][];
    }

    /** The domain topic's value serializer: the event's contract JSON. */
    private long eventValue() {
        long sum = 0;
        for (DomainEvent event : events) {
            byte[] json = eventJson.write(event);
            sum += json.length + json[json.length - 1];
        }
        return sum;
    }

    /** The CloudEvents headers the translation step forwards with every event. */
    private long eventHeaders() {
        long sum = 0;
        for (int j = 0; j < events.length; j++) {
            Headers headers = CloudEventHeaders.of(events[j], spec, eventOrigins[j]);
            sink[j & SINK_MASK] = headers;
            sum += headers.lastHeader(CloudEventHeaders.POSITION).value().length;
        }
        return sum;
    }

    /** The aggregate store's value serializer on every aggregate the translate stage stored. */
    private long stateWrite() {
        long sum = 0;
        for (int j = 0; j < writes.length; j++) {
            byte[] value = aggregateSerializer.serialize(CHANGELOG_TOPIC, writes[j]);
            stateValues[j] = value;
            sum += value.length;
        }
        return sum;
    }

    /** The aggregate store's value deserializer on every value the state write stage produced. */
    private long stateRead() {
        long sum = 0;
        for (int j = 0; j < stateValues.length; j++) {
            Aggregate aggregate = aggregateDeserializer.deserialize(CHANGELOG_TOPIC, stateValues[j]);
            sink[j & SINK_MASK] = aggregate;
            sum += aggregate.key().text().length();
        }
        return sum;
    }

    /** Baseline: what moving the raw bytes costs (a pass-through copies about that much). */
    private long copy() {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            byte[] key = Arrays.copyOf(keys[i], keys[i].length);
            byte[] value = Arrays.copyOf(values[i], values[i].length);
            sink[i & SINK_MASK] = value;
            sum += key[key.length - 1] + value[value.length - 1];
        }
        return sum;
    }

    /** Baseline: just parsing the JSON, into Jackson's tree. */
    private long readTree() {
        long sum = 0;
        try {
            for (int i = 0; i < n; i++) {
                JsonNode tree = mapper.readTree(values[i]);
                sink[i & SINK_MASK] = tree;
                sum += tree.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sum;
    }

    // ------------------------------------------------------------------------------------------------ report

    private void report(List<Stage> stages, long[][] cpu, long[][] wall, long checksum, long gcCount,
            long gcMillis) {
        double[] cpuPerRecord = new double[stages.size()];
        double[] wallPerRecord = new double[stages.size()];
        double aclCpu = 0;
        double aclWall = 0;
        for (int s = 0; s < stages.size(); s++) {
            cpuPerRecord[s] = median(cpu[s]) / n;
            wallPerRecord[s] = median(wall[s]) / n;
            if (!stages.get(s).baseline()) {
                aclCpu += cpuPerRecord[s];
                aclWall += wallPerRecord[s];
            }
        }
        System.out.printf("per round: %,d records, %,d events, %,d aggregates written, %,d failed translations%n",
                n, events.length, writes.length, failed);
        System.out.printf("%n%-26s %14s %15s %8s%n", "stage", "ns/record CPU", "ns/record wall", "share");
        for (int s = 0; s < stages.size(); s++) {
            if (s > 0 && stages.get(s).baseline() && !stages.get(s - 1).baseline()) {
                System.out.printf("%-26s %14.0f %15.0f %7.1f%%%n", "ACL total", aclCpu, aclWall, 100.0);
                System.out.println();
            }
            System.out.printf("%-26s %14.0f %15.0f %7.1f%%%n", stages.get(s).name(), cpuPerRecord[s],
                    wallPerRecord[s], 100 * cpuPerRecord[s] / aclCpu);
        }
        double read = cpuPerRecord[indexOf(stages, "state read")];
        System.out.printf("%nACL stages, sum per record: %,.0f ns CPU (%.1f µs), %,.0f ns wall; without state read "
                + "(aggregate cache hit): %,.0f ns CPU%n", aclCpu, aclCpu / 1000, aclWall, aclCpu - read);
        System.out.printf("share: of the ACL total CPU; median of %d measured rounds; GC in them: %d collections, "
                + "%d ms (in wall, not in CPU)%n", cpu[0].length, gcCount, gcMillis);
        System.out.printf("checksum %016x%n", checksum);
    }

    private static int indexOf(List<Stage> stages, String name) {
        for (int s = 0; s < stages.size(); s++) {
            if (stages.get(s).name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static double median(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /** Collections and collection time of all collectors so far. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }
}
