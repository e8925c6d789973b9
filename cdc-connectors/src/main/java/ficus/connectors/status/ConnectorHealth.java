package ficus.connectors.status;

import ficus.connectors.connect.ConnectClient;
import ficus.connectors.connect.ConnectorState;
import ficus.connectors.connect.ConnectorStatus;
import ficus.connectors.connect.TaskStatus;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.slot.ReplicationSlots;
import ficus.connectors.slot.SlotInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * How one capture plan's connector is doing: Connect's view (connector and task states, failure traces) and, when the
 * legacy database is given, the slot's (active, lag and retained WAL in bytes).
 *
 * @param status      empty when Connect has no connector of that name
 * @param slot        empty when the slot does not exist or was not looked at
 * @param slotChecked whether the legacy database was asked
 */
public record ConnectorHealth(String connector, String slotName, Optional<ConnectorStatus> status,
                              Optional<SlotInfo> slot, boolean slotChecked) {

    /** Asks Connect, and the legacy database when {@code legacyOrNull} is not null. */
    public static ConnectorHealth of(ConnectClient connect, CapturePlan plan, DataSource legacyOrNull) {
        Optional<ConnectorStatus> status = connect.status(plan.name());
        Optional<SlotInfo> slot = legacyOrNull == null ? Optional.empty()
                : ReplicationSlots.find(legacyOrNull, plan.slotName());
        return new ConnectorHealth(plan.name(), plan.slotName(), status, slot, legacyOrNull != null);
    }

    /**
     * The connector and every task RUNNING, and (when the database was asked) its slot exists. PAUSED and STOPPED
     * count as unhealthy: nothing is captured and the slot retains WAL.
     */
    public boolean healthy() {
        return status.map(ConnectorStatus::isRunning).orElse(false) && (!slotChecked || slot.isPresent())
                && slot.map(s -> !s.lost() && !s.endangered()).orElse(true);
    }

    /**
     * What the operator must know about the slot's WAL, whatever the connector's state: lost (changes are gone, with
     * what to do) or about to be; empty when the WAL it needs is kept.
     */
    public Optional<String> walWarning() {
        if (slot.isEmpty()) {
            return Optional.empty();
        }
        SlotInfo s = slot.get();
        if (s.lost()) {
            return Optional.of("slot " + slotName + " has LOST the WAL it needs (retained beyond"
                    + " max_slot_wal_keep_size while " + connector + " was not reading): the changes committed since"
                    + " it last read are gone and will never be captured. Recover: ficus connectors delete PLAN"
                    + " --drop-slot, deploy again (a new snapshot), then ficus backfill and ficus reconcile --redrive");
        }
        if (s.endangered()) {
            return Optional.of("slot " + slotName + " retains " + s.retainedBytes() + " B, beyond"
                    + " max_slot_wal_keep_size: the next checkpoint removes WAL it needs; resume " + connector
                    + " now (ficus connectors resume PLAN) or raise max_slot_wal_keep_size");
        }
        return Optional.empty();
    }

    public ConnectorState state() {
        return status.map(ConnectorStatus::state).orElse(ConnectorState.UNKNOWN);
    }

    /** One line saying what is wrong, or empty when healthy. */
    public Optional<String> failureSummary() {
        if (status.isEmpty()) {
            return Optional.of(connector + " is not deployed");
        }
        ConnectorStatus s = status.get();
        Optional<String> wal = walWarning();
        if (wal.isPresent() && slot.get().lost()) {
            return wal; // whatever Connect says, this is what the operator must act on
        }
        if (s.state() == ConnectorState.FAILED) {
            return Optional.of(connector + " FAILED: " + s.trace());
        }
        Optional<TaskStatus> failed = s.firstFailedTask();
        if (failed.isPresent()) {
            return Optional.of(connector + " task " + failed.get().id() + " FAILED: " + failed.get().trace());
        }
        if (!s.isRunning()) {
            return Optional.of(s.summary());
        }
        if (slotChecked && slot.isEmpty()) {
            return Optional.of(connector + " has no replication slot " + slotName);
        }
        return walWarning();
    }

    /**
     * One line for the connector (state, worker, slot) and one per task (state, worker, trace summary), e.g.
     * <pre>
     * legacy-crm RUNNING on 127.0.0.1:8083 | slot ficus_legacy_crm active, lag 0 B, retained 1234 B
     *   task 0 RUNNING on 127.0.0.1:8083
     * </pre>
     */
    public String render() {
        List<String> lines = new ArrayList<>();
        String slotPart = !slotChecked ? "" : " | " + slot.map(SlotInfo::render).orElse("slot " + slotName + " missing");
        if (status.isEmpty()) {
            lines.add(connector + " NOT DEPLOYED" + slotPart);
        } else {
            ConnectorStatus s = status.get();
            lines.add(connector + " " + s.state() + on(s.workerId()) + slotPart
                    + (s.trace() == null ? "" : " | " + s.trace()));
            for (TaskStatus task : s.tasks()) {
                lines.add("  task " + task.id() + " " + task.state() + on(task.workerId())
                        + (task.trace() == null ? "" : " | " + task.trace()));
            }
        }
        walWarning().ifPresent(w -> lines.add("  " + w));
        return String.join(System.lineSeparator(), lines);
    }

    private static String on(String worker) {
        return worker == null ? "" : " on " + worker;
    }
}
