package ficus.connectors.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import ficus.connectors.plan.CapturePlan;
import ficus.core.FicusException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Renders a capture plan as a Strimzi {@code KafkaConnector} custom resource ({@code kafka.strimzi.io/v1}), for teams
 * whose Connect cluster is managed by the Strimzi operator. {@code spec.config} is {@link DebeziumConfigRenderer}'s
 * config without the keys Strimzi sets itself ({@code name}, {@code connector.class}, {@code tasks.max}: they become
 * {@code metadata.name}, {@code spec.class} and {@code spec.tasksMax}). Secret references stay as they are; with
 * Strimzi they are usually {@code ${secrets:<namespace>/<secret>:<key>}} of Strimzi's KubernetesSecretConfigProvider.
 */
public final class StrimziRenderer {

    public static final String API_VERSION = "kafka.strimzi.io/v1";
    public static final String CLUSTER_LABEL = "strimzi.io/cluster";
    /** Keys Strimzi forbids in {@code spec.config}. */
    static final Set<String> STRIMZI_OWNED = Set.of("name", "connector.class", "tasks.max", "connector.plugin.version");

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    private final DebeziumConfigRenderer connectRenderer;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    public StrimziRenderer() {
        this(new DebeziumConfigRenderer());
    }

    public StrimziRenderer(DebeziumConfigRenderer connectRenderer) {
        this.connectRenderer = connectRenderer;
    }

    /**
     * The resource as YAML.
     *
     * @param connectCluster the name of the Strimzi {@code KafkaConnect} resource (label {@code strimzi.io/cluster})
     * @throws FicusException.BadInput the plan's name is not a Kubernetes resource name, or the cluster name not a
     *                                 label value
     */
    public String render(CapturePlan plan, String connectCluster) {
        return render(plan, connectCluster, Map.of());
    }

    /** As {@link #render(CapturePlan, String)}, with column lists (see {@link DebeziumConfigRenderer#render(CapturePlan, Map)}). */
    public String render(CapturePlan plan, String connectCluster,
            Map<ficus.connectors.plan.TableId, java.util.List<String>> columns) {
        try {
            return yaml.writeValueAsString(resource(plan, connectCluster, columns));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the KafkaConnector resource of " + plan.name(), e);
        }
    }

    /** The resource as a tree of maps (what {@link #render} writes). */
    public Map<String, Object> resource(CapturePlan plan, String connectCluster) {
        return resource(plan, connectCluster, Map.of());
    }

    /** The resource as a tree of maps, with column lists. */
    public Map<String, Object> resource(CapturePlan plan, String connectCluster,
            Map<ficus.connectors.plan.TableId, java.util.List<String>> columns) {
        if (!DNS_SUBDOMAIN.matcher(plan.name()).matches()) {
            throw new FicusException.BadInput("connector name '" + plan.name() + "' is not a Kubernetes resource name"
                    + " (lower-case letters, digits, '-' and '.'); rename it in the plan to render it for Strimzi");
        }
        if (connectCluster == null || !LABEL_VALUE.matcher(connectCluster).matches()) {
            throw new FicusException.BadInput("Strimzi Connect cluster '" + connectCluster + "' is not a label value"
                    + " (letters, digits, '-', '_', '.', at most 63); give the name of the KafkaConnect resource");
        }
        SortedMap<String, String> connectConfig = connectRenderer.render(plan, columns);
        SortedMap<String, String> config = new TreeMap<>(connectConfig);
        config.keySet().removeAll(STRIMZI_OWNED);

        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put(CLUSTER_LABEL, connectCluster);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", plan.name());
        metadata.put("labels", labels);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("class", connectConfig.get("connector.class"));
        spec.put("tasksMax", Integer.parseInt(connectConfig.get("tasks.max")));
        spec.put("config", config);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("apiVersion", API_VERSION);
        resource.put("kind", "KafkaConnector");
        resource.put("metadata", metadata);
        resource.put("spec", spec);
        return resource;
    }
}
