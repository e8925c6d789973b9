package ficus.migration.reconcile;

import ficus.migration.CrmSample;
import static org.assertj.core.api.Assertions.assertThat;

import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.sandbox.crm.SampleCrm;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Over the sandbox's real PostgreSQL: the sample CRM on one side, the customer-status read model (a file) on the other;
 * and a read-model column that does not exist is one line naming the file, line and field.
 */
@ExtendWith(SandboxExtension.class)
class CustomerStatusReconciliationIT {

    private static DataSource legacy;
    private static DataSource component;

    @BeforeAll
    static void installBothSides(Sandbox sandbox) throws Exception {
        sandbox.postgres().createDatabase("reconcile_it_legacy");
        sandbox.postgres().createDatabase("reconcile_it_component");
        legacy = sandbox.postgres().dataSource("reconcile_it_legacy");
        component = sandbox.postgres().dataSource("reconcile_it_component");
        SampleCrm.install(legacy, 1_000);
    }

    /** A component that got every change right: one row per legacy customer, status translated from the code. */
    private static void copyLegacyIntoComponent() throws Exception {
        try (Connection c = component.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists customer_status");
            s.execute("""
                    create table customer_status (customer_id bigint primary key, status varchar(16) not null,
                      removed boolean not null)""");
        }
        try (Connection l = legacy.getConnection(); Statement ls = l.createStatement();
             var rows = ls.executeQuery("select cust_id, cst_stat from crm.cust");
             Connection c = component.getConnection();
             var insert = c.prepareStatement("insert into customer_status values (?, ?, false)")) {
            while (rows.next()) {
                insert.setLong(1, rows.getLong(1));
                insert.setString(2, switch (rows.getString(2)) {
                    case "P" -> "PROSPECT";
                    case "A" -> "ACTIVE";
                    case "S" -> "SUSPENDED";
                    default -> "CLOSED";
                });
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Test
    void shouldFindNoDriftWhenTheComponentMatchesLegacy() throws Exception {
        copyLegacyIntoComponent();

        var report = new QuickReconciliation(legacy, component, CrmSample.spec(),
                ReadModelLoader.loadResource("ficus/migration/readmodels/customer-status.yaml")).run();

        assertThat(report.legacyCount()).isEqualTo(1_000);
        assertThat(report.matching()).isEqualTo(1_000);
        assertThat(report.drift()).isZero();
    }

    @Test
    void shouldNameTheFileLineAndFieldOfAColumnTheComponentDoesNotHave() throws Exception {
        copyLegacyIntoComponent();
        ReadModel wrong = ReadModelLoader.parse("readModel: customer-status\ntable: customer_status\n"
                + "key: customer_id\nfields:\n  status: stat\n", "customer-status.yaml");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new QuickReconciliation(legacy, component,
                        CrmSample.spec(), wrong).run())
                .isInstanceOf(ficus.core.FicusException.BadInput.class)
                .hasMessageStartingWith("customer-status.yaml:5: fields.status: column 'stat' does not exist in"
                        + " customer_status (did you mean 'status'?)");
    }

    @Test
    void shouldReportExactlyTheKeysThatWereCorruptedDeletedOrInvented() throws Exception {
        copyLegacyIntoComponent();
        try (Connection c = component.getConnection(); Statement s = c.createStatement()) {
            s.execute("update customer_status set status = 'WRONG' where customer_id in (10, 20)");
            s.execute("delete from customer_status where customer_id = 30");
            s.execute("update customer_status set removed = true where customer_id = 40");
            s.execute("insert into customer_status values (5000000, 'ACTIVE', false)");
        }

        var report = new QuickReconciliation(legacy, component, CrmSample.spec(),
                ReadModelLoader.loadResource("ficus/migration/readmodels/customer-status.yaml")).run();

        assertThat(report.different()).isEqualTo(2);
        assertThat(report.missing()).isEqualTo(2);
        assertThat(report.extra()).isEqualTo(1);
        assertThat(report.samples()).extracting(KeyDrift::key).containsExactly("10", "20", "30", "40", "5000000");
    }
}
