package ficus.connectors;

import static ficus.connectors.ItSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ficus.connectors.connect.ConnectClient;
import ficus.connectors.connect.ConnectorState;
import ficus.connectors.connect.ConnectorStatus;
import ficus.connectors.deploy.ConnectorDeployer;
import ficus.connectors.deploy.DeployOptions;
import ficus.connectors.deploy.DeployOutcome;
import ficus.connectors.deploy.DeployResult;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.TableId;
import ficus.connectors.render.DebeziumConfigRenderer;
import ficus.connectors.slot.ReplicationSlots;
import ficus.connectors.slot.SlotInfo;
import ficus.connectors.snapshot.SnapshotSignal;
import ficus.connectors.status.ConnectorHealth;
import ficus.core.FicusException;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.sandbox.crm.LegacyWorkload;
import ficus.sandbox.crm.SampleCrm;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connector lifecycle against the sandbox's real Connect worker and PostgreSQL: deploy (first time, unchanged,
 * changed), status, restart of a failed task, pause/resume with the slot lag, an incremental snapshot through the
 * signal table, delete with slot drop. Each test has its own database, connector, slot, publication and topics.
 */
@ExtendWith(SandboxExtension.class)
class ConnectorLifecycleIT {

    private static final Duration RUNNING = Duration.ofSeconds(90);
    private static final String SIGNAL_TABLE = "create table if not exists ficus.debezium_signal"
            + " (id varchar(64) primary key, type varchar(32) not null, data varchar(2048))";

    private static DataSource crm(Sandbox s, String database, int customers) {
        s.postgres().createDatabase(database);
        DataSource ds = s.postgres().dataSource(database);
        SampleCrm.install(ds, customers);
        return ds;
    }

    @Test
    void shouldDeployOnceReportAnUnchangedRedeployAndShowTheDiffOfAChange(Sandbox s) {
        DataSource ds = crm(s, "lc_deploy", 20);
        ConnectClient connect = ConnectClient.of(s.connectUrl());
        ConnectorDeployer deployer = new ConnectorDeployer(connect);
        CapturePlan plan = ItSupport.plan(s, "lc_deploy", "lc_deploy", "crm.cust, crm.cust_addr",
                "sensitiveColumns: [crm.cust.natl_id]");

        DeployResult first = deployer.deploy(plan, DeployOptions.defaults());

        assertThat(first.outcome()).isEqualTo(DeployOutcome.CREATED);
        assertThat(first.status().isRunning()).isTrue();
        assertThat(first.diff().changes()).allSatisfy(c -> assertThat(c.render()).startsWith("+ "));
        assertThat(first.diff().render()).contains("+ database.password: " + s.legacyPasswordReference());

        DeployResult again = deployer.deploy(plan, DeployOptions.defaults());

        assertThat(again.outcome()).isEqualTo(DeployOutcome.UNCHANGED);
        assertThat(again.diff().render()).isEqualTo("no changes");

        CapturePlan slower = ItSupport.plan(s, "lc_deploy", "lc_deploy", "crm.cust, crm.cust_addr",
                "sensitiveColumns: [crm.cust.natl_id]\ntuning: {pollIntervalMs: 50}");
        DeployResult dryRun = deployer.deploy(slower, DeployOptions.defaults().withDryRun(true));

        assertThat(dryRun.dryRun()).isTrue();
        assertThat(dryRun.diff().render()).isEqualTo("~ poll.interval.ms: 20 -> 50");
        assertThat(connect.config(plan.name()).orElseThrow()).containsEntry("poll.interval.ms", "20");

        DeployResult changed = deployer.deploy(slower, DeployOptions.defaults());

        assertThat(changed.outcome()).isEqualTo(DeployOutcome.UPDATED);
        assertThat(changed.diff().render()).isEqualTo("~ poll.interval.ms: 20 -> 50");
        assertThat(connect.config(plan.name()).orElseThrow()).containsEntry("poll.interval.ms", "50");

        await("slot of lc_deploy active").atMost(RUNNING)
                .until(() -> ReplicationSlots.find(ds, plan.slotName()).map(SlotInfo::active).orElse(false));
        ConnectorHealth health = ConnectorHealth.of(connect, slower, ds);
        assertThat(health.healthy()).isTrue();
        assertThat(health.failureSummary()).isEmpty();
        assertThat(health.render()).startsWith("lc-deploy RUNNING").contains("slot lc_deploy active, lag ")
                .contains("\n  task 0 RUNNING".replace("\n", System.lineSeparator()));
    }

    @Test
    void shouldDeployNothingWhenPreflightFails(Sandbox s) {
        crm(s, "lc_typo", 5);
        ConnectClient connect = ConnectClient.of(s.connectUrl());
        CapturePlan plan = ItSupport.plan(s, "lc_typo", "lc_typo", "crm.custt", "");

        assertThatThrownBy(() -> new ConnectorDeployer(connect).deploy(plan, DeployOptions.defaults()))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("connector lc-typo was not deployed: preflight of")
                .hasMessageContaining("crm.custt (did you mean crm.cust?)");
        assertThat(connect.config("lc-typo")).isEmpty();
    }

    @Test
    void shouldRestartATaskThatFailedForRealUntilItRunsAgain(Sandbox s) {
        DataSource ds = crm(s, "lc_restart", 10);
        ConnectClient connect = ConnectClient.of(s.connectUrl());
        CapturePlan plan = ItSupport.plan(s, "lc_restart", "lc_restart", "crm.cust", "");
        // Debezium retries lost connections forever by default; with no retries a killed walsender fails the task.
        Map<String, String> config = new TreeMap<>(new DebeziumConfigRenderer().render(plan));
        config.put("errors.max.retries", "0");
        ficus.connectors.publication.Publications.ensure(plan, ds); // what the deployer does before its PUT
        connect.putConfig(plan.name(), config);
        connect.awaitRunning(plan.name(), RUNNING);
        await("slot of lc_restart active").atMost(RUNNING)
                .until(() -> ReplicationSlots.find(ds, plan.slotName()).map(SlotInfo::active).orElse(false));

        sql(ds, "select pg_terminate_backend(active_pid) from pg_replication_slots where slot_name = 'lc_restart'");

        await("task of lc-restart FAILED").atMost(RUNNING).until(() -> connect.status(plan.name())
                .flatMap(ConnectorStatus::firstFailedTask).isPresent());
        ConnectorHealth failed = ConnectorHealth.of(connect, plan, ds);
        assertThat(failed.healthy()).isFalse();
        assertThat(failed.failureSummary()).get().asString().startsWith("lc-restart task 0 FAILED: ");
        assertThat(failed.render()).contains("task 0 FAILED");

        connect.restart(plan.name(), true, true);

        assertThat(connect.awaitRunning(plan.name(), RUNNING).isRunning()).isTrue();
        await("slot of lc_restart active again").atMost(RUNNING)
                .until(() -> ReplicationSlots.find(ds, plan.slotName()).map(SlotInfo::active).orElse(false));
    }

    @Test
    void shouldLetTheSlotLagGrowWhilePausedUnderWritesAndShrinkAfterResume(Sandbox s) {
        int customers = 50;
        DataSource ds = crm(s, "lc_pause", customers);
        ConnectClient connect = ConnectClient.of(s.connectUrl());
        CapturePlan plan = ItSupport.plan(s, "lc_pause", "lc_pause", "crm.cust, crm.cust_addr", "");
        new ConnectorDeployer(connect).deploy(plan, DeployOptions.defaults());
        ItSupport.consume(s, "lc_pause.crm.cust", v -> "r".equals(v.path("op").asText()), customers, RUNNING);

        connect.pause(plan.name());
        await("lc-pause PAUSED").atMost(RUNNING).until(() -> ConnectorHealth.of(connect, plan, ds).state()
                == ConnectorState.PAUSED);
        AtomicLong pausedLag = new AtomicLong();
        try (LegacyWorkload workload = new LegacyWorkload(ds, 200, customers, 42).start()) {
            long before = lag(ds, plan);
            await("slot lag growing while paused").atMost(RUNNING).until(() -> {
                pausedLag.set(lag(ds, plan));
                return pausedLag.get() > before + 64 * 1024;
            });
            assertThat(ConnectorHealth.of(connect, plan, ds).healthy()).isFalse();
            workload.stop();
        }
        long peak = lag(ds, plan);
        assertThat(peak).isGreaterThanOrEqualTo(pausedLag.get());

        connect.resume(plan.name());

        connect.awaitRunning(plan.name(), RUNNING);
        await("slot lag shrinking after resume").atMost(RUNNING).until(() -> lag(ds, plan) < peak / 4);
        assertThat(ConnectorHealth.of(connect, plan, ds).healthy()).isTrue();
    }

    @Test
    void shouldReEmitTheRowsOfAnIncrementalSnapshotSignal(Sandbox s) {
        int customers = 30;
        DataSource ds = crm(s, "lc_snapshot", customers);
        sql(ds, "create schema if not exists ficus", SIGNAL_TABLE);
        ConnectClient connect = ConnectClient.of(s.connectUrl());
        CapturePlan plan = ItSupport.plan(s, "lc_snapshot", "lc_snapshot", "crm.cust",
                "signalTable: ficus.debezium_signal");
        new ConnectorDeployer(connect).deploy(plan, DeployOptions.defaults());
        String topic = "lc_snapshot.crm.cust";
        ItSupport.consume(s, topic, v -> "r".equals(v.path("op").asText()), customers, RUNNING);
        long first = ItSupport.longQuery(ds, "select min(cust_id) from crm.cust");

        SnapshotSignal.send(ds, plan, new TableId("crm", "cust"), "cust_id < " + (first + 10));

        var reEmitted = ItSupport.consume(s, topic, v -> "incremental".equals(v.path("source").path("snapshot")
                .asText()), 10, RUNNING);
        assertThat(reEmitted).extracting(v -> v.path("after").path("cust_id").asLong())
                .allSatisfy(id -> assertThat(id).isLessThan(first + 10));
        assertThatThrownBy(() -> SnapshotSignal.send(ds, plan, new TableId("crm", "lead"), null))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("does not capture crm.lead");
    }

    @Test
    void shouldDeleteTheConnectorAndDropItsSlotAndPublication(Sandbox s) {
        DataSource ds = crm(s, "lc_delete", 5);
        ConnectClient connect = ConnectClient.of(s.connectUrl());
        CapturePlan plan = ItSupport.plan(s, "lc_delete", "lc_delete", "crm.cust", "");
        new ConnectorDeployer(connect).deploy(plan, DeployOptions.defaults());
        await("slot of lc_delete active").atMost(RUNNING)
                .until(() -> ReplicationSlots.find(ds, plan.slotName()).map(SlotInfo::active).orElse(false));
        assertThatThrownBy(() -> ReplicationSlots.drop(ds, plan.slotName()))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("replication slot lc_delete is active");

        assertThat(connect.delete(plan.name())).isTrue();

        assertThat(ReplicationSlots.drop(ds, plan.slotName(), RUNNING)).isTrue();
        assertThat(ReplicationSlots.find(ds, plan.slotName())).isEmpty();
        assertThat(ReplicationSlots.dropPublication(ds, plan.publicationName())).isTrue();
        assertThat(ItSupport.longQuery(ds, "select count(*) from pg_publication where pubname = 'lc_delete'")).isZero();
        assertThat(connect.connectors()).doesNotContain(plan.name());
    }

    private static long lag(DataSource ds, CapturePlan plan) {
        return ReplicationSlots.find(ds, plan.slotName()).orElseThrow().lagBytes();
    }
}
