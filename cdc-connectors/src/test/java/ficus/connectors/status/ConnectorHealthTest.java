package ficus.connectors.status;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.connectors.connect.ConnectorState;
import ficus.connectors.connect.ConnectorStatus;
import ficus.connectors.connect.TaskStatus;
import ficus.connectors.slot.SlotInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectorHealthTest {

    private static final ConnectorStatus RUNNING = new ConnectorStatus("erp", ConnectorState.RUNNING, "127.0.0.1:8083",
            null, List.of(new TaskStatus(0, ConnectorState.RUNNING, "127.0.0.1:8083", null)));

    private static ConnectorHealth with(String walStatus, Long safe) {
        return new ConnectorHealth("erp", "ficus_erp", Optional.of(RUNNING), Optional.of(new SlotInfo("ficus_erp",
                true, 10, 2048, "erp", "pgoutput", 42, walStatus, safe)), true);
    }

    @Test
    void shouldBeHealthyAndShowTheHeadroomWhileTheSlotKeepsItsWal() {
        ConnectorHealth kept = with("reserved", 1_000_000L);

        assertThat(kept.healthy()).isTrue();
        assertThat(kept.failureSummary()).isEmpty();
        assertThat(kept.render()).startsWith("erp RUNNING on 127.0.0.1:8083 | slot ficus_erp active, lag 10 B,"
                + " retained 2048 B (1000000 B more before max_slot_wal_keep_size)");
    }

    @Test
    void shouldWarnThatTheNextCheckpointRemovesWalTheSlotNeeds() {
        ConnectorHealth endangered = with("unreserved", null);

        assertThat(endangered.healthy()).isFalse();
        assertThat(endangered.failureSummary()).contains("slot ficus_erp retains 2048 B, beyond max_slot_wal_keep_size:"
                + " the next checkpoint removes WAL it needs; resume erp now (ficus connectors resume PLAN) or raise"
                + " max_slot_wal_keep_size");
        assertThat(endangered.render()).contains("WAL beyond max_slot_wal_keep_size");
    }

    @Test
    void shouldPutLostWalBeforeWhateverConnectSays() {
        ConnectorHealth lost = new ConnectorHealth("erp", "ficus_erp", Optional.of(new ConnectorStatus("erp",
                ConnectorState.RUNNING, "w", null, List.of(new TaskStatus(0, ConnectorState.FAILED, "w",
                "cannot read from logical replication slot")))), Optional.of(new SlotInfo("ficus_erp", false, 0, 0,
                "erp", "pgoutput", 0, "lost", null)), true);

        assertThat(lost.healthy()).isFalse();
        assertThat(lost.failureSummary().orElseThrow()).startsWith("slot ficus_erp has LOST the WAL it needs");
        assertThat(lost.render()).contains("WAL LOST").contains("Recover: ficus connectors delete PLAN --drop-slot");
    }
}
