package ficus.cli.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.cli.metrics.PrometheusText;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.samples.crm.CrmSample;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ficus acl run} against the sandbox broker, in-process: while it runs, its {@code /metrics} answers a scrape
 * with the layer's own meters for what it translated and dead-lettered, and its Kafka Streams clients' metrics; when
 * it stops, the port is free again.
 */
@ExtendWith(SandboxExtension.class)
class AclRunMetricsIT {

    private static final String RAW = "metricsit.crm.cust";
    private static final String DOMAIN = "metricsit.customer.v1";
    private static final String DLQ = "metricsit.dlq.customer";
    private static final Pattern METRICS_AT = Pattern.compile("acl: metrics at (http://127\\.0\\.0\\.1:(\\d+)/metrics)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldServeTheLayersMetersAndItsKafkaStreamsMetricsWhileItRuns(Sandbox sandbox, @TempDir Path dir)
            throws Exception {
        Path spec = dir.resolve("customer.yaml");
        try (var shipped = CrmSample.class.getResourceAsStream("/ficus/samples/crm/translations/customer.yaml")) {
            Files.write(spec, Objects.requireNonNull(shipped).readAllBytes());
        }
        AclCommand.Run run = new AclCommand.Run();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(run);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("--spec", spec.toString(),
                "--bootstrap-servers", sandbox.bootstrapServers(), "--application-id", "metricsit-acl",
                "--raw-topic", RAW, "--domain-topic", DOMAIN, "--dlq-topic", DLQ,
                "--state-dir", dir.resolve("state").toString(), "--metrics-port", "0", "--report-every", "1s"));
        Matcher at = await().atMost(Duration.ofSeconds(60)).until(() -> {
            Matcher m = METRICS_AT.matcher(out.toString());
            return m.find() ? m : null;
        }, Objects::nonNull);
        URI endpoint = URI.create(at.group(1));
        int port = Integer.parseInt(at.group(2));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("metricsit-acl RUNNING"));
            produce(sandbox, 71, insert(71, "A"));
            produce(sandbox, 72, insert(72, "Z")); // a status code the spec does not know: a dead letter

            PrometheusText scrape = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> PrometheusText.parse(get(endpoint)), t ->
                            t.value("ficus_acl_events_total", "type", "crm.CustomerRegistered.v1") == 1
                                    && t.value("ficus_acl_dead_letters_total", "kind", "UNKNOWN_CODE") == 1);

            assertThat(scrape.value("ficus_acl_events_total", "translation", "customer", "type",
                    "crm.CustomerRegistered.v1", "phase", "streamed")).isEqualTo(1);
            assertThat(scrape.value("ficus_acl_changes_consumed_total", "translation", "customer")).isEqualTo(2);
            assertThat(scrape.value("ficus_acl_dead_letters_total", "kind", "SCHEMA_DRIFT")).isZero();
            assertThat(scrape.value("ficus_acl_freshness_seconds_count", "translation", "customer")).isEqualTo(1);
            assertThat(scrape.value("ficus_acl_source_lsn", "topic", RAW)).isEqualTo(0x300);
            assertThat(scrape.value("ficus_acl_event_rate_dropped", "type", "crm.CustomerRegistered.v1")).isZero();
            assertThat(scrape.anyStartingWith("kafka_stream_", "translation", "customer"))
                    .as("Kafka Streams metrics in:%n%s", scrape).isTrue();
            assertThat(scrape.anyStartingWith("kafka_producer_", "translation", "customer")).isTrue();
            assertThat(scrape.max("jvm_threads_live_threads").orElse(0)).isPositive();
        } finally {
            run.requestStop();
        }
        assertThat(exit.get(60, TimeUnit.SECONDS)).as(out.toString()).isZero();
        assertThat(out.toString()).contains("acl: stopped");
        assertThat(listening(port)).as("the metrics port after the command ended").isFalse();
    }

    private static byte[] insert(long id, String status) {
        return ("""
                {"before":null,"after":{"cust_id":%d,"cst_nm":"Metered","cst_eml":"m@example.org","cst_stat":"%s",
                "cst_nts":"n","crt_ts":1700000000000000,"upd_ts":1700000000000000,"upd_by":"APP"},
                "source":{"version":"3.7.0.Final","connector":"postgresql","name":"metricsit","ts_ms":1700000000123,
                "snapshot":"false","db":"legacy","sequence":"[\\"%d\\",\\"%d\\"]","schema":"crm","table":"cust",
                "txId":765,"lsn":%d,"xmin":null},"transaction":null,"op":"c","ts_ms":1700000000200}
                """.formatted(id, status, 0x100 * (id - 70), 0x100 * (id - 70) + 0x100, 0x100 * (id - 70) + 0x100))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void produce(Sandbox sandbox, long id, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(RAW, ("{\"cust_id\":" + id + "}").getBytes(StandardCharsets.UTF_8),
                    value)).get();
        }
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
