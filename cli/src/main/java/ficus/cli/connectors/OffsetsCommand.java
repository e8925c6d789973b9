package ficus.cli.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ficus connectors offsets CONNECTOR [--reset]}. */
@Command(name = "offsets", mixinStandardHelpOptions = true,
        description = {
            "Lists the source offsets Connect stored for the connector (for Debezium: the",
            "LSN it resumes from). --reset deletes them, so the next start snapshots",
            "again; Connect allows that only while the connector is stopped."})
public final class OffsetsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONNECTOR", description = "The connector's name.")
    String name;

    @Mixin
    ConnectOptions connect;

    @Option(names = "--reset", description = "Delete the stored offsets (connector must be stopped first).")
    boolean reset;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var client = connect.client();
        if (reset) {
            client.resetOffsets(name);
            spec.commandLine().getOut().println("offsets: connector " + name + " offsets reset at " + connect.url);
            return 0;
        }
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(client.offsets(name)));
        return 0;
    }
}
