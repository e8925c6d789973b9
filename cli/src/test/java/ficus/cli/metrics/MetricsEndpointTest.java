package ficus.cli.metrics;

import static ficus.cli.FicusCliTest.ficus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.cli.FicusCliTest.Run;
import ficus.core.FicusException;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one Prometheus endpoint of a ficus process, over HTTP on loopback; and what a busy port does to a command. */
class MetricsEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeTheRegistrysMetersAndTheJvmsInThePrometheusTextFormatOnAFreePort() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, "--metrics-port")) {
            Counter.builder("ficus.test.things").tag("kind", "tested").register(endpoint.registry()).increment(3);

            HttpResponse<String> scrape = get(endpoint.url());

            assertThat(endpoint.port()).isPositive();
            assertThat(endpoint.url()).hasToString("http://127.0.0.1:" + endpoint.port() + "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/plain"));
            assertThat(PrometheusText.parse(scrape.body()).value("ficus_test_things_total", "kind", "tested"))
                    .isEqualTo(3.0);
            assertThat(scrape.body()).contains("# TYPE ficus_test_things_total counter", "jvm_memory_used_bytes",
                    "process_uptime_seconds");
        }
    }

    @Test
    void shouldAnswerOtherPathsWith404SayingWhereTheMetricsAre() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, "--metrics-port")) {
            HttpResponse<String> other = get(URI.create("http://127.0.0.1:" + endpoint.port() + "/"));

            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(other.body()).contains("/metrics");
        }
    }

    @Test
    void shouldFreeThePortWhenClosed() throws Exception {
        int port;
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, "--metrics-port")) {
            port = endpoint.port();
        }
        try (MetricsEndpoint again = MetricsEndpoint.start("127.0.0.1", port, "--metrics-port")) {
            assertThat(get(again.url()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseAPortInUseAsBadInputNamingTheOptionAndWhatToDo() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> MetricsEndpoint.start("127.0.0.1", busy.getLocalPort(), "--metrics-port"))
                    .isInstanceOf(FicusException.BadInput.class)
                    .hasMessage("--metrics-port " + busy.getLocalPort() + ": 127.0.0.1:" + busy.getLocalPort()
                            + " is in use (or not an address of this machine); choose another port, or 0 for a "
                            + "free one");
        }
        assertThatThrownBy(() -> MetricsEndpoint.start("127.0.0.1", 70000, "--metrics-port"))
                .isInstanceOf(FicusException.BadInput.class).hasMessageContaining("70000 is not a port");
    }

    @Test
    void shouldEndTheDemoWithExitCode2AndOneLineBeforeStartingAnythingWhenItsMetricsPortIsInUse(@TempDir Path dir)
            throws Exception {
        Path workDir = dir.resolve("demo");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = ficus("demo", "--metrics-port", Integer.toString(busy.getLocalPort()), "--work-dir",
                    workDir.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().strip().lines()).hasSize(1);
            assertThat(run.err()).contains("--metrics-port " + busy.getLocalPort()).contains("is in use")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(run.out()).doesNotContain("starting PostgreSQL");
            assertThat(workDir).as("no sandbox was started").doesNotExist();
        }
    }

    @Test
    void shouldEndAclRunWithExitCode2AndOneLineBeforeStartingALayerWhenItsMetricsPortIsInUse(@TempDir Path dir)
            throws Exception {
        Path spec = dir.resolve("note.yaml");
        Files.writeString(spec, """
                translation: note
                context: wiki
                version: 1
                root:
                  table: wiki.note
                  key: note_id
                  fields:
                    noteId: { column: note_id, type: long, required: true }
                events:
                  - { on: registered, type: NoteWritten }
                """);
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = ficus("acl", "run", "--spec", spec.toString(), "--bootstrap-servers", "127.0.0.1:1",
                    "--state-dir", dir.resolve("state").toString(), "--metrics-port",
                    Integer.toString(busy.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().strip().lines()).hasSize(1);
            assertThat(run.err()).contains("--metrics-port " + busy.getLocalPort()).contains("is in use");
            assertThat(run.out()).doesNotContain("translating");
        }
    }

    @Test
    void shouldDocumentTheMetricsPortInTheHelpOfBothCommands() {
        assertThat(ficus("demo", "--help").out()).contains("--metrics-port=PORT").contains("Default: 9464");
        assertThat(ficus("acl", "run", "--help").out()).contains("--metrics-port=PORT", "--metrics-host=ADDRESS");
    }
}
