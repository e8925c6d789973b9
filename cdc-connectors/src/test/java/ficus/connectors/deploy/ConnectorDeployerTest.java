package ficus.connectors.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.connect.ConnectSettings;
import ficus.connectors.connect.StubConnect;
import ficus.connectors.connect.StubConnect.Reply;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.render.DebeziumConfigRenderer;
import ficus.core.FicusException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deploy sequence against a scripted loopback server; the real thing is {@code ConnectorDeployerIT}. */
class ConnectorDeployerTest {

    private static final String VALIDATE =
            "PUT /connector-plugins/io.debezium.connector.postgresql.PostgresConnector/config/validate";
    private static final Reply RUNNING = new Reply(200, """
            {"name":"legacy-crm","connector":{"state":"RUNNING","worker_id":"w1"},
             "tasks":[{"id":0,"state":"RUNNING","worker_id":"w1"}],"type":"source"}""");
    private static final Reply NOT_FOUND = new Reply(404, "{\"error_code\":404,\"message\":\"Connector legacy-crm not found\"}");

    private final StubConnect connect = new StubConnect();
    private final ConnectorDeployer deployer = new ConnectorDeployer(
            new ConnectClient(ConnectSettings.of(connect.url()).withRetry(2, Duration.ofMillis(5), Duration.ofMillis(10))),
            new DebeziumConfigRenderer(), Duration.ofSeconds(5))
            .withPublicationStep(plan -> ficus.connectors.publication.Publications.Outcome.UNCHANGED);
    private final CapturePlan plan = CapturePlanLoader.legacyCrm();

    ConnectorDeployerTest() throws IOException {}

    @AfterEach
    void stop() {
        connect.close();
    }

    @Test
    void shouldDeployNothingWhenConnectRejectsTheConfig() {
        connect.on("GET /connectors/legacy-crm/config", NOT_FOUND)
                .on(VALIDATE, new Reply(200, """
                        {"error_count":1,"configs":[{"definition":{"name":"database.hostname"},
                          "value":{"name":"database.hostname","errors":["Unable to connect: Connection refused"]}}]}"""));

        assertThatThrownBy(() -> deployer.deploy(plan))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessage("connector legacy-crm was not deployed: Kafka Connect at " + connect.url() + " rejected its"
                        + " config (1 error(s)): database.hostname: Unable to connect: Connection refused");
        assertThat(connect.requests()).containsExactly("GET /connectors/legacy-crm/config", VALIDATE);
    }

    @Test
    void shouldCreateAValidatedConnectorAndWaitUntilItRuns() {
        connect.on("GET /connectors/legacy-crm/config", NOT_FOUND)
                .on(VALIDATE, new Reply(200, "{\"error_count\":0,\"configs\":[]}"))
                .on("PUT /connectors/legacy-crm/config", new Reply(201, "{\"name\":\"legacy-crm\"}"))
                .on("GET /connectors/legacy-crm/status", RUNNING);

        DeployResult result = deployer.deploy(plan);

        assertThat(result.outcome()).isEqualTo(DeployOutcome.CREATED);
        assertThat(result.changed()).isTrue();
        assertThat(result.status().isRunning()).isTrue();
        assertThat(connect.requests()).containsExactly("GET /connectors/legacy-crm/config", VALIDATE,
                "PUT /connectors/legacy-crm/config", "GET /connectors/legacy-crm/status");
    }

    @Test
    void shouldSendNothingWhenTheConnectorAlreadyHasTheRenderedConfig() throws IOException {
        String current = new ObjectMapper().writeValueAsString(new DebeziumConfigRenderer().render(plan));
        connect.on("GET /connectors/legacy-crm/config", new Reply(200, current))
                .on(VALIDATE, new Reply(200, "{\"error_count\":0,\"configs\":[]}"))
                .on("GET /connectors/legacy-crm/status", RUNNING);

        DeployResult result = deployer.deploy(plan);

        assertThat(result.outcome()).isEqualTo(DeployOutcome.UNCHANGED);
        assertThat(result.changed()).isFalse();
        assertThat(result.diff().isEmpty()).isTrue();
        assertThat(connect.requests()).containsExactly("GET /connectors/legacy-crm/config", VALIDATE,
                "GET /connectors/legacy-crm/status");
    }

    @Test
    void shouldShowTheDiffAndSendNothingOnADryRun() throws IOException {
        java.util.Map<String, String> deployed = new java.util.TreeMap<>(new DebeziumConfigRenderer().render(plan));
        deployed.put("poll.interval.ms", "500");
        deployed.put("database.password", "hunter2");
        deployed.remove("heartbeat.interval.ms");
        connect.on("GET /connectors/legacy-crm/config", new Reply(200, new ObjectMapper().writeValueAsString(deployed)))
                .on(VALIDATE, new Reply(200, "{\"error_count\":0,\"configs\":[]}"))
                .on("GET /connectors/legacy-crm/status", RUNNING);

        DeployResult result = deployer.deploy(plan, DeployOptions.defaults().withPreflight(false).withDryRun(true));

        assertThat(result.dryRun()).isTrue();
        assertThat(result.changed()).isFalse();
        assertThat(result.outcome()).isEqualTo(DeployOutcome.UPDATED);
        assertThat(result.diff().render()).isEqualTo(String.join(System.lineSeparator(),
                "~ database.password: *** -> ${env:FICUS_LEGACY_PASSWORD}",
                "+ heartbeat.interval.ms: 10000",
                "~ poll.interval.ms: 500 -> 20"));
        assertThat(connect.requests()).doesNotContain("PUT /connectors/legacy-crm/config");
    }
}
