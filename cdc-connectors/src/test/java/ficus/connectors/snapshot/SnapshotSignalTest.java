package ficus.connectors.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.connectors.plan.TableId;
import ficus.core.FicusException;
import org.junit.jupiter.api.Test;

class SnapshotSignalTest {

    @Test
    void shouldWriteAnIncrementalSnapshotSignalWithTheConditionAsAdditionalCondition() {
        assertThat(SnapshotSignal.data(new TableId("crm", "cust"), " cust_id < 1000100 ")).isEqualTo(
                "{\"data-collections\":[\"crm\\\\.cust\"],\"type\":\"incremental\",\"additional-conditions\":"
                        + "[{\"data-collection\":\"crm\\\\.cust\",\"filter\":\"cust_id < 1000100\"}]}");
        assertThat(SnapshotSignal.data(new TableId("crm", "cust"), null))
                .isEqualTo("{\"data-collections\":[\"crm\\\\.cust\"],\"type\":\"incremental\"}");
        assertThat(SnapshotSignal.data(new TableId("erp", "OrderLine"), "\"Qty\" > 1")).isEqualTo(
                "{\"data-collections\":[\"erp\\\\.OrderLine\"],\"type\":\"incremental\",\"additional-conditions\":"
                        + "[{\"data-collection\":\"erp\\\\.OrderLine\",\"filter\":\"\\\"Qty\\\" > 1\"}]}");
    }

    @Test
    void shouldRefuseAPlanWithoutSignalTableBeforeTouchingTheDatabase() {
        CapturePlan plan = CapturePlanLoader.legacyCrm();

        assertThatThrownBy(() -> SnapshotSignal.send(null, plan, new TableId("crm", "cust"), null))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageStartingWith("plan legacy-crm has no signalTable");
    }
}
