package ficus.cli.connectors;

import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.TableId;
import ficus.connectors.publication.Publications;
import ficus.connectors.render.DebeziumConfigRenderer;
import ficus.connectors.render.StrimziRenderer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ficus connectors render PLAN [--format connect|strimzi]}. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {
            "Prints the connector the plan describes: the Kafka Connect JSON (what",
            "'deploy' would PUT) or a Strimzi KafkaConnector resource. Secrets stay",
            "references (${env:VAR}, ${file:/path:key}); nothing is contacted, unless",
            "--database: a table with a row filter and sensitive columns needs its column",
            "list (its snapshot query names every column but the sensitive ones).",
            "",
            "Example:",
            "  ficus connectors render plans/orders.yaml --format strimzi --connect-cluster my-connect"})
public final class RenderCommand implements Callable<Integer> {

    enum Format { connect, strimzi }

    @Mixin
    PlanFile plan;

    @Option(names = "--format", defaultValue = "connect", paramLabel = "FORMAT",
            description = "connect (JSON for the REST API) or strimzi (KafkaConnector YAML). Default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--connect-cluster", defaultValue = "connect", paramLabel = "NAME",
            description = "Strimzi: the KafkaConnect cluster (label strimzi.io/cluster). Default: ${DEFAULT-VALUE}")
    String connectCluster;

    @Option(names = "--database", description = "Read the column lists the config needs from the legacy database, "
            + "through the plan's connection (only for filtered tables with sensitive columns).")
    boolean database;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CapturePlan loaded = plan.load();
        Map<TableId, List<String>> columns = Map.of();
        if (database) {
            List<TableId> needed = loaded.rowFilters().keySet().stream()
                    .filter(t -> !loaded.sensitiveColumnsOf(t).isEmpty()).toList();
            if (!needed.isEmpty()) {
                columns = Publications.columns(loaded, LegacyDatabase.dataSource(loaded), needed);
            }
        }
        String rendered = switch (format) {
            case connect -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", loaded.name());
                body.put("config", new DebeziumConfigRenderer().render(loaded, columns));
                yield new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body);
            }
            case strimzi -> new StrimziRenderer().render(loaded, connectCluster, columns);
        };
        spec.commandLine().getOut().println(rendered.stripTrailing());
        return 0;
    }
}
