package ficus.migration;

import static org.awaitility.Awaitility.await;

import ficus.acl.runtime.AclSettings;
import ficus.acl.runtime.AntiCorruptionLayer;
import ficus.components.customerstatus.CustomerStatusComponent;
import ficus.components.customerstatus.CustomerStatusSettings;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.Connection;
import ficus.connectors.plan.SecretRef;
import ficus.connectors.plan.SnapshotMode;
import ficus.connectors.slot.ReplicationSlots;
import ficus.migration.backfill.BackfillSettings;
import ficus.migration.reconcile.QuickReconciliation;
import ficus.migration.reconcile.ReadModel;
import ficus.migration.reconcile.ReadModelLoader;
import ficus.migration.reconcile.ReconcileSettings;
import ficus.migration.reconcile.ReconciliationReport;
import ficus.sandbox.Sandbox;
import ficus.sandbox.crm.SampleCrm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * One test's own migration on the sandbox: its legacy database with the sample CRM, a capture with snapshot mode
 * {@code no_data} (only the backfill brings history) on its own slot, publication and topic prefix, the
 * anti-corruption layer, the customer-status component in its own database, and a Ficus database for the job
 * repository.
 */
public final class MigrationPipeline implements AutoCloseable {

    public final Sandbox sandbox;
    public final String run;
    public final String legacyDatabase;
    public final DataSource legacy;
    public final DataSource ficus;
    public final DataSource component;
    public final CapturePlan plan;
    public final AclSettings aclSettings;
    /** The customer-status component's read model, declared in a file as a migration lead would. */
    public final ReadModel readModel = ReadModelLoader.loadResource("ficus/migration/readmodels/customer-status.yaml");
    private AntiCorruptionLayer acl;
    private CustomerStatusComponent customerStatus;

    private MigrationPipeline(Sandbox sandbox, Path work, String name, int customers) {
        this.sandbox = sandbox;
        this.run = name + Long.toString(System.nanoTime(), 36);
        this.legacyDatabase = "mig_" + run;
        sandbox.postgres().createDatabase(legacyDatabase);
        sandbox.postgres().createDatabase("mig_ficus_" + run);
        sandbox.postgres().createDatabase("mig_cs_" + run);
        this.legacy = sandbox.postgres().dataSource(legacyDatabase);
        this.ficus = sandbox.postgres().dataSource("mig_ficus_" + run);
        this.component = sandbox.postgres().dataSource("mig_cs_" + run);
        SampleCrm.install(legacy, customers);
        CapturePlan shipped = CapturePlanLoader.legacyCrm();
        String prefix = "mig" + run;
        this.plan = new CapturePlan("mig-" + run, prefix, new Connection(sandbox.postgres().host(),
                sandbox.postgres().port(), legacyDatabase, "postgres",
                new SecretRef.File(sandbox.secretsFile().toString(), Sandbox.LEGACY_PASSWORD_KEY)),
                shipped.tables(), shipped.sensitiveColumns(), "mig_" + run, "mig_" + run, SnapshotMode.NO_DATA,
                shipped.heartbeatInterval(), shipped.tuning(), shipped.keyColumns(), shipped.heartbeatActionQuery(),
                shipped.signalTable(), shipped.beforeImageTables());
        this.aclSettings = AclSettings.of(sandbox.bootstrapServers(), work.resolve("acl-" + run), CrmSample.SPEC,
                        prefix)
                .withApplicationId("mig-acl-" + run)
                .withTopics(prefix + ".crm.cust", prefix + ".customer.v1", prefix + ".dlq.customer");
    }

    public static MigrationPipeline start(Sandbox sandbox, Path work, String name, int customers) {
        MigrationPipeline pipeline = new MigrationPipeline(sandbox, work, name, customers);
        try {
            ConnectorDeployer.deploy(pipeline.plan, sandbox.connectUrl());
            pipeline.acl = AntiCorruptionLayer.start(pipeline.aclSettings);
            pipeline.acl.awaitRunning(Duration.ofSeconds(90));
            pipeline.customerStatus = CustomerStatusComponent.start(CustomerStatusSettings.of(
                    sandbox.bootstrapServers(), sandbox.postgres().jdbcUrl("mig_cs_" + pipeline.run),
                    sandbox.postgres().user(), sandbox.postgres().password())
                    .withTopic(pipeline.aclSettings.domainTopic())
                    .withConsumerGroup("mig-cs-" + pipeline.run));
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    public AntiCorruptionLayer acl() {
        return acl;
    }

    public BackfillSettings backfillSettings() {
        return BackfillSettings.of(plan, legacy, ficus, aclSettings);
    }

    public ReconcileSettings reconcileSettings() {
        return ReconcileSettings.of(legacy, component, aclSettings.spec(), readModel).withBatch(ficus);
    }

    /** Waits until a (quick, in-process) reconciliation finds no drift; returns that report. */
    public ReconciliationReport awaitNoDrift(Duration atMost) {
        AtomicReference<ReconciliationReport> last = new AtomicReference<>();
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
            last.set(new QuickReconciliation(legacy, component, aclSettings.spec(), readModel).run());
            return last.get().drift() == 0;
        });
        return last.get();
    }

    @Override
    public void close() {
        if (customerStatus != null) {
            customerStatus.close();
        }
        if (acl != null) {
            acl.close();
        }
        try {
            ConnectClient.of(sandbox.connectUrl()).delete(plan.name());
            ReplicationSlots.drop(legacy, plan.slotName(), Duration.ofSeconds(30));
        } catch (RuntimeException ignored) {
            // best effort: every test has its own slot and database
        }
    }
}
