package ficus.connectors.preflight;

import static ficus.connectors.ItSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ficus.connectors.ItSupport;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.core.FicusException;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.sandbox.postgres.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preflight against real PostgreSQL servers: a database set up to fail each check in turn, then to pass. Server
 * settings (wal_level, slots, senders, WAL retention) are broken on a second server started for that test.
 */
@ExtendWith(SandboxExtension.class)
class PreflightIT {

    private static final String DB = "preflight_it";
    private static final String READY_EXTRA = """
            sensitiveColumns: [crm.cust.natl_id]
            keyColumns: {crm.audit: [audit_ts, audit_seq]}
            beforeImages: [crm.cust]
            signalTable: ficus.debezium_signal
            heartbeatActionQuery: "update ficus.heartbeat set ts = now() where id = 1"
            """;

    private static DataSource db;

    @BeforeAll
    static void database(Sandbox s) {
        s.postgres().createDatabase(DB);
        db = s.postgres().dataSource(DB);
        sql(db, "drop schema if exists crm cascade", "drop schema if exists ficus cascade",
                "drop publication if exists preflight_pub",
                "create schema crm", "create schema ficus",
                "create table crm.cust (cust_id bigint primary key, cst_nm text, natl_id text)",
                "alter table crm.cust replica identity full",
                "create table crm.audit (audit_ts timestamp not null, audit_seq int not null, what text)",
                "alter table crm.audit replica identity full",
                "create table crm.audit_nokey (at timestamp, what text)",
                "create table ficus.debezium_signal (id varchar(64) primary key, type varchar(32) not null,"
                        + " data varchar(2048))",
                "create table ficus.heartbeat (id int primary key, ts timestamptz not null)",
                "insert into ficus.heartbeat values (1, now())",
                "do $$ begin if not exists (select from pg_roles where rolname = 'preflight_norepl') then"
                        + " create role preflight_norepl login password 'x'; end if; end $$");
    }

    private static CapturePlan ready(Sandbox s, String slot) {
        return ItSupport.plan(s, slot, DB, "crm.cust, crm.audit", READY_EXTRA);
    }

    @Test
    void shouldPassADatabaseThatIsReadyConnectingWithThePlansOwnConnection(Sandbox s) {
        PreflightReport report = Preflight.run(ready(s, "preflight_ready"));

        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.checks()).extracting(CheckResult::name).contains("wal_level", "replication slots",
                "wal senders", "replication privilege", "tables exist", "select privilege", "replica identity crm.cust",
                "replica identity crm.audit", "sensitive columns", "publication", "slot", "max_slot_wal_keep_size",
                "heartbeat", "signal table");
        assertThat(report.checks()).filteredOn(c -> !c.name().equals("sensitive columns"))
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(Status.PASS));
        // crm.cust is a before-image table: REPLICA IDENTITY FULL, so a column list cannot leave natl_id out
        assertThat(report.check("sensitive columns").orElseThrow().status()).isEqualTo(Status.WARN);
        assertThat(report.check("sensitive columns").orElseThrow().detail())
                .startsWith("crm.cust.natl_id cross the replication connection");
        assertThat(report.render()).endsWith("preflight passed (1 warning(s))");
    }

    @Test
    void shouldFailATableNameTypoWithADidYouMean(Sandbox s) {
        PreflightReport report = Preflight.run(ItSupport.plan(s, "preflight_typo", DB, "crm.custt", ""), db);

        assertThat(report.passed()).isFalse();
        assertThat(report.check("tables exist")).get().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.detail()).contains("crm.custt (did you mean crm.cust?)");
        });
    }

    @Test
    void shouldFailATableWithoutPrimaryKeyOrDeclaredKeyAndOneWhoseBeforeImagesCannotBeComplete(Sandbox s) {
        sql(db, "create table if not exists crm.partial (id int primary key, v text)");
        CapturePlan plan = ItSupport.plan(s, "preflight_nokey", DB, "crm.audit_nokey, crm.partial",
                "beforeImages: [crm.partial]");

        PreflightReport report = Preflight.run(plan, db);

        assertThat(report.check("replica identity crm.audit_nokey")).get().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.detail()).startsWith("no primary key and no keyColumns in the plan");
            assertThat(c.fixSql()).contains("ALTER TABLE crm.audit_nokey REPLICA IDENTITY FULL;");
        });
        assertThat(report.check("replica identity crm.partial")).get().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.fixSql()).isEqualTo("ALTER TABLE crm.partial REPLICA IDENTITY FULL;");
        });
    }

    @Test
    void shouldFailASensitiveColumnThatDoesNotExist(Sandbox s) {
        CapturePlan plan = ItSupport.plan(s, "preflight_sensitive", DB, "crm.cust", "sensitiveColumns: [crm.cust.natlid]");

        assertThat(Preflight.run(plan, db).check("sensitive columns")).get().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.detail()).contains("crm.cust.natlid (did you mean natl_id?)");
        });
    }

    @Test
    void shouldFailAUserWithoutReplicationOrSelectRights(Sandbox s) {
        CapturePlan plan = ready(s, "preflight_norepl");
        plan = plan.withConnection(new Connection(s.postgres().host(), s.postgres().port(), DB, "preflight_norepl",
                SecretRef.parse(s.legacyPasswordReference()).orElseThrow()));

        PreflightReport report = Preflight.run(plan, db);

        assertThat(report.check("replication privilege")).get().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.fixSql()).isEqualTo("ALTER ROLE preflight_norepl REPLICATION;");
        });
        assertThat(report.check("select privilege")).get().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.fixSql()).contains("GRANT USAGE ON SCHEMA crm TO preflight_norepl;",
                    "GRANT SELECT ON crm.cust, crm.audit TO preflight_norepl;");
        });
        assertThat(report.check("publication").orElseThrow().status()).isEqualTo(Status.FAIL);
    }

    @Test
    void shouldFailASlotHeldByAnotherActiveConsumerAndPassAnInactiveOne(Sandbox s) throws Exception {
        CapturePlan plan = ready(s, "preflight_held");
        try (java.sql.Connection holder = db.getConnection(); Statement st = holder.createStatement()) {
            // a temporary slot is held (active) by the session that created it
            st.execute("select pg_create_logical_replication_slot('preflight_held', 'pgoutput', true)");

            CheckResult held = Preflight.run(plan, db).check("slot").orElseThrow();

            assertThat(held.status()).isEqualTo(Status.FAIL);
            assertThat(held.detail()).contains("preflight_held is active, held by another consumer (pid");
            assertThat(held.fixSql()).startsWith("SELECT pg_terminate_backend(");
        }
        // the server drops the temporary slot once the holder's backend has ended, a moment after the client closed it
        await().atMost(Duration.ofSeconds(10)).until(() -> !slotExists(db, "preflight_held"));
        sql(db, "select pg_create_logical_replication_slot('preflight_held', 'pgoutput')");
        try {
            CheckResult inactive = Preflight.run(plan, db).check("slot").orElseThrow();

            assertThat(inactive.status()).isEqualTo(Status.PASS);
            assertThat(inactive.detail()).contains("exists and is inactive: the connector resumes from it");
        } finally {
            sql(db, "select pg_drop_replication_slot('preflight_held')");
        }
    }

    @Test
    void shouldFailMissingSignalAndHeartbeatTables(Sandbox s) {
        CapturePlan plan = ItSupport.plan(s, "preflight_signal", DB, "crm.cust", """
                signalTable: ficus.no_signal
                heartbeatActionQuery: "update ficus.no_heartbeat set ts = now()"
                """);

        PreflightReport report = Preflight.run(plan, db);

        assertThat(report.check("signal table")).get().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.detail()).isEqualTo("ficus.no_signal does not exist");
            assertThat(c.fixSql()).startsWith("CREATE SCHEMA IF NOT EXISTS ficus;\nCREATE TABLE ficus.no_signal"
                    + " (id varchar(64) PRIMARY KEY");
        });
        assertThat(report.check("heartbeat")).get().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.detail()).contains("ficus.no_heartbeat");
            assertThat(c.fixSql()).startsWith("CREATE SCHEMA IF NOT EXISTS ficus;\nCREATE TABLE IF NOT EXISTS"
                    + " ficus.no_heartbeat");
        });
    }

    @Test
    void shouldFailServerSettingsThatPreventLogicalReplicationAndWarnOnUnlimitedWalRetention(Sandbox s,
            @TempDir Path dir) throws IOException {
        try (PostgresServer broken = PostgresServer.start(dir.resolve("data"), Map.of("wal_level", "replica",
                "max_wal_senders", "0", "max_replication_slots", "1", "max_slot_wal_keep_size", "-1"))) {
            DataSource ds = broken.dataSource("postgres");
            sql(ds, "select pg_create_physical_replication_slot('someone_else')", "create schema crm",
                    "create table crm.cust (cust_id bigint primary key)");
            CapturePlan plan = ItSupport.plan(s, "preflight_server", "postgres", "crm.cust", "");

            PreflightReport report = Preflight.run(plan, ds);

            assertThat(report.check("wal_level")).get().satisfies(c -> {
                assertThat(c.status()).isEqualTo(Status.FAIL);
                assertThat(c.fixSql()).startsWith("ALTER SYSTEM SET wal_level = logical;");
            });
            assertThat(report.check("replication slots").orElseThrow().status()).isEqualTo(Status.FAIL);
            assertThat(report.check("wal senders").orElseThrow().status()).isEqualTo(Status.FAIL);
            assertThat(report.check("max_slot_wal_keep_size")).get().satisfies(c -> {
                assertThat(c.status()).isEqualTo(Status.WARN);
                assertThat(c.fixSql()).contains("max_slot_wal_keep_size");
            });
            assertThat(report.check("tables exist").orElseThrow().status()).isEqualTo(Status.PASS);
        }
    }

    @Test
    void shouldReportAnUnreachableDatabaseAsUnavailableNamingHostAndPort(Sandbox s) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CapturePlan plan = ready(s, "preflight_unreachable").withConnection(new Connection("127.0.0.1", port, DB,
                "postgres", SecretRef.parse(s.legacyPasswordReference()).orElseThrow()));

        assertThatThrownBy(() -> Preflight.run(plan))
                .isInstanceOf(FicusException.Unavailable.class)
                .hasMessageStartingWith("PostgreSQL at 127.0.0.1:" + port + " is unreachable");
    }

    private static boolean slotExists(DataSource db, String slot) throws java.sql.SQLException {
        try (java.sql.Connection c = db.getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("select 1 from pg_replication_slots where slot_name = '" + slot + "'")) {
            return rs.next();
        }
    }
}
