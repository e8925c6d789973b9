package ficus.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.sandbox.crm.LegacyWorkload;
import ficus.sandbox.crm.SampleCrm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class SandboxIT {

    @Test
    void shouldRunPostgresWithLogicalReplication(Sandbox sandbox) throws Exception {
        try (Connection c = sandbox.postgres().dataSource("legacy").getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show wal_level")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("logical");
        }
    }

    @Test
    void shouldRunABrokerThatCreatesTopics(Sandbox sandbox) throws Exception {
        String topic = "sandbox-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            assertThat(admin.listTopics().names().get()).contains(topic);
        }
    }

    @Test
    void shouldRunAConnectWorkerWithTheDebeziumPostgresPlugin(Sandbox sandbox) throws Exception {
        HttpResponse<String> plugins = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sandbox.connectUrl() + "/connector-plugins")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plugins.statusCode()).isEqualTo(200);
        assertThat(plugins.body()).contains("io.debezium.connector.postgresql.PostgresConnector");
        assertThat(sandbox.connectUrl()).startsWith("http://127.0.0.1:");
    }

    @Test
    void shouldSeedTheSampleCrmAndKeepWritingToIt(Sandbox sandbox) throws Exception {
        sandbox.postgres().createDatabase("sandbox_it_crm");
        var db = sandbox.postgres().dataSource("sandbox_it_crm");
        SampleCrm.install(db, 10_000);
        assertThat(count(db, "select count(*) from crm.cust")).isEqualTo(10_000);
        assertThat(count(db, "select count(*) from crm.cust_addr")).isEqualTo(10_000);
        assertThat(count(db, "select count(*) from crm.cust where length(cst_nts) > 2000")).isPositive();

        try (LegacyWorkload workload = new LegacyWorkload(db, 200, 10_000, 7).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> workload.operations() >= 100);
            workload.stop();
            assertThat(workload.count(LegacyWorkload.Operation.REGISTER)).isPositive();
            assertThat(workload.count(LegacyWorkload.Operation.NIGHTLY_TOUCH)).isPositive();
            assertThat(workload.failures()).isZero();
            // every registration drew one id from the sequence (some were deleted again since)
            assertThat(count(db, "select last_value - 1000000 from crm.cust_seq"))
                    .isEqualTo(workload.count(LegacyWorkload.Operation.REGISTER));
        }
    }

    private static long count(javax.sql.DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
