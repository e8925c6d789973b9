package ficus.contracts.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import ficus.contracts.Contract;
import ficus.contracts.Contracts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated contract against what the generic engine really publishes: each wire case's raw changes go through
 * {@code AggregateTopology} (TopologyTestDriver), and every record it writes — value, headers, key — must validate
 * against the contract generated from the same spec and use nothing the contract does not declare. The scenarios are
 * checked to reach every event type and every field, so a schema no event exercises cannot pass unseen.
 */
class ContractWireTest {

    static List<WireCase> cases() {
        return WireCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyValueTheEngineWritesShouldValidateAgainstItsEventSchemaAndDeclareEveryField(WireCase wireCase) {
        Contract contract = Contracts.generate(wireCase.spec(), wireCase.options());
        List<String> problems = new ArrayList<>();
        for (Published.Event event : Published.of(wireCase).events()) {
            JsonNode schema = contract.schemas().get(event.type());
            if (schema == null) {
                problems.add(event + ": no schema for event type " + event.type());
                continue;
            }
            WireConformance.errors(schema, event.value()).forEach(e -> problems.add(event + ": " + e));
            WireConformance.undeclared(schema, event.value()).forEach(f -> problems.add(event + ": undeclared " + f));
        }
        assertThat(Published.of(wireCase).events()).isNotEmpty();
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyRecordShouldCarryTheHeadersAndTheKeyItsMessageDeclares(WireCase wireCase) {
        Contract contract = Contracts.generate(wireCase.spec(), wireCase.options());
        JsonNode messages = contract.asyncApi().path("components").path("messages");
        List<String> problems = new ArrayList<>();
        for (Published.Event event : Published.of(wireCase).events()) {
            JsonNode message = messages.path(event.type());
            JsonNode headers = message.path("headers");
            WireConformance.errors(headers, event.headers()).forEach(e -> problems.add(event + ": header " + e));
            WireConformance.undeclared(headers, event.headers())
                    .forEach(h -> problems.add(event + ": undeclared header " + h));
            WireConformance.errors(message.path("bindings").path("kafka").path("key"), TextNode.valueOf(event.key()))
                    .forEach(e -> problems.add(event + ": key " + e));
            assertThat(event.headers().path("ce_subject").asText()).as("subject of %s", event).isEqualTo(event.key());
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theScenarioShouldPublishEveryEventTypeAndEveryDeclaredFieldWithoutDeadLetters(WireCase wireCase) {
        Published published = Published.of(wireCase);
        Contract contract = Contracts.generate(wireCase.spec(), wireCase.options());

        assertThat(published.deadLetters()).as("dead letters of %s", wireCase).isEmpty();
        assertThat(published.events().stream().map(Published.Event::type).distinct())
                .containsExactlyInAnyOrderElementsOf(wireCase.spec().eventTypes());
        Set<String> unseen = new TreeSet<>();
        contract.schemas().forEach((type, schema) -> {
            List<JsonNode> values = published.events().stream().filter(e -> e.type().equals(type))
                    .map(Published.Event::value).toList();
            schema.path("properties").fieldNames().forEachRemaining(field -> {
                if (values.stream().noneMatch(v -> v.has(field))) {
                    unseen.add(type + "/" + field);
                }
            });
        });
        // every root field and part, non-null (and non-empty) in some state
        Set<String> stateFields = new LinkedHashSet<>(wireCase.spec().root().fieldNames());
        wireCase.spec().parts().forEach(p -> stateFields.add(p.name()));
        for (String field : stateFields) {
            boolean seen = published.events().stream().map(e -> e.value().path("state").path(field))
                    .anyMatch(v -> !v.isMissingNode() && !v.isNull() && !(v.isContainerNode() && v.isEmpty())
                            && !(v.isBoolean() && !v.booleanValue()) && !(v.isNumber() && v.decimalValue().signum() == 0));
            if (!seen) {
                unseen.add("state/" + field);
            }
        }
        assertThat(unseen).as("declared but never published by the %s scenario", wireCase).isEmpty();
    }

    /** Nulls where the spec allows them: some event has each optional root field null. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theScenarioShouldPublishEveryOptionalRootFieldAsNullToo(WireCase wireCase) {
        Published published = Published.of(wireCase);
        List<String> neverNull = new ArrayList<>();
        wireCase.spec().root().fields().stream().filter(f -> !f.required()).forEach(f -> {
            if (published.events().stream().noneMatch(e -> e.value().path("state").path(f.field()).isNull())) {
                neverNull.add(f.field());
            }
        });
        assertThat(neverNull).as("optional fields never null in the %s scenario", wireCase).isEmpty();
    }
}
