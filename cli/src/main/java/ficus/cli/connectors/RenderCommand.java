package ficus.cli.connectors;

import ficus.connectors.plan.CapturePlan;
import ficus.connectors.render.DebeziumConfigRenderer;
import ficus.connectors.render.StrimziRenderer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
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
            "references (${env:VAR}, ${file:/path:key}); nothing is contacted."})
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CapturePlan loaded = plan.load();
        String rendered = switch (format) {
            case connect -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", loaded.name());
                body.put("config", new DebeziumConfigRenderer().render(loaded));
                yield new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body);
            }
            case strimzi -> new StrimziRenderer().render(loaded, connectCluster);
        };
        spec.commandLine().getOut().println(rendered.stripTrailing());
        return 0;
    }
}
