package ficus.connectors;

import static ficus.connectors.ItSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.preflight.CheckResult;
import ficus.connectors.preflight.Preflight;
import ficus.connectors.preflight.PreflightReport;
import ficus.connectors.preflight.Status;
import ficus.connectors.publication.Publications;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * On PostgreSQL 14 — no publication column lists, no row filters (both 15+) — preflight says plainly what then crosses
 * the replication connection, and the publication Ficus makes is one that server accepts. A real PostgreSQL 14 (zonky's
 * binaries, copied next to the tests by the build), started and stopped by this test.
 */
class OlderPostgresIT {

    @Test
    void shouldSayThatSensitiveColumnsAndFilteredRowsCrossTheConnectionBeforePostgres15() throws Exception {
        String binaries = System.getProperty("ficus.it.postgres14.binaries");
        assumeTrue(binaries != null && Files.exists(Path.of(binaries)), "needs the PostgreSQL 14 binaries the build"
                + " copies to target/postgres-14 (run through mvn verify)");
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the PostgreSQL 14 binaries the build copies are linux-amd64 ones");
        Path work = Files.createTempDirectory("ficus-pg14-it-");
        try (JarFile jar = new JarFile(binaries);
             EmbeddedPostgres pg = EmbeddedPostgres.builder()
                     .setPgBinaryResolver((system, machine) -> jar.getInputStream(
                             jar.getEntry("postgres-linux-x86_64.txz")))
                     .setOverrideWorkingDirectory(work.resolve("binaries").toFile())
                     .setDataDirectory(work.resolve("data"))
                     .setCleanDataDirectory(true)
                     .setServerConfig("listen_addresses", "127.0.0.1")
                     .setServerConfig("wal_level", "logical")
                     .setServerConfig("max_slot_wal_keep_size", "1GB")
                     .start()) {
            DataSource admin = pg.getPostgresDatabase();
            sql(admin, "create database old_pg");
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setServerNames(new String[] {"127.0.0.1"});
            ds.setPortNumbers(new int[] {pg.getPort()});
            ds.setDatabaseName("old_pg");
            ds.setUser("postgres");
            assertThat(ItSupport.longQuery(ds, "select current_setting('server_version_num')::int / 10000"))
                    .isEqualTo(14);
            sql(ds, "create schema \"Erp\"",
                    "create table \"Erp\".\"Customer\" (\"Id\" int primary key, name text, \"TaxId\" text)",
                    "create table \"Erp\".\"Shipment\" (\"Id\" int, \"On\" date, primary key (\"Id\", \"On\"))"
                            + " partition by range (\"On\")",
                    "create table \"Erp\".shipment_2025 partition of \"Erp\".\"Shipment\""
                            + " for values from ('2025-01-01') to ('2026-01-01')");
            CapturePlan plan = new CapturePlanLoader().parse("""
                    name: old-pg
                    source: oldpg
                    connection: {host: 127.0.0.1, port: %d, database: old_pg, user: postgres, password: "${env:PGPASS}"}
                    tables: ['"Erp"."Customer"', '"Erp"."Shipment"']
                    sensitiveColumns: ['"Erp"."Customer"."TaxId"']
                    rowFilters:
                      '"Erp"."Customer"': '"Id" > 100'
                    slot: old_pg
                    publication: old_pg
                    """.formatted(pg.getPort()), "old-pg.yaml");

            PreflightReport report = Preflight.run(plan, ds);

            CheckResult sensitive = report.check("sensitive columns").orElseThrow();
            assertThat(sensitive.status()).isEqualTo(Status.WARN);
            assertThat(sensitive.detail()).isEqualTo("\"Erp\".\"Customer\".\"TaxId\" cross the replication connection"
                    + " and are dropped only in the Connect worker (column.exclude.list): PostgreSQL 14 has no"
                    + " publication column lists (15+)");
            CheckResult filter = report.check("row filter \"Erp\".\"Customer\"").orElseThrow();
            assertThat(filter.status()).isEqualTo(Status.WARN);
            assertThat(filter.detail()).startsWith("only the snapshot is filtered: PostgreSQL 14 has no publication"
                    + " row filters (15+), so every streamed change of \"Erp\".\"Customer\", of rows outside (\"Id\" >"
                    + " 100) too, crosses the replication connection");
            assertThat(report.check("partitions").orElseThrow().status()).isEqualTo(Status.PASS);

            assertThat(Publications.ensure(plan, ds)).isEqualTo(Publications.Outcome.CREATED);
            assertThat(ItSupport.longQuery(ds, "select count(*) from pg_publication p join pg_publication_rel r"
                    + " on r.prpubid = p.oid where p.pubname = 'old_pg' and p.pubviaroot")).isEqualTo(2);
            assertThat(Publications.ensure(plan, ds)).as("and it is recognised as the plan's own")
                    .isEqualTo(Publications.Outcome.UNCHANGED);
            assertThat(Preflight.run(plan, ds).check("publication").orElseThrow().detail())
                    .contains("made by Ficus for plan old-pg");
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
