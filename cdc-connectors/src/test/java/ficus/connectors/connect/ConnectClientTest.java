package ficus.connectors.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.core.FicusException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectClientTest {

    @Test
    void shouldReportAnUnreachableConnectAsUnavailableNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free now, closed below: nothing listens there
        }
        ConnectClient client = ConnectClient.of("http://127.0.0.1:" + port);

        assertThatThrownBy(() -> client.status("legacy-crm"))
                .isInstanceOf(FicusException.Unavailable.class)
                .hasMessage("Kafka Connect at http://127.0.0.1:" + port + " is unreachable (connection refused);"
                        + " check the URL and that a Connect worker is running")
                .satisfies(e -> assertThat(((FicusException) e).retriable()).isTrue());
    }

    @Test
    void shouldRejectAConnectUrlWithoutScheme() {
        assertThatThrownBy(() -> ConnectClient.of("localhost:8083"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("'localhost:8083' is not an http(s) URL with a host");
    }

    @Test
    void shouldBackOffExponentiallyWithJitterUpToTheCap() {
        ConnectClient client = new ConnectClient(
                ConnectSettings.of("http://127.0.0.1:1").withRetry(10, Duration.ofMillis(100), Duration.ofMillis(1000)));

        for (int i = 0; i < 50; i++) {
            assertThat(client.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(client.backoff(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(client.backoff(9)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        }
    }

    @Test
    void shouldEncodeNamesAsSinglePathSegments() {
        assertThat(ConnectClient.segment("io.debezium.connector.postgresql.PostgresConnector"))
                .isEqualTo("io.debezium.connector.postgresql.PostgresConnector");
        assertThat(ConnectClient.segment("a b/c")).isEqualTo("a%20b%2Fc");
    }

    @Test
    void shouldSummarizeATraceToItsFirstLineAndRootCause() {
        String trace = """
                org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer.
                \tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)
                Caused by: io.debezium.DebeziumException: Couldn't obtain encoding
                \tat x.y(Z.java:1)
                Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "cdc"
                \tat x.y(Z.java:2)
                """;

        assertThat(ConnectorStatus.summarizeTrace(trace)).isEqualTo("org.apache.kafka.connect.errors.ConnectException:"
                + " An exception occurred in the change event producer. (caused by org.postgresql.util.PSQLException:"
                + " FATAL: password authentication failed for user \"cdc\")");
        assertThat(ConnectorStatus.summarizeTrace(null)).isNull();
    }
}
