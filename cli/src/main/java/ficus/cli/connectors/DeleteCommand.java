package ficus.cli.connectors;

import ficus.cli.DurationConverter;
import ficus.connectors.connect.ConnectClient;
import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.slot.ReplicationSlots;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ficus connectors delete PLAN [--drop-slot]}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {
            "Deletes the plan's connector from Connect. Its replication slot stays (and",
            "keeps WAL on the legacy database) unless --drop-slot: then, once the slot is",
            "no longer in use, the slot and the plan's publication are dropped too."})
public final class DeleteCommand implements Callable<Integer> {

    @Mixin
    PlanFile plan;

    @Mixin
    ConnectOptions connect;

    @Option(names = "--drop-slot", description = "Also drop the replication slot and the publication.")
    boolean dropSlot;

    @Option(names = "--slot-release-timeout", defaultValue = "30s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long to wait for the deleted connector to release its slot. Default: ${DEFAULT-VALUE}")
    Duration slotReleaseTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CapturePlan loaded = plan.load();
        PrintWriter out = spec.commandLine().getOut();
        ConnectClient client = connect.client();
        boolean deleted = client.delete(loaded.name());
        out.println("delete: connector " + loaded.name() + (deleted ? " deleted" : " was not deployed") + " at "
                + connect.url);
        if (!dropSlot) {
            out.println("delete: slot " + loaded.slotName() + " kept (it retains WAL until dropped: --drop-slot)");
            return 0;
        }
        DataSource legacy = LegacyDatabase.dataSource(loaded);
        // the deleted connector's task lets go of the slot shortly after; drop waits for that, bounded
        boolean droppedSlot = ReplicationSlots.drop(legacy, loaded.slotName(), slotReleaseTimeout);
        boolean droppedPublication = ReplicationSlots.dropPublication(legacy, loaded.publicationName());
        out.println("delete: slot " + loaded.slotName() + (droppedSlot ? " dropped" : " did not exist")
                + ", publication " + loaded.publicationName() + (droppedPublication ? " dropped" : " did not exist"));
        return 0;
    }
}
