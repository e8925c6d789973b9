package ficus.cli.connectors;

import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.TableId;
import ficus.connectors.snapshot.SnapshotSignal;
import ficus.core.FicusException;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ficus connectors snapshot PLAN --table T [--where SQL]}. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {
            "Asks the running connector for an incremental snapshot of one table (all",
            "rows, or those matching --where) by writing an execute-snapshot signal into",
            "the plan's signal table. The rows are re-emitted as read events while",
            "streaming goes on."})
public final class SnapshotCommand implements Callable<Integer> {

    @Mixin
    PlanFile plan;

    @Option(names = "--table", required = true, paramLabel = "SCHEMA.TABLE", description = "A captured table.")
    String table;

    @Option(names = "--where", paramLabel = "SQL", description = "Only rows matching this condition, e.g. \"cust_id < 100\".")
    String where;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CapturePlan loaded = plan.load();
        TableId tableId = TableId.parse(table).orElseThrow(() -> new FicusException.BadInput(
                "--table " + table + ": not a table name; write schema.table, e.g. crm.cust"));
        SnapshotSignal.send(LegacyDatabase.dataSource(loaded), loaded, tableId, where);
        spec.commandLine().getOut().println("snapshot: signal sent for " + tableId
                + (where == null ? "" : " where " + where) + " (connector " + loaded.name() + ")");
        return 0;
    }
}
