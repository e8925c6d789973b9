package ficus.acl.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import ficus.acl.runtime.AclMetrics;
import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.AclTopics;
import ficus.acl.runtime.AggregateStoreKind;
import ficus.acl.runtime.AggregateTopology;
import ficus.acl.runtime.CloudEventHeaders;
import ficus.acl.runtime.DeadLetterHeaders;
import ficus.acl.spec.TranslationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs golden cases through the layer's real topology (Kafka Streams' {@code TopologyTestDriver}: no broker) and
 * says, per case, what differs from what was expected. A case that {@linkplain GoldenCase#reorder() allows it} is
 * also replayed with its tables' changes interleaved in other orders — every order of the tables, then seeded random
 * interleavings, up to {@link #MAX_ORDERS} in all; each table keeps its own order, as Debezium keeps a row's — and
 * each replay must end with the same state per aggregate and publish strictly increasing positions per aggregate.
 */
public final class GoldenCaseRunner {

    /** At most this many arrival orders are tried per case (the given one included). */
    public static final int MAX_ORDERS = 24;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TranslationSpec spec;

    public GoldenCaseRunner(TranslationSpec spec) {
        this.spec = spec;
    }

    /** What one case gave. */
    public record Result(GoldenCase goldenCase, List<String> failures, int ordersTried) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    public List<Result> runAll(List<GoldenCase> cases) {
        return cases.stream().map(this::run).toList();
    }

    public Result run(GoldenCase goldenCase) {
        List<String> failures = new ArrayList<>();
        Output given;
        try {
            given = replay(goldenCase.given());
        } catch (IllegalArgumentException e) {
            return new Result(goldenCase, List.of(e.getMessage()), 1);
        }
        compareEvents(goldenCase, given, failures);
        compareDeadLetters(goldenCase, given, failures);
        failures.addAll(given.positionProblems());
        int tried = 1;
        if (goldenCase.reorder()) {
            for (List<GoldenCase.Given> order : otherOrders(goldenCase.given())) {
                tried++;
                Output other = replay(order);
                String arrival = describe(order);
                for (String key : union(given.finalStates.keySet(), other.finalStates.keySet())) {
                    JsonNode expected = given.finalStates.get(key);
                    JsonNode actual = other.finalStates.get(key);
                    if (!java.util.Objects.equals(expected, actual)) {
                        failures.add("arrival order " + arrival + ": " + spec.aggregate() + " " + key
                                + " ends as\n      " + actual + "\n    but in the given order as\n      " + expected);
                    }
                }
                other.positionProblems().forEach(p -> failures.add("arrival order " + arrival + ": " + p));
                if (failures.size() > 20) {
                    break;
                }
            }
        }
        return new Result(goldenCase, failures, tried);
    }

    /** Every order of the tables (each table's changes as one block), then random interleavings, deduplicated. */
    private static List<List<GoldenCase.Given>> otherOrders(List<GoldenCase.Given> given) {
        Map<String, List<GoldenCase.Given>> byTable = new LinkedHashMap<>();
        given.forEach(g -> byTable.computeIfAbsent(g.table(), t -> new ArrayList<>()).add(g));
        if (byTable.size() < 2) {
            return List.of();
        }
        Set<List<Integer>> seen = new LinkedHashSet<>();
        seen.add(given.stream().map(GoldenCase.Given::index).toList());
        List<List<GoldenCase.Given>> orders = new ArrayList<>();
        List<String> tables = new ArrayList<>(byTable.keySet());
        for (List<String> permutation : permutations(tables)) {
            List<GoldenCase.Given> order = new ArrayList<>();
            permutation.forEach(t -> order.addAll(byTable.get(t)));
            if (seen.add(order.stream().map(GoldenCase.Given::index).toList())) {
                orders.add(order);
            }
            if (orders.size() >= MAX_ORDERS / 2) {
                break;
            }
        }
        Random random = new Random(given.size() * 31L + tables.size());
        for (int attempt = 0; attempt < MAX_ORDERS * 4 && orders.size() < MAX_ORDERS - 1; attempt++) {
            Map<String, Iterator<GoldenCase.Given>> cursors = new HashMap<>();
            byTable.forEach((t, list) -> cursors.put(t, list.iterator()));
            List<String> remaining = new ArrayList<>();
            byTable.forEach((t, list) -> list.forEach(g -> remaining.add(t)));
            java.util.Collections.shuffle(remaining, random);
            List<GoldenCase.Given> order = new ArrayList<>();
            remaining.forEach(t -> order.add(cursors.get(t).next()));
            if (seen.add(order.stream().map(GoldenCase.Given::index).toList())) {
                orders.add(order);
            }
        }
        return orders;
    }

    private static List<List<String>> permutations(List<String> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<String>> all = new ArrayList<>();
        for (int i = 0; i < items.size() && all.size() < MAX_ORDERS; i++) {
            List<String> rest = new ArrayList<>(items);
            String first = rest.remove(i);
            for (List<String> tail : permutations(rest)) {
                List<String> permutation = new ArrayList<>();
                permutation.add(first);
                permutation.addAll(tail);
                all.add(permutation);
            }
        }
        return all;
    }

    private static String describe(List<GoldenCase.Given> order) {
        return order.stream().map(g -> Integer.toString(g.index())).toList().toString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private void compareEvents(GoldenCase goldenCase, Output output, List<String> failures) {
        List<GoldenCase.ExpectedEvent> expected = goldenCase.events();
        List<Event> actual = output.events;
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            if (i >= actual.size()) {
                failures.add("event " + (i + 1) + ": expected " + expected.get(i).type() + " "
                        + nullToAny(expected.get(i).key()) + ", but only " + actual.size() + " event(s) were "
                        + "published" + list(actual));
                continue;
            }
            if (i >= expected.size()) {
                failures.add("event " + (i + 1) + ": not expected, but published: " + actual.get(i));
                continue;
            }
            GoldenCase.ExpectedEvent want = expected.get(i);
            Event got = actual.get(i);
            List<String> differences = new ArrayList<>();
            if (!want.type().equals(got.value.path("type").asText())) {
                differences.add("type " + got.value.path("type").asText() + ", expected " + want.type());
            }
            if (want.key() != null && !want.key().equals(got.key)) {
                differences.add("key " + got.key + ", expected " + want.key());
            }
            if (want.state() != null) {
                subset("state", want.state(), got.value.path("state"), differences);
            }
            if (want.changed() != null) {
                List<String> changed = new ArrayList<>();
                got.value.path("changed").forEach(f -> changed.add(f.asText()));
                if (!changed.equals(want.changed())) {
                    differences.add("changed " + changed + ", expected " + want.changed());
                }
            }
            want.values().fields().forEachRemaining(e -> subset(e.getKey(), e.getValue(),
                    got.value.path(e.getKey()), differences));
            if (!differences.isEmpty()) {
                failures.add("event " + (i + 1) + " (" + got.value.path("type").asText() + " " + got.key + "): "
                        + String.join("; ", differences) + "\n      published: " + got.value);
            }
        }
    }

    private static String nullToAny(String key) {
        return key == null ? "(any key)" : key;
    }

    private static String list(List<?> items) {
        return items.isEmpty() ? "" : ":\n      " + String.join("\n      ", items.stream().map(Object::toString)
                .toList());
    }

    /** Every field of {@code want} must be in {@code got} with an equal value (objects recursively, lists exactly). */
    private static void subset(String path, JsonNode want, JsonNode got, List<String> differences) {
        if (want.isObject()) {
            if (!got.isObject()) {
                differences.add(path + " is " + got + ", expected an object like " + want);
                return;
            }
            want.fields().forEachRemaining(e -> subset(path + "." + e.getKey(), e.getValue(),
                    got.has(e.getKey()) ? got.get(e.getKey()) : com.fasterxml.jackson.databind.node.MissingNode
                            .getInstance(), differences));
            return;
        }
        if (want.isArray() && got.isArray() && want.size() == got.size()) {
            for (int i = 0; i < want.size(); i++) {
                subset(path + "[" + i + "]", want.get(i), got.get(i), differences);
            }
            return;
        }
        if (got.isMissingNode()) {
            differences.add(path + " is missing, expected " + want);
        } else if (!equalScalars(want, got)) {
            differences.add(path + " is " + got + ", expected " + want);
        }
    }

    /** A YAML scalar ({@code 12.50}, {@code true}) matches the published JSON of the same text. */
    private static boolean equalScalars(JsonNode want, JsonNode got) {
        if (want.equals(got)) {
            return true;
        }
        if (want.isNull() || got.isNull() || want.isContainerNode() || got.isContainerNode()) {
            return false;
        }
        return want.asText().equals(got.asText());
    }

    private void compareDeadLetters(GoldenCase goldenCase, Output output, List<String> failures) {
        List<GoldenCase.ExpectedDeadLetter> expected = goldenCase.deadLetters();
        List<Letter> actual = output.letters;
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            if (i >= actual.size()) {
                failures.add("dead letter " + (i + 1) + ": expected " + expected.get(i).kind() + ", but only "
                        + actual.size() + " were written");
                continue;
            }
            if (i >= expected.size()) {
                failures.add("dead letter " + (i + 1) + ": not expected, but written: " + actual.get(i));
                continue;
            }
            GoldenCase.ExpectedDeadLetter want = expected.get(i);
            Letter got = actual.get(i);
            if ((want.kind() != null && !want.kind().equals(got.kind))
                    || (want.reason() != null && !got.reason.contains(want.reason()))) {
                failures.add("dead letter " + (i + 1) + ": " + got + ", expected " + nullToAny(want.kind()) + " with "
                        + "a reason containing '" + want.reason() + "'");
            }
        }
    }

    private record Event(String key, String position, JsonNode value) {
        @Override
        public String toString() {
            return value.path("type").asText() + " " + key + " at " + position + " " + value.path("state");
        }
    }

    private record Letter(String kind, String reason) {
        @Override
        public String toString() {
            return kind + ": " + reason;
        }
    }

    private static final class Output {
        final List<Event> events = new ArrayList<>();
        final List<Letter> letters = new ArrayList<>();
        /** Aggregate key → the state of its last event (JSON null once removed). */
        final Map<String, JsonNode> finalStates = new LinkedHashMap<>();

        List<String> positionProblems() {
            List<String> problems = new ArrayList<>();
            Map<String, String> last = new HashMap<>();
            for (Event event : events) {
                String before = last.put(event.key, event.position);
                if (before != null && event.position.compareTo(before) <= 0) {
                    problems.add("positions of " + event.key + " do not increase: " + event.position + " after "
                            + before);
                }
            }
            return problems;
        }
    }

    private Output replay(List<GoldenCase.Given> changes) {
        String source = changes.get(0).topic().substring(0, changes.get(0).topic().length()
                - changes.get(0).table().length() - 1);
        AclTopics topics = AclTopics.of(spec, source + "." + spec.root().table());
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("ficus-golden");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ficus-golden-" + spec.name());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(AclSettings.AGGREGATE_CACHE_ENTRIES_CONFIG, "0"); // every change reads its aggregate back
        StreamsBuilder builder = new StreamsBuilder();
        AggregateTopology.build(builder, topics, spec, new AclMetrics(), 1, AggregateStoreKind.IN_MEMORY);
        Output output = new Output();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(props), props)) {
            Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
            Set<String> sources = new LinkedHashSet<>(topics.sources());
            TestOutputTopic<String, byte[]> domain = driver.createOutputTopic(topics.domain().name(),
                    new StringDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(topics.deadLetter().name(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (GoldenCase.Given change : changes) {
                if (!sources.contains(change.topic())) {
                    throw new IllegalArgumentException("given[" + change.index() + "]: the spec reads no table "
                            + change.table() + " (its topics: " + sources + ")");
                }
                inputs.computeIfAbsent(change.topic(), t -> driver.createInputTopic(t, new ByteArraySerializer(),
                        new ByteArraySerializer())).pipeInput(change.key(), change.value());
            }
            for (TestRecord<String, byte[]> record : domain.readRecordsToList()) {
                JsonNode value = JSON.readTree(record.value());
                Event event = new Event(record.key(), CloudEventHeaders.text(record.headers(),
                        CloudEventHeaders.POSITION), value);
                output.events.add(event);
                output.finalStates.put(record.key(), value.has("state") ? value.get("state") : NullNode.instance);
            }
            for (TestRecord<byte[], byte[]> letter : deadLetters.readRecordsToList()) {
                output.letters.add(new Letter(CloudEventHeaders.text(letter.headers(), DeadLetterHeaders.REASON_KIND),
                        CloudEventHeaders.text(letter.headers(), DeadLetterHeaders.REASON)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(stateDir);
        }
        return output;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
