package ficus.cli.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.cli.FicusCliTest;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.sandbox.crm.SampleCrm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ficus connectors ...} as the platform team runs it, in-process, against the sandbox's real Connect worker and
 * PostgreSQL: exit codes, one-line errors, nothing half-deployed. The library's own ITs cover each operation in depth.
 */
@ExtendWith(SandboxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectorsCommandIT {

    private static final String DATABASE = "cli_connectors_it";
    private static final String CONNECTOR = "cli-it-crm";
    private static Sandbox sandbox;
    private static Path dir;

    @BeforeAll
    static void legacyDatabase(Sandbox s) throws Exception {
        sandbox = s;
        s.postgres().createDatabase(DATABASE);
        SampleCrm.install(s.postgres().dataSource(DATABASE), 100);
        try (Connection c = s.postgres().dataSource(DATABASE).getConnection(); Statement st = c.createStatement()) {
            st.execute("create table crm.ficus_signal (id varchar(64) primary key, type varchar(32) not null, data text)");
        }
        dir = Files.createTempDirectory("ficus-connectors-cli-it-");
    }

    private static Path plan(String name, String table, String password) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                source: cliit
                connection:
                  host: 127.0.0.1
                  port: %d
                  database: %s
                  user: postgres
                  password: "%s"
                tables:
                  - %s
                sensitiveColumns:
                  - %s.natl_id
                slot: cli_it_slot
                publication: cli_it_pub
                signalTable: crm.ficus_signal
                snapshot: initial
                """.formatted(name, sandbox.postgres().port(), DATABASE, password, table, table));
        return file;
    }

    private static String password() {
        return sandbox.legacyPasswordReference();
    }

    @Test
    @Order(1)
    void shouldRejectALiteralPasswordWithOneLineNamingFileAndLineAndExitCode2() throws Exception {
        Path plan = plan("literal", "crm.cust", "hunter2");

        var run = FicusCliTest.ficus("connectors", "render", plan.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(plan.toString() + ":8").contains("password").doesNotContain("hunter2");
    }

    @Test
    @Order(2)
    void shouldRefuseToDeployAPlanWithATableTypoAndLeaveNothingDeployed() throws Exception {
        Path plan = plan(CONNECTOR, "crm.custt", password());

        var run = FicusCliTest.ficus("connectors", "deploy", plan.toString(), "--connect-url", sandbox.connectUrl());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("crm.custt").contains("crm.cust");
        assertThat(connectors()).doesNotContain(CONNECTOR);
        assertThat(slotExists()).isFalse();
    }

    @Test
    @Order(3)
    void shouldSayInOneLineThatConnectIsUnreachableWithExitCode3() throws Exception {
        Path plan = plan(CONNECTOR, "crm.cust", password());

        var run = FicusCliTest.ficus("connectors", "deploy", plan.toString(), "--connect-url", "http://127.0.0.1:9",
                "--skip-preflight");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("http://127.0.0.1:9");
    }

    @Test
    @Order(4)
    void shouldPassPreflightDeployThenReportUnchangedAndHealthy() throws Exception {
        Path plan = plan(CONNECTOR, "crm.cust", password());

        var preflight = FicusCliTest.ficus("connectors", "preflight", plan.toString());
        assertThat(preflight.exitCode()).as(preflight.out() + preflight.err()).isZero();
        assertThat(preflight.out()).contains("PASS").contains("preflight: ready");

        var first = FicusCliTest.ficus("connectors", "deploy", plan.toString(), "--connect-url", sandbox.connectUrl());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("created and RUNNING");

        var second = FicusCliTest.ficus("connectors", "deploy", plan.toString(), "--connect-url", sandbox.connectUrl());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("unchanged");

        var status = FicusCliTest.ficus("connectors", "status", plan.toString(), "--connect-url", sandbox.connectUrl());
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains(CONNECTOR).contains("RUNNING").contains("cli_it_slot");

        var running = FicusCliTest.ficus("connectors", "preflight", plan.toString(), "--connect-url",
                sandbox.connectUrl());
        assertThat(running.exitCode()).as("preflight beside the plan's running connector: " + running.out()
                + running.err()).isZero();
        assertThat(running.out()).containsPattern("PASS +slot +cli_it_slot .*in use by the plan's connector "
                + CONNECTOR).doesNotContain("pg_terminate_backend").contains("preflight: ready");
    }

    @Test
    @Order(5)
    void shouldDeleteTheConnectorAndDropItsSlot() throws Exception {
        Path plan = plan(CONNECTOR, "crm.cust", password());

        var run = FicusCliTest.ficus("connectors", "delete", plan.toString(), "--drop-slot", "--connect-url",
                sandbox.connectUrl());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(connectors()).doesNotContain(CONNECTOR);
        assertThat(slotExists()).isFalse();
    }

    private static String connectors() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sandbox.connectUrl() + "/connectors")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static boolean slotExists() throws Exception {
        try (Connection c = sandbox.postgres().dataSource(DATABASE).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_replication_slots where slot_name = 'cli_it_slot'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
