package ficus.connectors.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.connectors.connect.StubConnect.Reply;
import ficus.core.FicusException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the client maps Connect's answers, against a scripted loopback server (see {@link StubConnect}). */
class ConnectClientHttpTest {

    private static final String RUNNING = """
            {"name":"c","connector":{"state":"RUNNING","worker_id":"w1"},
             "tasks":[{"id":0,"state":"RUNNING","worker_id":"w1"}],"type":"source"}""";
    private static final Reply CONFLICT =
            new Reply(409, "{\"error_code\":409,\"message\":\"Cannot complete request because of a conflicting operation\"}");

    private final StubConnect connect = new StubConnect();
    private final ConnectClient client = new ConnectClient(
            ConnectSettings.of(connect.url()).withRetry(4, Duration.ofMillis(5), Duration.ofMillis(20)));

    ConnectClientHttpTest() throws IOException {}

    @AfterEach
    void stop() {
        connect.close();
    }

    @Test
    void shouldRetryARebalanceConflictAndThenSucceed() {
        connect.on("PUT /connectors/c/config", CONFLICT, CONFLICT, new Reply(201, "{\"name\":\"c\"}"));

        boolean created = client.putConfig("c", Map.of("connector.class", "x"));

        assertThat(created).isTrue();
        assertThat(connect.requests()).containsExactly("PUT /connectors/c/config", "PUT /connectors/c/config",
                "PUT /connectors/c/config");
    }

    @Test
    void shouldGiveUpOnAPersistentConflictAsUnavailable() {
        connect.on("PUT /connectors/c/config", CONFLICT);

        assertThatThrownBy(() -> client.putConfig("c", Map.of()))
                .isInstanceOf(FicusException.Unavailable.class)
                .hasMessageContaining("answered 409 to PUT /connectors/c/config: Cannot complete request because of a"
                        + " conflicting operation (still rebalancing after 4 attempts)");
        assertThat(connect.requests()).hasSize(4);
    }

    @Test
    void shouldReportABadRequestWithConnectsOwnMessageWithoutRetrying() {
        connect.on("PUT /connectors/c/config", new Reply(400,
                "{\"error_code\":400,\"message\":\"Connector configuration is invalid and contains the following 1 error(s):\\nslot.name: bad\"}"));

        assertThatThrownBy(() -> client.putConfig("c", Map.of()))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessage("Kafka Connect at " + connect.url() + " answered 400 to PUT /connectors/c/config:"
                        + " Connector configuration is invalid and contains the following 1 error(s): slot.name: bad");
        assertThat(connect.requests()).hasSize(1);
    }

    @Test
    void shouldTellAMissingConnectorFromAnError() {
        connect.on("GET /connectors/gone/", new Reply(404, "{\"error_code\":404,\"message\":\"Connector gone not found\"}"))
                .on("DELETE /connectors/gone", new Reply(404, "{\"error_code\":404,\"message\":\"Connector gone not found\"}"));

        assertThat(client.config("gone")).isEmpty();
        assertThat(client.status("gone")).isEmpty();
        assertThat(client.delete("gone")).isFalse();
    }

    @Test
    void shouldCollectValidationErrorsPerField() {
        connect.on("PUT /connector-plugins/io.debezium.connector.postgresql.PostgresConnector/config/validate",
                new Reply(200, """
                        {"name":"io.debezium.connector.postgresql.PostgresConnector","error_count":1,"groups":[],
                         "configs":[
                          {"definition":{"name":"slot.name"},"value":{"name":"slot.name","value":"x","errors":[]}},
                          {"definition":{"name":"database.hostname"},"value":{"name":"database.hostname","value":"h",
                           "errors":["Error while validating connector config: Connection to h:5432 refused."]}}]}"""));

        ConfigValidation validation =
                client.validate("io.debezium.connector.postgresql.PostgresConnector", Map.of("slot.name", "x"));

        assertThat(validation.isValid()).isFalse();
        assertThat(validation.errors()).containsOnlyKeys("database.hostname");
        assertThat(validation.summary())
                .isEqualTo("database.hostname: Error while validating connector config: Connection to h:5432 refused.");
    }

    @Test
    void shouldWaitUntilConnectorAndTaskRun() {
        connect.on("GET /connectors/c/status",
                new Reply(404, "{\"error_code\":404,\"message\":\"No status found for connector c\"}"),
                new Reply(200, "{\"name\":\"c\",\"connector\":{\"state\":\"RUNNING\",\"worker_id\":\"w1\"},\"tasks\":[]}"),
                new Reply(200, RUNNING));

        ConnectorStatus status = client.awaitRunning("c", Duration.ofSeconds(10));

        assertThat(status.isRunning()).isTrue();
        assertThat(status.summary()).isEqualTo("c RUNNING, tasks: 0 RUNNING");
        assertThat(connect.requests()).hasSize(3);
    }

    @Test
    void shouldFailTheWaitWithTheTraceOfAFailedTask() {
        connect.on("GET /connectors/c/status", new Reply(200, """
                {"name":"c","connector":{"state":"RUNNING","worker_id":"w1"},
                 "tasks":[{"id":0,"state":"FAILED","worker_id":"w1",
                   "trace":"org.apache.kafka.connect.errors.ConnectException: boom\\n\\tat a.b(C.java:1)\\nCaused by: org.postgresql.util.PSQLException: FATAL: replication slot \\"s\\" is active\\n\\tat d.e(F.java:2)\\n"}]}"""));

        assertThatThrownBy(() -> client.awaitRunning("c", Duration.ofSeconds(10)))
                .isInstanceOf(FicusException.OperationFailed.class)
                .hasMessage("connector c task 0 FAILED on w1: org.apache.kafka.connect.errors.ConnectException: boom"
                        + " (caused by org.postgresql.util.PSQLException: FATAL: replication slot \"s\" is active)");
    }

    @Test
    void shouldFailTheWaitWithTheLastStatusWhenTimeRunsOut() {
        connect.on("GET /connectors/c/status", new Reply(200,
                "{\"name\":\"c\",\"connector\":{\"state\":\"RUNNING\",\"worker_id\":\"w1\"},\"tasks\":[{\"id\":0,\"state\":\"UNASSIGNED\"}]}"));

        assertThatThrownBy(() -> client.awaitRunning("c", Duration.ofMillis(300)))
                .isInstanceOf(FicusException.OperationFailed.class)
                .hasMessageStartingWith("connector c is not RUNNING after 0 s (c RUNNING, tasks: 0 UNASSIGNED)");
    }

    @Test
    void shouldSendBasicAuthWhenConfigured() {
        connect.on("GET /connectors", new Reply(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}"));
        ConnectClient withAuth = new ConnectClient(ConnectSettings.of(connect.url()).withBasicAuth("u", "p"));

        assertThatThrownBy(withAuth::connectors)
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageEndingWith("answered 401 to GET /connectors: Unauthorized; check the Connect user and password");
        assertThat(connect.authorizations()).containsExactly("Basic dTpw"); // base64("u:p")
    }

    @Test
    void shouldPauseResumeStopAndRestartThroughConnectsLifecycleEndpoints() {
        connect.on("PUT /connectors/c/pause", new Reply(202, ""))
                .on("PUT /connectors/c/resume", new Reply(202, ""))
                .on("PUT /connectors/c/stop", new Reply(204, ""))
                .on("POST /connectors/c/restart", new Reply(202, RUNNING));

        client.pause("c");
        client.resume("c");
        client.stop("c");
        client.restart("c", true, true);

        assertThat(connect.requests()).containsExactly("PUT /connectors/c/pause", "PUT /connectors/c/resume",
                "PUT /connectors/c/stop", "POST /connectors/c/restart", "GET /connectors/c/status");
        assertThat(connect.queries().get(3)).isEqualTo("includeTasks=true&onlyFailed=true");
    }

    @Test
    void shouldReturnFromARestartOnlyOnceConnectNoLongerShowsTheOldFailure() {
        Reply failed = new Reply(200, """
                {"name":"c","connector":{"state":"RUNNING","worker_id":"w1"},
                 "tasks":[{"id":0,"state":"FAILED","worker_id":"w1","trace":"boom"}],"type":"source"}""");
        connect.on("POST /connectors/c/restart", new Reply(202, RUNNING))
                .on("GET /connectors/c/status", failed, failed, new Reply(200, RUNNING));

        client.restart("c", true, true);

        assertThat(connect.requests()).containsExactly("POST /connectors/c/restart", "GET /connectors/c/status",
                "GET /connectors/c/status", "GET /connectors/c/status");
    }

    @Test
    void shouldNameAMissingConnectorOnALifecycleCall() {
        assertThatThrownBy(() -> client.pause("nope"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessage("Kafka Connect at " + connect.url() + " has no connector named nope; list them with ficus"
                        + " connectors status");
    }

    @Test
    void shouldReadOffsetsAsAJsonTree() {
        connect.on("GET /connectors/c/offsets", new Reply(200, """
                {"offsets":[{"partition":{"server":"legacy"},"offset":{"lsn":24023184,"txId":765}}]}"""));

        Map<String, Object> offsets = client.offsets("c");

        assertThat(offsets).containsOnlyKeys("offsets");
        assertThat(offsets.get("offsets").toString()).isEqualTo("[{partition={server=legacy}, offset={lsn=24023184,"
                + " txId=765}}]");
    }

    @Test
    void shouldRefuseToResetOffsetsUnlessTheConnectorIsStopped() {
        connect.on("GET /connectors/c/status", new Reply(200, RUNNING));

        assertThatThrownBy(() -> client.resetOffsets("c"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessage("connector c is RUNNING; offsets can only be reset while it is STOPPED: stop it first"
                        + " (ficus connectors stop c)");
        assertThat(connect.requests()).containsExactly("GET /connectors/c/status");
    }

    @Test
    void shouldResetTheOffsetsOfAStoppedConnector() {
        connect.on("GET /connectors/c/status", new Reply(200, """
                {"name":"c","connector":{"state":"STOPPED","worker_id":"w1"},"tasks":[],"type":"source"}"""))
                .on("DELETE /connectors/c/offsets", new Reply(200, "{\"message\":\"offsets reset\"}"));

        client.resetOffsets("c");

        assertThat(connect.requests()).containsExactly("GET /connectors/c/status", "DELETE /connectors/c/offsets");
    }

    @Test
    void shouldReportAnUnreadableTrustStoreAsBadInput(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path store = dir.resolve("absent.p12");
        ConnectSettings settings = ConnectSettings.of("https://connect.internal:8443")
                .withTrustStore(store, "changeit".toCharArray());

        assertThatThrownBy(() -> new ConnectClient(settings))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageStartingWith("trust store " + store + " cannot be read");
        assertThat(settings.toString()).doesNotContain("changeit");
    }
}
