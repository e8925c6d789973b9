package ficus.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.cli.metrics.PrometheusText;

import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton end to end over the real stack: embedded PostgreSQL with logical replication, a real KRaft
 * broker, a real Connect worker, the real Debezium connector deployed through Connect's REST API, the ACL (Kafka
 * Streams) and the customer-status component. The legacy workload runs, stops, the pipeline drains; then this test
 * checks the outcome itself, independently of the demo's own reconciliation. While the workload runs, it scrapes the
 * demo's Prometheus endpoint over HTTP, as Prometheus would.
 */
@ExtendWith(SandboxExtension.class)
class DemoPipelineIT {

    private static final int CUSTOMERS = 2_000;
    /** What seeded and workload national ids look like (see SampleCrm and LegacyWorkload). */
    private static final Pattern NATIONAL_ID = Pattern.compile("\\d{9}N[IW]");

    private static Sandbox sandbox;
    private static final Pattern METRICS_LINE = Pattern.compile("metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static DemoSummary summary;
    private static String output;
    /** The first scrape, taken during the workload, that has every metric the test names with a plausible value. */
    private static PrometheusText scrape;

    @BeforeAll
    static void runTheDemo(Sandbox s) throws Exception {
        sandbox = s;
        Path workDir = Files.createTempDirectory("ficus-demo-it-");
        StringWriter out = new StringWriter();
        DemoOptions options = new DemoOptions(Duration.ofSeconds(25), CUSTOMERS, 40, workDir, true,
                Duration.ofSeconds(120));
        // a record no Debezium connector wrote, dropped into the raw topic while the demo runs: its layer must
        // dead-letter it (and ficus topics tail show that dead letter), with no effect on the reconciliation
        java.util.concurrent.CompletableFuture<Void> poison = java.util.concurrent.CompletableFuture.runAsync(() -> {
            org.awaitility.Awaitility.await("the demo's raw topic").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200)).until(() -> topics().contains(RAW_TOPIC));
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                    "bootstrap.servers", sandbox.bootstrapServers()),
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.StringSerializer())) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(RAW_TOPIC, POISON_KEY,
                        POISON_VALUE));
            }
        });
        // a thread of its own: the common pool may have a single worker, busy with the poison record's wait
        java.util.concurrent.ExecutorService demoThread = java.util.concurrent.Executors.newSingleThreadExecutor();
        CompletableFuture<DemoSummary> demo = CompletableFuture.supplyAsync(() ->
                DemoRun.onSandbox(options, s, new Progress(new PrintWriter(out, true), false)), demoThread);
        demoThread.shutdown();
        URI endpoint = await().atMost(Duration.ofSeconds(60)).until(() -> metricsUrl(out.toString()),
                java.util.Objects::nonNull);
        AtomicReference<PrometheusText> last = new AtomicReference<>();
        try {
            scrape = await("a scrape with every named metric, while the demo runs").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        assertThat(demo).as("the demo ended before the metrics were all there; last scrape:%n%s",
                                last.get()).isNotDone();
                        PrometheusText text = PrometheusText.parse(get(endpoint));
                        last.set(text);
                        return text;
                    }, DemoPipelineIT::complete);
        } finally {
            summary = demo.get(5, TimeUnit.MINUTES);
            output = out.toString();
        }
        poison.get(10, TimeUnit.SECONDS);
        // for the reader: what a scrape of the demo looks like
        Files.writeString(Path.of("target", "demo-metrics-scrape.txt"), scrape.text());
    }

    private static URI metricsUrl(String out) {
        Matcher m = METRICS_LINE.matcher(out);
        return m.find() ? URI.create(m.group(1)) : null;
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /**
     * Every metric the tests below name is there, with a value that shows it measures the run: the snapshot is applied
     * and streamed changes have gone through.
     */
    private static boolean complete(PrometheusText t) {
        // every seeded customer's snapshot read translated: the layer's partitions go at their own pace, so the
        // component's count alone (streamed events included) does not say the snapshot is through
        return t.value("ficus_acl_events_total", "type", "crm.CustomerRegistered.v1", "phase", "read") >= CUSTOMERS
                && t.max("ficus_acl_events_total", "phase", "streamed").orElse(0) > 0
                && t.value("ficus_acl_freshness_seconds_count", "translation", "customer") > 0
                && t.value("ficus_component_applied_total", "component", "customer-status") >= CUSTOMERS
                && (!connectInThisJvm() || t.value("debezium_streaming_events_seen_total", "server", "legacy") > 0
                && t.value("debezium_snapshot_completed", "server", "legacy") == 1)
                && t.value("ficus_acl_source_lsn", "topic", "legacy.crm.cust") > 0
                && !t.find("ficus_acl_event_rate_dropped").isEmpty()
                && t.value("ficus_acl_dead_letters_total", "kind", "MALFORMED") == 1;
    }

    @Test
    void shouldServeTheLayersOwnMetricsDuringTheRun() {
        assertThat(scrape.value("ficus_acl_events_total", "translation", "customer", "type",
                "crm.CustomerRegistered.v1", "phase", "read")).as("the initial snapshot's customers")
                .isGreaterThanOrEqualTo(CUSTOMERS);
        assertThat(scrape.max("ficus_acl_events_total", "phase", "streamed").orElse(0)).isPositive();
        assertThat(scrape.find("ficus_acl_dead_letters_total", "translation", "customer"))
                .extracting(s -> s.labels().get("kind"))
                .contains("MALFORMED", "MISSING_KEY", "UNKNOWN_CODE", "SCHEMA_DRIFT", "REJECTED");
        assertThat(scrape.value("ficus_acl_dead_letters_total", "translation", "customer", "kind", "MALFORMED"))
                .as("the poison record dropped into the raw topic").isEqualTo(1);
        assertThat(scrape.find("ficus_acl_dead_letters_total", "translation", "customer"))
                .filteredOn(d -> !"MALFORMED".equals(d.labels().get("kind")))
                .allSatisfy(d -> assertThat(d.value()).as("%s", d).isZero());
        assertThat(scrape.value("ficus_acl_changes_consumed_total", "translation", "customer"))
                .isGreaterThanOrEqualTo(CUSTOMERS);
        assertThat(scrape.value("ficus_acl_freshness_seconds_count", "translation", "customer")).isPositive();
        assertThat(scrape.find("ficus_acl_freshness_seconds_bucket", "translation", "customer", "le", "+Inf"))
                .hasSize(1);
        assertThat(scrape.value("ficus_acl_ignored_columns", "translation", "customer")).isZero();
        assertThat(scrape.value("ficus_acl_source_lsn", "translation", "customer", "topic", "legacy.crm.cust"))
                .isPositive();
        assertThat(scrape.find("ficus_acl_event_rate_dropped", "translation", "customer"))
                .allSatisfy(s -> assertThat(s.value()).as("%s", s).isZero());
        assertThat(scrape.find("ficus_acl_event_rate_normal", "translation", "customer")).isNotEmpty();
    }

    @Test
    void shouldServeTheKafkaClientsComponentConnectAndJvmMetricsOnTheSameEndpoint() {
        assertThat(scrape.anyStartingWith("kafka_stream_", "translation", "customer"))
                .as("Kafka Streams metrics of the layer in:%n%s", scrape).isTrue();
        assertThat(scrape.anyStartingWith("kafka_consumer_", "component", "customer-status"))
                .as("the component's consumer metrics").isTrue();
        assertThat(scrape.value("ficus_component_applied_total", "component", "customer-status"))
                .isGreaterThanOrEqualTo(CUSTOMERS);
        assertThat(scrape.value("ficus_component_freshness_seconds_count", "component", "customer-status"))
                .isPositive();
        assertThat(scrape.max("jvm_memory_used_bytes").orElse(0)).isPositive();
        if (!connectInThisJvm()) {
            // a worker in a container: its MBeans are its own (scraped the usual way); the demo's bridge reads none
            assertThat(scrape.value("debezium_snapshot_completed", "server", "legacy")).isNaN();
            return;
        }
        assertThat(scrape.value("debezium_snapshot_completed", "server", "legacy")).isEqualTo(1);
        assertThat(scrape.value("debezium_snapshot_rows_scanned", "server", "legacy"))
                .isGreaterThanOrEqualTo(CUSTOMERS);
        assertThat(scrape.value("debezium_streaming_events_seen_total", "server", "legacy")).isPositive();
        assertThat(scrape.value("debezium_streaming_connected", "server", "legacy")).isEqualTo(1);
        assertThat(scrape.value("debezium_streaming_milliseconds_behind_source", "server", "legacy"))
                .isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("kafka_connect_source_records_polled_total", "connector", "legacy-crm"))
                .isGreaterThanOrEqualTo(CUSTOMERS);
    }

    /**
     * The embedded stack runs the Connect worker in this JVM, whose Debezium and Connect MBeans the demo bridges to its
     * endpoint; on the container backend the worker is another process.
     */
    private static boolean connectInThisJvm() {
        return sandbox.kind() == ficus.sandbox.StackKind.EMBEDDED;
    }

    @Test
    void shouldPrintTheSnapshotCatchUpFromTheConnectorRunning() {
        assertThat(output).containsPattern("demo: snapshot catch-up \\d+\\.\\d s: connector RUNNING → its initial "
                + "snapshot \\(" + (connectInThisJvm() ? "[\\d,]+ rows" : "its rows")
                + "\\) applied by customer-status");
        assertThat(summary.snapshotCatchUpMs()).isPositive();
        assertThat(summary.line()).endsWith(" snapshot_catchup_ms=" + summary.snapshotCatchUpMs());
    }

    private static final String RAW_TOPIC = "legacy.crm.cust";
    private static final String POISON_KEY = "{\"cust_id\":-42}";
    private static final String POISON_VALUE = "not a change record";

    private static Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }

    private static String tail(String topic, String... options) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("topics", "tail", topic,
                "--bootstrap-servers=" + sandbox.bootstrapServers()));
        args.addAll(java.util.List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ficus.cli.Ficus.run(args.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as("exit code of tail %s; stderr: %s", topic, err).isZero();
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void shouldShowTheDemosRawDomainAndDeadLetterRecordsThroughTopicsTail() {
        assertThat(summary.deadLetters()).as("the poison record, and nothing else").isEqualTo(1);

        assertThat(tail(RAW_TOPIC, "--from-beginning", "--limit", "1"))
                .containsPattern("legacy\\.crm\\.cust-\\d+@\\d+")
                .containsPattern("\n  key: \\{\"cust_id\":\\d+}\n")
                .contains("  {\n    \"before\" : ").contains("\"op\" : \"r\"").contains("\"cst_nm\" : ")
                .doesNotContain("natl_id");

        assertThat(tail("crm.customer.v1", "--from-beginning", "--limit", "1"))
                .containsPattern("\n  key: \\d+\n")
                .containsPattern("\n  ce_type: crm\\.Customer\\w+\\.v1\n")
                .containsPattern("\n  ce_id: [0-9a-f-]{36}\n")
                .contains("  {\n").contains("\"customerId\" : ");

        assertThat(tail("ficus.dlq.customer", "--from-beginning", "--limit", "1"))
                .contains("  key: " + POISON_KEY + "\n")
                .contains("  ficus_dlq_source_topic: " + RAW_TOPIC + "\n")
                .containsPattern("\n  ficus_dlq_reason_kind: \\w+\n")
                .containsPattern("\n  ficus_dlq_reason: .+\n")
                .contains("  " + POISON_VALUE);

        String json = tail("ficus.dlq.customer", "--from-beginning", "--key", POISON_KEY, "--json", "--timeout",
                "3s");
        assertThat(json.strip().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"topic\":\"ficus.dlq.customer\",").contains("\"value\":\"" + POISON_VALUE + "\""));
    }

    @Test
    void shouldApplyChangesAndReportNoDrift() {
        assertThat(summary.applied()).isGreaterThan(CUSTOMERS);
        assertThat(summary.translated()).isGreaterThan(CUSTOMERS);
        assertThat(summary.captured()).isGreaterThanOrEqualTo(summary.translated());
        assertThat(summary.drift()).isZero();
        assertThat(output).contains(summary.line()).contains(" drift=0 ");
    }

    @Test
    void shouldLeaveTheComponentWithTheLegacyStatusOfEveryCustomer() throws Exception {
        Map<Long, String> legacy = new HashMap<>();
        query(Sandbox.LEGACY_DATABASE, "select cust_id, cst_stat from crm.cust", rs ->
                legacy.put(rs.getLong(1), switch (rs.getString(2)) {
                    case "P" -> "PROSPECT";
                    case "A" -> "ACTIVE";
                    case "S" -> "SUSPENDED";
                    case "X" -> "CLOSED";
                    default -> throw new IllegalStateException("unexpected code " + rs.getString(2));
                }));
        Map<Long, String> component = new HashMap<>();
        query(DemoSample.CRM.componentDatabase, "select customer_id, status from customer_status where not removed",
                rs -> component.put(rs.getLong(1), rs.getString(2)));

        assertThat(legacy).hasSizeGreaterThan(CUSTOMERS / 2);
        assertThat(component).isEqualTo(legacy);
    }

    @Test
    void shouldMarkEveryDeletedLegacyCustomerRemovedInTheComponent() throws Exception {
        Set<Long> legacyIds = new HashSet<>();
        query(Sandbox.LEGACY_DATABASE, "select cust_id from crm.cust", rs -> legacyIds.add(rs.getLong(1)));
        Set<Long> removed = new HashSet<>();
        query(DemoSample.CRM.componentDatabase, "select customer_id from customer_status where removed",
                rs -> removed.add(rs.getLong(1)));

        assertThat(removed).as("the workload deletes customers").isNotEmpty();
        assertThat(removed).doesNotContainAnyElementsOf(legacyIds);
    }

    @Test
    void shouldKeepTheNationalIdOutOfEveryKafkaRecord() throws Exception {
        Set<String> nationalIds = new HashSet<>();
        query(Sandbox.LEGACY_DATABASE, "select natl_id from crm.cust", rs -> nationalIds.add(rs.getString(1)));
        assertThat(nationalIds).allMatch(id -> NATIONAL_ID.matcher(id).find());

        long records = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers()));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps())) {
            Set<String> topics = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                    .names().get();
            assertThat(topics).contains("legacy.crm.cust", "crm.customer.v1");
            consumer.subscribe(topics);
            int emptyPolls = 0;
            while (emptyPolls < 5) {
                var batch = consumer.poll(Duration.ofMillis(500));
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    records++;
                    String text = text(record);
                    assertThat(NATIONAL_ID.matcher(text).find())
                            .as("a national id in %s-%d@%d", record.topic(), record.partition(), record.offset())
                            .isFalse();
                }
            }
        }
        assertThat(records).isGreaterThan(CUSTOMERS);
    }

    private static String text(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder all = new StringBuilder();
        if (record.key() != null) {
            all.append(new String(record.key(), StandardCharsets.UTF_8));
        }
        if (record.value() != null) {
            all.append(new String(record.value(), StandardCharsets.UTF_8));
        }
        for (Header h : record.headers()) {
            all.append(h.key()).append(new String(h.value() == null ? new byte[0] : h.value(), StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    private static Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-it-scan-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    interface RowConsumer {
        void accept(ResultSet rs) throws Exception;
    }

    private static void query(String database, String sql, RowConsumer each) throws Exception {
        try (Connection c = sandbox.postgres().dataSource(database).getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                each.accept(rs);
            }
        }
    }
}
