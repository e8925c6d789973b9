package ficus.migration.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.connectors.plan.TableId;
import ficus.connectors.preflight.CheckResult;
import ficus.connectors.preflight.Preflight;
import ficus.connectors.preflight.PreflightReport;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.sandbox.crm.SampleCrm;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ficus prepare} on a fresh legacy database makes preflight pass; its rollback undoes it. */
@ExtendWith(SandboxExtension.class)
class LegacyPrerequisitesIT {

    @Test
    void shouldMakePreflightPassOnAFreshDatabaseAndRollBackToWhereItWas(Sandbox sandbox) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String database = "prep_" + run;
        sandbox.postgres().createDatabase(database);
        DataSource ds = sandbox.postgres().dataSource(database);
        SampleCrm.install(ds, 10);
        execute(ds, "alter table crm.cust replica identity default"); // fresh: nothing prepared
        CapturePlan shipped = CapturePlanLoader.legacyCrm();
        CapturePlan plan = new CapturePlan("prep-" + run, "prep" + run, new Connection(sandbox.postgres().host(),
                sandbox.postgres().port(), database, "ficus_cdc_" + run,
                new SecretRef.File(sandbox.secretsFile().toString(), Sandbox.LEGACY_PASSWORD_KEY)), shipped.tables(),
                shipped.sensitiveColumns(), "prep_" + run, "prep_" + run, shipped.snapshotMode(),
                shipped.heartbeatInterval(), shipped.tuning(), shipped.keyColumns(),
                Optional.of("update ficus.heartbeat set ts = now() where id = 1"),
                Optional.of(new TableId("ficus", "debezium_signal")), shipped.beforeImageTables());
        PreflightReport before = Preflight.run(plan, ds);
        assertThat(before.passed()).isFalse();

        String sql = LegacyPrerequisites.sql(plan);
        assertThat(sql).contains("CREATE ROLE ficus_cdc_" + run + " WITH LOGIN REPLICATION")
                .contains(":'ficus_replication_password'").contains("CREATE PUBLICATION prep_" + run);
        assertThat(Preflight.run(plan, ds).passed()).as("--sql changes nothing").isFalse();

        LegacyPrerequisites.Result result = LegacyPrerequisites.apply(plan, ds);

        PreflightReport after = Preflight.run(plan, ds);
        assertThat(after.failures()).extracting(CheckResult::toString).isEmpty();
        assertThat(after.passed()).isTrue();
        assertThat(result.roleCreated()).isTrue();
        assertThat(query(ds, "select rolreplication and not rolsuper from pg_roles where rolname = 'ficus_cdc_"
                + run + "'")).isEqualTo("t");
        assertThat(query(ds, "select has_table_privilege('ficus_cdc_" + run + "', 'crm.cust', 'UPDATE')"))
                .as("least privilege").isEqualTo("f");
        assertThat(LegacyPrerequisites.apply(plan, ds).changeSets()).as("idempotent").isEqualTo(result.changeSets());

        LegacyPrerequisites.rollback(plan, ds);

        assertThat(query(ds, "select count(*) from pg_roles where rolname = 'ficus_cdc_" + run + "'")).isEqualTo("0");
        assertThat(query(ds, "select count(*) from pg_publication where pubname = 'prep_" + run + "'")).isEqualTo("0");
        assertThat(query(ds, "select relreplident from pg_class where oid = 'crm.cust'::regclass")).isEqualTo("d");
        assertThat(query(ds, "select count(*) from pg_namespace where nspname = 'ficus'")).isEqualTo("0");
        assertThat(Preflight.run(plan, ds).failures()).extracting(CheckResult::name)
                .contains("replication privilege", "replica identity crm.cust", "signal table");
    }

    private static void execute(DataSource ds, String sql) throws Exception {
        try (java.sql.Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(DataSource ds, String sql) throws Exception {
        try (java.sql.Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
