package ficus.components.its;

import static org.awaitility.Awaitility.await;

import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.AntiCorruptionLayer;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.SecretRef;
import ficus.sandbox.Sandbox;
import ficus.sandbox.crm.LegacyWorkload;
import ficus.sandbox.crm.SampleCrm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The legacy side of the acceptance ITs, shared by every test of the JVM: the sample CRM, its capture connector and
 * the anti-corruption layer, as {@code ficus demo} wires them. Tests start and stop components against it.
 */
final class Pipeline implements AutoCloseable {

    static final int CUSTOMERS = 2_000;
    /** The demo's default workload rate (ficus demo --rate). */
    static final double DEMO_RATE = 50;
    static final Duration CONVERGE = Duration.ofMinutes(3);

    final Sandbox sandbox;
    final DataSource legacy;
    final AntiCorruptionLayer acl;
    private long seed = 42;

    private Pipeline(Sandbox sandbox, DataSource legacy, AntiCorruptionLayer acl) {
        this.sandbox = sandbox;
        this.legacy = legacy;
        this.acl = acl;
    }

    static Pipeline start(Sandbox sandbox) throws Exception {
        DataSource legacy = sandbox.postgres().dataSource(Sandbox.LEGACY_DATABASE);
        SampleCrm.install(legacy, CUSTOMERS);
        Path state = Files.createTempDirectory("ficus-its-acl");
        AntiCorruptionLayer acl = AntiCorruptionLayer.start(AclSettings.of(sandbox.bootstrapServers(), state,
                "classpath:ficus/samples/crm/translations/customer.yaml", "legacy"));
        CapturePlan plan = CapturePlanLoader.legacyCrm().withConnection(new ficus.connectors.plan.Connection(
                sandbox.postgres().host(), sandbox.postgres().port(), Sandbox.LEGACY_DATABASE,
                sandbox.postgres().user(),
                new SecretRef.File(sandbox.secretsFile().toString(), Sandbox.LEGACY_PASSWORD_KEY)));
        ConnectorDeployer.deploy(plan, sandbox.connectUrl());
        return new Pipeline(sandbox, legacy, acl);
    }

    /** A workload at the demo's rate; close it to stop. */
    LegacyWorkload workload() {
        return new LegacyWorkload(legacy, DEMO_RATE, CUSTOMERS, seed++).start();
    }

    DataSource database(String name) {
        sandbox.postgres().createDatabase(name);
        return sandbox.postgres().dataSource(name);
    }

    String jdbcUrl(String name) {
        return sandbox.postgres().jdbcUrl(name);
    }

    /** Legacy's customers and their status names, by id. */
    Map<Long, String> legacyStatuses() {
        return query(legacy, """
                select cust_id, case cst_stat when 'P' then 'PROSPECT' when 'A' then 'ACTIVE'
                                              when 'S' then 'SUSPENDED' when 'X' then 'CLOSED' else cst_stat end
                  from crm.cust""");
    }

    /** A component's customers that are not removed, by id. */
    static Map<Long, String> componentStatuses(DataSource component) {
        return query(component, "select customer_id, status from customer_status where not removed");
    }

    /** Waits until {@code actual} equals legacy's statuses (the workload must be stopped). */
    void awaitConverged(Supplier<Map<Long, String>> actual) {
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
                .until(() -> actual.get().equals(legacyStatuses()));
    }

    static Map<Long, String> query(DataSource ds, String sql) {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2).trim());
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return rows; // the component has not created its table yet
            }
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Override
    public void close() {
        acl.close();
    }
}
