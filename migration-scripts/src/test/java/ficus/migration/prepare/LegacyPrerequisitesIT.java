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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

        String sql = LegacyPrerequisites.sql(plan, ds);
        assertThat(sql).contains("CREATE ROLE ficus_cdc_" + run + " WITH LOGIN REPLICATION")
                .contains(":'ficus_replication_password'").contains("CREATE PUBLICATION prep_" + run)
                .as("crm.cust gets REPLICA IDENTITY FULL (beforeImages): a column list must keep every column")
                .contains("FOR TABLE crm.cust, crm.cust_addr");
        assertThat(Preflight.run(plan, ds).passed()).as("--sql changes nothing").isFalse();

        LegacyPrerequisites.Result result = LegacyPrerequisites.apply(plan, ds);

        PreflightReport after = Preflight.run(plan, ds);
        assertThat(after.failures()).extracting(CheckResult::toString).isEmpty();
        assertThat(after.check("sensitive columns").orElseThrow().detail())
                .startsWith("crm.cust.natl_id cross the replication connection");
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
        assertThat(query(ds, "select count(*) from pg_namespace where nspname in ('ficus', 'ficus_prepare')"))
                .as("nothing of Ficus left behind").isEqualTo("0");
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

    @Test
    void shouldRunEveryStatementPreflightAndPrepareSqlPrintAsPrintedOnAFreshAndOnAPreparedDatabase(Sandbox sandbox)
            throws Exception {
        assumeTrue(psqlAvailable(), "needs the psql client on the PATH (apt install postgresql-client)");
        String run = Long.toString(System.nanoTime(), 36);
        String database = "prepsql_" + run;
        sandbox.postgres().createDatabase(database);
        DataSource ds = sandbox.postgres().dataSource(database);
        SampleCrm.install(ds, 5);
        execute(ds, "alter table crm.cust replica identity default");
        execute(ds, "create table crm.\"Shipment\" (\"Id\" int, \"On\" date, primary key (\"Id\", \"On\"))"
                + " partition by range (\"On\")");
        execute(ds, "create table crm.\"Shipment_2025\" partition of crm.\"Shipment\" for values from"
                + " ('2025-01-01') to ('2026-01-01')");
        CapturePlan plan = new CapturePlanLoader().parse("""
                name: prepsql-%1$s
                source: prepsql%1$s
                connection: {host: %2$s, port: %3$d, database: %4$s, user: ficus_cdc_%1$s, password: "%5$s"}
                tables: [crm.cust, crm.cust_addr, crm.lead, crm.cd_stat, crm."Shipment"]
                sensitiveColumns: [crm.cust.natl_id]
                beforeImages: [crm.cust]
                rowFilters:
                  crm.cust: "cst_stat <> 'X'"
                heartbeatActionQuery: "update ficus.heartbeat set ts = now() where id = 1"
                signalTable: ficus.debezium_signal
                slot: prepsql_%1$s
                publication: prepsql_%1$s
                """.formatted(run, sandbox.postgres().host(), sandbox.postgres().port(), database,
                sandbox.legacyPasswordReference()), "prepsql.yaml");

        // every fix preflight prints on the fresh database, as printed
        PreflightReport fresh = Preflight.run(plan, ds);
        assertThat(fresh.passed()).isFalse();
        StringBuilder fixes = new StringBuilder();
        fresh.checks().stream().filter(c -> c.fixSql() != null).forEach(c -> fixes.append(c.fixSql()).append('\n'));
        assertThat(fixes).contains("CREATE ROLE ficus_cdc_" + run).contains("CREATE TABLE IF NOT EXISTS ficus.heartbeat");
        try {
            psql(sandbox, database, fixes.toString());
        } finally {
            execute(ds, "alter system reset max_slot_wal_keep_size");
            execute(ds, "select pg_reload_conf()");
        }

        // the psql script, as printed, on a database preflight's fixes prepared, then on one it prepared itself
        String script = LegacyPrerequisites.sql(plan, ds);
        assertThat(script).doesNotContain("CREATE ROLE").as("the role exists now");
        assertThat(script).contains("crm.cust WHERE (cst_stat <> 'X')");
        psql(sandbox, database, script);
        psql(sandbox, database, script);
        PreflightReport after = Preflight.run(plan, ds);
        assertThat(after.failures()).extracting(CheckResult::summary).isEmpty();
        assertThat(after.check("publication").orElseThrow().detail()).contains("made by Ficus for plan prepsql-" + run);
        assertThat(after.check("row filter crm.cust").orElseThrow().status()).isEqualTo(
                ficus.connectors.preflight.Status.PASS);
        assertThat(query(ds, "select count(*) from pg_publication_tables where pubname = 'prepsql_" + run
                + "' and tablename = 'cust' and rowfilter is not null")).isEqualTo("1");

        String other = "prepsql2_" + run;
        sandbox.postgres().createDatabase(other);
        DataSource ds2 = sandbox.postgres().dataSource(other);
        SampleCrm.install(ds2, 5);
        execute(ds2, "alter table crm.cust replica identity default");
        execute(ds2, "create table crm.\"Shipment\" (\"Id\" int, \"On\" date, primary key (\"Id\", \"On\"))"
                + " partition by range (\"On\")");
        CapturePlan plan2 = new CapturePlanLoader().parse("""
                name: prepsql2-%1$s
                source: prepsql2%1$s
                connection: {host: %2$s, port: %3$d, database: %4$s, user: ficus_cdc2_%1$s, password: "%5$s"}
                tables: [crm.cust, crm.cust_addr, crm."Shipment"]
                sensitiveColumns: [crm.cust.natl_id]
                heartbeatActionQuery: "update ficus.heartbeat set ts = now() where id = 1"
                slot: prepsql2_%1$s
                publication: prepsql2_%1$s
                """.formatted(run, sandbox.postgres().host(), sandbox.postgres().port(), other,
                sandbox.legacyPasswordReference()), "prepsql2.yaml");
        String freshScript = LegacyPrerequisites.sql(plan2, ds2);
        assertThat(freshScript).contains("CREATE ROLE ficus_cdc2_" + run)
                .contains("crm.cust (cust_id, ").as("PostgreSQL 17: a column list without natl_id");
        psql(sandbox, other, freshScript);
        psql(sandbox, other, freshScript);
        assertThat(Preflight.run(plan2, ds2).failures()).extracting(CheckResult::summary).isEmpty();
        assertThat(query(ds2, "select count(*) from pg_publication_tables where pubname = 'prepsql2_" + run
                + "' and tablename = 'cust' and 'natl_id' = any(attnames)")).isEqualTo("0");
    }

    private static boolean psqlAvailable() {
        try {
            return new ProcessBuilder("psql", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Runs SQL text exactly as given through psql with ON_ERROR_STOP, as a DBA would. */
    private static void psql(Sandbox sandbox, String database, String sql) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("ficus-prepare", ".sql");
        java.nio.file.Files.writeString(file, sql);
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v",
                "ficus_replication_password=s3cret", "-h", sandbox.postgres().host(), "-p",
                Integer.toString(sandbox.postgres().port()), "-U", sandbox.postgres().user(), "-d", database, "-f",
                file.toString()).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", sandbox.postgres().password());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("psql -f of:%n%s%n%s", sql, output).isZero();
    }
}
