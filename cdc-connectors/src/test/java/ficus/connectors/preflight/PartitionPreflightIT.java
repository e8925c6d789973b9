package ficus.connectors.preflight;

import static ficus.connectors.ItSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;

import ficus.connectors.ItSupport;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.publication.Publications;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Preflight's refusals of a capture that would drop rows of a partitioned table — a plan publishing it as its
 * partitions, a partition captured beside its root, an existing publication without the partition root — and of a
 * publication whose row filters are not the plan's; every fix it prints runs as printed and makes the check pass.
 */
@ExtendWith(SandboxExtension.class)
class PartitionPreflightIT {

    private static final String DB = "preflight_parts";
    private static DataSource db;

    @BeforeAll
    static void database(Sandbox s) {
        s.postgres().createDatabase(DB);
        db = s.postgres().dataSource(DB);
        sql(db, "create schema \"Erp\"",
                "create table \"Erp\".\"Shipment\" (\"Id\" int, \"On\" date, primary key (\"Id\", \"On\"))"
                        + " partition by range (\"On\")",
                "create table \"Erp\".shipment_2025 partition of \"Erp\".\"Shipment\""
                        + " for values from ('2025-01-01') to ('2026-01-01')",
                "create table \"Erp\".\"Order\" (\"Id\" int primary key, status text)");
    }

    private static CapturePlan plan(Sandbox s, String id, String tables, String extra) {
        return ItSupport.plan(s, id, DB, tables, extra);
    }

    @Test
    void shouldFailAPlanThatPublishesAPartitionedTableAsItsPartitionsOrCapturesAPartitionBesideItsRoot(Sandbox s) {
        CheckResult asPartitions = Preflight.run(plan(s, "parts_off", "'\"Erp\".\"Shipment\"'",
                "publishViaPartitionRoot: false"), db).check("partitions").orElseThrow();
        assertThat(asPartitions.status()).isEqualTo(Status.FAIL);
        assertThat(asPartitions.detail()).isEqualTo("\"Erp\".\"Shipment\" is partitioned, and the plan has"
                + " publishViaPartitionRoot: false: its rows are published as its partitions, which are not captured,"
                + " and are dropped; remove publishViaPartitionRoot: false from the plan");

        CheckResult beside = Preflight.run(plan(s, "parts_both", "'\"Erp\".\"Shipment\"', '\"Erp\".shipment_2025'",
                ""), db).check("partitions").orElseThrow();
        assertThat(beside.status()).isEqualTo(Status.FAIL);
        assertThat(beside.detail()).isEqualTo("\"Erp\".shipment_2025 is a partition of \"Erp\".\"Shipment\", which the"
                + " plan captures too: its rows reach parts_both.Erp.Shipment, never its own topic; remove"
                + " \"Erp\".shipment_2025 from tables");
    }

    @Test
    void shouldFailAPublicationWithoutThePartitionRootWithAFixThatRunsAsPrinted(Sandbox s) {
        sql(db, "create publication parts_legacy for table \"Erp\".\"Shipment\", \"Erp\".\"Order\"");
        CapturePlan plan = plan(s, "parts_legacy", "'\"Erp\".\"Shipment\"', '\"Erp\".\"Order\"'", "");

        CheckResult found = Preflight.run(plan, db).check("publication").orElseThrow();

        assertThat(found.status()).isEqualTo(Status.FAIL);
        assertThat(found.detail()).contains("parts_legacy differs from the plan (publish_via_partition_root is false)")
                .contains("the rows of a partitioned table would be published as its partitions");
        sql(db, found.fixSql());
        CheckResult fixed = Preflight.run(plan, db).check("publication").orElseThrow();
        assertThat(fixed.status()).as(fixed.detail()).isEqualTo(Status.PASS);
        assertThat(fixed.detail()).contains("made by Ficus for plan parts-legacy");
    }

    @Test
    void shouldReportAPublicationWhoseRowFilterIsNotThePlansAndAlignItAsPrinted(Sandbox s) {
        CapturePlan before = plan(s, "parts_filter", "'\"Erp\".\"Order\"'", """
                rowFilters: {'"Erp"."Order"': '"Id" > 5'}""");
        assertThat(Publications.ensure(before, db)).isEqualTo(Publications.Outcome.CREATED);
        assertThat(Preflight.run(before, db).check("publication").orElseThrow().status()).isEqualTo(Status.PASS);
        CapturePlan after = plan(s, "parts_filter", "'\"Erp\".\"Order\"'", """
                rowFilters: {'"Erp"."Order"': '"Id" > 50'}""");

        CheckResult changed = Preflight.run(after, db).check("publication").orElseThrow();

        assertThat(changed.status()).isEqualTo(Status.WARN);
        assertThat(changed.detail()).contains("row filters other than the plan's [(\"Id\" > 50)]")
                .contains("ficus deploy aligns it to the plan");
        sql(db, changed.fixSql());
        assertThat(Preflight.run(after, db).check("publication").orElseThrow().status()).isEqualTo(Status.PASS);
        assertThat(ItSupport.longQuery(db, "select count(*) from pg_publication_tables where pubname = 'parts_filter'"
                + " and rowfilter like '%50%'")).isEqualTo(1);
    }
}
