package ficus.connectors.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.connect.ConnectorState;
import ficus.connectors.connect.TaskStatus;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.core.FicusException;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.sandbox.crm.SampleCrm;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bundled legacy-CRM plan deployed through the real Connect REST API of the sandbox: the Debezium connector
 * snapshots the sample CRM into {@code legacy.crm.cust} without the national id, and a second deploy changes nothing.
 */
@ExtendWith(SandboxExtension.class)
class ConnectorDeployerIT {

    private static final int CUSTOMERS = 200;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldSnapshotTheSampleCrmWithoutSensitiveColumnsAndReportARedeployUnchanged(Sandbox s) throws Exception {
        DataSource legacy = s.postgres().dataSource("legacy");
        SampleCrm.install(legacy, CUSTOMERS);
        List<String> nationalIds = nationalIds(legacy);
        CapturePlan plan = CapturePlanLoader.legacyCrm().withConnection(sandboxConnection(s, "legacy"));
        ConnectorDeployer deployer = new ConnectorDeployer(ConnectClient.of(s.connectUrl()));

        DeployResult first = deployer.deploy(plan);

        assertThat(first.outcome()).isEqualTo(DeployOutcome.CREATED);
        assertThat(first.status().state()).isEqualTo(ConnectorState.RUNNING);
        assertThat(first.status().tasks()).isNotEmpty().extracting(TaskStatus::state).containsOnly(ConnectorState.RUNNING);
        assertThat(first.config()).containsEntry("database.password",
                "${file:" + s.secretsFile() + ":legacy.password}");

        Map<String, JsonNode> snapshot = consumeCustomers(s, CUSTOMERS);
        assertThat(snapshot).hasSize(CUSTOMERS);
        assertThat(snapshot.values()).allSatisfy(value -> {
            assertThat(value.path("op").asText()).isEqualTo("r");
            assertThat(value.path("after").has("cst_stat")).isTrue();
            assertThat(value.path("after").has("natl_id")).isFalse();
        });
        String everything = snapshot.values().toString();
        assertThat(nationalIds).hasSize(CUSTOMERS).noneSatisfy(id -> assertThat(everything).contains(id));

        DeployResult second = deployer.deploy(plan);

        assertThat(second.outcome()).isEqualTo(DeployOutcome.UNCHANGED);
        assertThat(second.changed()).isFalse();
        assertThat(second.status().isRunning()).isTrue();
    }

    @Test
    void shouldDeployNothingWhenConnectValidationRejectsThePlan(Sandbox s) {
        ConnectClient connect = ConnectClient.of(s.connectUrl());
        CapturePlan plan = new CapturePlanLoader().parse("""
                name: no-such-database
                source: nosuch
                connection: {host: localhost, database: x, user: postgres, password: "${env:UNUSED}"}
                tables: [crm.cust]
                slot: ficus_no_such_database
                publication: ficus_no_such_database
                """, "no-such-database.yaml").withConnection(sandboxConnection(s, "no_such_database"));

        assertThatThrownBy(() -> new ConnectorDeployer(connect).deploy(plan))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageStartingWith("connector no-such-database was not deployed: Kafka Connect at " + s.connectUrl()
                        + " rejected its config");
        assertThat(connect.config("no-such-database")).isEmpty();
        assertThat(connect.connectors()).doesNotContain("no-such-database");
    }

    private static Connection sandboxConnection(Sandbox s, String database) {
        SecretRef password = SecretRef.parse("${file:" + s.secretsFile() + ":legacy.password}").orElseThrow();
        return new Connection(s.postgres().host(), s.postgres().port(), database, "postgres", password);
    }

    private Map<String, JsonNode> consumeCustomers(Sandbox s, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "cdc-connectors-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, JsonNode> byKey = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("legacy.crm.cust"));
            await("the snapshot of " + expected + " customers on legacy.crm.cust")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                            JsonNode key = json.readTree(record.key());
                            byKey.put(key.path("cust_id").asText(), json.readTree(record.value()));
                        }
                        return byKey.size() >= expected;
                    });
        }
        return byKey;
    }

    private static List<String> nationalIds(DataSource legacy) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (java.sql.Connection c = legacy.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select natl_id from crm.cust")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
