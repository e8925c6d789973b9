package ficus.migration.bench;

import ficus.migration.CrmSample;
import ficus.migration.backfill.Backfill;
import ficus.migration.backfill.BackfillResult;
import ficus.migration.backfill.BackfillSettings;
import ficus.migration.reconcile.ReadModelLoader;
import ficus.migration.reconcile.ReconcileSettings;
import ficus.migration.reconcile.Reconciliation;
import ficus.migration.reconcile.ReconciliationReport;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxConfig;
import ficus.sandbox.crm.SampleCrm;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.postgresql.PGConnection;

/**
 * Benchmark, not a test: {@code mvn -B -o -pl migration-scripts -Pbench-migration verify} (customers with
 * {@code -Dbench.customers=1000000}). Each figure is printed next to a baseline measured in the same run:
 * backfill rows/s against {@code COPY (SELECT …) TO STDOUT} of the same rows (PgJDBC CopyManager), reconcile rows/s
 * against an SQL {@code EXCEPT} comparison of the same data.
 */
public final class MigrationBench {

    private static final String COPY_ROWS = """
            copy (select c.cust_id, c.cst_nm, c.cst_eml, c.cst_stat, c.crt_ts from crm.cust c
                  union all select a.addr_id, a.ln1, a.cty, a.zip, a.upd_ts from crm.cust_addr a
                  union all select l.lead_id, l.ld_stat, null, null, l.crt_ts from crm.lead l) to stdout""";
    private static final String STATUS = "case cst_stat when 'P' then 'PROSPECT' when 'A' then 'ACTIVE'"
            + " when 'S' then 'SUSPENDED' else 'CLOSED' end";

    private MigrationBench() {
    }

    /** The sample CRM with {@code customers} customers (ids are bigint in the seed: a million is fine). */
    private static void seed(DataSource legacy, int customers) {
        SampleCrm.install(legacy, customers);
    }

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(System.getProperty("bench.customers", "1000000"));
        Path work = Files.createTempDirectory("ficus-migration-bench");
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults(work))) {
            sandbox.postgres().createDatabase("bench_legacy");
            sandbox.postgres().createDatabase("bench_ficus");
            sandbox.postgres().createDatabase("bench_component");
            DataSource legacy = sandbox.postgres().dataSource("bench_legacy");
            DataSource ficus = sandbox.postgres().dataSource("bench_ficus");
            DataSource component = sandbox.postgres().dataSource("bench_component");
            long t = System.nanoTime();
            seed(legacy, customers);
            System.out.printf("seeded %d customers in %.1f s%n", customers, (System.nanoTime() - t) / 1e9);
            String topic = "bench.dlq.customer.replay";
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", sandbox.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
            }

            long copyRows;
            t = System.nanoTime();
            try (Connection c = legacy.getConnection()) {
                copyRows = c.unwrap(PGConnection.class).getCopyAPI().copyOut(COPY_ROWS, OutputStream.nullOutputStream());
            }
            double copyRate = copyRows / ((System.nanoTime() - t) / 1e9);

            BackfillSettings settings = BackfillSettings.of(CrmSample.spec(), legacy, "bench_legacy", "bench", ficus,
                    sandbox.bootstrapServers(), topic); // the defaults a user gets
            BackfillResult backfill = Backfill.run(settings, p -> { });
            System.out.printf("backfill  %,12.0f rows/s (%d rows, %d aggregates, chunk %d, %d partitions)   baseline COPY TO STDOUT %,12.0f"
                    + " rows/s (%d rows)   ratio %.2f%n", backfill.rowsPerSecond(), backfill.rows(),
                    backfill.aggregates(), settings.chunkSize(), settings.partitions(), copyRate, copyRows,
                    backfill.rowsPerSecond() / copyRate);

            try (Connection l = legacy.getConnection(); Statement ls = l.createStatement();
                 Connection c = component.getConnection(); Statement cs = c.createStatement()) {
                cs.execute("create table customer_status (customer_id bigint primary key, status varchar(16) not null,"
                        + " removed boolean not null)");
                ls.execute("create schema bench");
                ls.execute("create table bench.customer_status as select cust_id as customer_id, " + STATUS
                        + " as status, false as removed from crm.cust");
                ls.execute("update bench.customer_status set status = 'WRONG' where customer_id % 1000 = 0");
                var out = new java.io.ByteArrayOutputStream();
                l.unwrap(PGConnection.class).getCopyAPI().copyOut("copy bench.customer_status to stdout", out);
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy customer_status from stdin",
                        new java.io.ByteArrayInputStream(out.toByteArray()));
                cs.execute("analyze customer_status");
            }
            t = System.nanoTime();
            long exceptDrift;
            try (Connection l = legacy.getConnection(); Statement s = l.createStatement();
                 ResultSet rs = s.executeQuery("select (select count(*) from (select cust_id, " + STATUS
                         + " from crm.cust except select customer_id, status from bench.customer_status where not"
                         + " removed) a) + (select count(*) from (select customer_id, status from"
                         + " bench.customer_status where not removed except select cust_id, " + STATUS
                         + " from crm.cust) b)")) {
                rs.next();
                exceptDrift = rs.getLong(1);
            }
            double exceptRate = customers / ((System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            ReconciliationReport report = Reconciliation.run(ReconcileSettings.of(legacy, component,
                    CrmSample.spec(),
                    ReadModelLoader.loadResource("ficus/migration/readmodels/customer-status.yaml")).withBatch(ficus));
            double reconcileRate = (report.legacyCount() + report.componentCount()) / 2.0
                    / ((System.nanoTime() - t) / 1e9);
            System.out.printf("reconcile %,12.0f rows/s (drift %d)                    baseline SQL EXCEPT     %,12.0f"
                    + " rows/s (rows differing %d)   ratio %.2f%n", reconcileRate, report.drift(), exceptRate,
                    exceptDrift, reconcileRate / exceptRate);
        }
    }
}
