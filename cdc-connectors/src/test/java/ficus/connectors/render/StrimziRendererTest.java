package ficus.connectors.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;
import ficus.core.FicusException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrimziRendererTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

    private final CapturePlan plan = CapturePlanLoader.legacyCrm();

    @Test
    void shouldRenderAKafkaConnectorValidAgainstTheStrimziCrdSchema() throws IOException {
        Map<String, Object> resource = YAML.readValue(new StrimziRenderer().render(plan, "ficus-connect"), TREE);

        assertThat(OpenApiSchema.violations(crdSchema(), resource)).isEmpty();
        assertThat(resource).containsEntry("apiVersion", "kafka.strimzi.io/v1").containsEntry("kind", "KafkaConnector");
        assertThat(at(resource, "metadata")).containsEntry("name", "legacy-crm")
                .containsEntry("labels", Map.of("strimzi.io/cluster", "ficus-connect"));
        assertThat(at(resource, "spec")).containsEntry("class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("tasksMax", 1);
    }

    @Test
    void shouldKeepSecretReferencesAndLeaveStrimziOwnedKeysOutOfTheConfig() throws IOException {
        Map<String, Object> resource = YAML.readValue(new StrimziRenderer().render(plan, "ficus-connect"), TREE);
        Map<String, Object> config = at(at(resource, "spec"), "config");

        assertThat(config).containsEntry("database.password", "${env:FICUS_LEGACY_PASSWORD}")
                .containsEntry("slot.name", "ficus_legacy_crm")
                .containsEntry("poll.interval.ms", "20")
                .doesNotContainKeys("name", "connector.class", "tasks.max");
        Map<String, String> connect = new DebeziumConfigRenderer().render(plan);
        assertThat(config).hasSize(connect.size() - 3);
    }

    @Test
    void shouldCatchAResourceTheSchemaRejects() throws IOException {
        Map<String, Object> resource = YAML.readValue(new StrimziRenderer().render(plan, "ficus-connect"), TREE);
        Map<String, Object> spec = at(resource, "spec");
        spec.put("tasksMax", 0);
        spec.put("state", "sleeping");
        spec.put("clas", "typo");

        assertThat(OpenApiSchema.violations(crdSchema(), resource)).containsExactlyInAnyOrder(
                "$.spec.tasksMax: 0 is below the minimum 1",
                "$.spec.state: sleeping is not one of [paused, stopped, running]",
                "$.spec.clas: not in the schema (would be pruned)");
    }

    @Test
    void shouldRefuseANameKubernetesWouldReject() {
        CapturePlan upper = plan.withNames("Legacy_CRM", plan.slotName(), plan.publicationName());

        assertThatThrownBy(() -> new StrimziRenderer().render(upper, "ficus-connect"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("'Legacy_CRM' is not a Kubernetes resource name");
        assertThatThrownBy(() -> new StrimziRenderer().render(plan, "no spaces"))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("'no spaces' is not a label value");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> crdSchema() throws IOException {
        try (InputStream in = StrimziRendererTest.class.getResourceAsStream("/strimzi/kafkaconnector-crd-v1.yaml")) {
            Map<String, Object> crd = YAML.readValue(in, TREE);
            Map<String, Object> version = (Map<String, Object>) ((List<Object>) at(crd, "spec").get("versions")).get(0);
            return at(at(version, "schema"), "openAPIV3Schema");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    @Test
    void shouldCarryTheRowFiltersSnapshotQueriesAsTheConnectConfigDoes() throws IOException {
        CapturePlan filtered = new CapturePlanLoader().parse("""
                name: erp
                source: erp
                connection: {host: localhost, database: erp, user: u, password: "${env:PW}"}
                tables: ['erp."SalesOrder"']
                sensitiveColumns: ['erp."SalesOrder".tax_id']
                rowFilters: {'erp."SalesOrder"': '"Tenant" = 2'}
                slot: erp
                publication: erp
                """, "erp.yaml");
        Map<ficus.connectors.plan.TableId, List<String>> columns = Map.of(new ficus.connectors.plan.TableId("erp",
                "SalesOrder"), List.of("Tenant", "OrderNo", "tax_id"));

        Map<String, Object> resource = YAML.readValue(new StrimziRenderer().render(filtered, "ficus-connect", columns),
                TREE);

        assertThat(OpenApiSchema.violations(crdSchema(), resource)).isEmpty();
        assertThat(at(at(resource, "spec"), "config"))
                .containsEntry("snapshot.select.statement.overrides", "erp.SalesOrder")
                .containsEntry("snapshot.select.statement.overrides.erp.SalesOrder",
                        "SELECT \"Tenant\", \"OrderNo\" FROM erp.\"SalesOrder\" WHERE (\"Tenant\" = 2)");
        assertThatThrownBy(() -> new StrimziRenderer().render(filtered, "ficus-connect"))
                .isInstanceOf(FicusException.BadInput.class).hasMessageContaining("render it with --database");
    }
}
