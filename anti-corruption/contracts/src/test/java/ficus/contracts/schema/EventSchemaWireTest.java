package ficus.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.customer.CustomerEvent;
import ficus.acl.customer.CustomerEventType;
import ficus.acl.customer.CustomerState;
import ficus.acl.runtime.CloudEventHeaders;
import ficus.acl.runtime.CustomerEventSerde;
import ficus.acl.translation.Origin;
import ficus.contracts.Contract;
import ficus.contracts.Contracts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The generated contract against what the runtime really writes: one instance of every event record (built from its
 * components, so new fields are covered without editing this test), serialized by {@link CustomerEventSerde} with
 * headers from {@link CloudEventHeaders}, must validate against the schema and use no undeclared field or header.
 */
class EventSchemaWireTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Contract CONTRACT = Contracts.customer();

    static Stream<Arguments> events() {
        List<Arguments> events = new ArrayList<>();
        for (Class<?> type : CustomerEvent.class.getPermittedSubclasses()) {
            events.add(Arguments.of(type.getSimpleName() + " (all fields set)", SampleValues.record(type, null)));
            // and with every nullable field of the state it carries set to null
            for (String nullable : EventSchemaGenerator.nullableComponents(CustomerState.class)) {
                CustomerEvent full = (CustomerEvent) SampleValues.record(type, null);
                if (full.state() != null) {
                    events.add(Arguments.of(type.getSimpleName() + " (state." + nullable + " = null)",
                            withState(type, (CustomerState) SampleValues.record(CustomerState.class, nullable))));
                }
            }
        }
        return events.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void shouldDescribeTheValueTheRuntimeWrites(String name, CustomerEvent event) throws Exception {
        byte[] value = new CustomerEventSerde().serializer().serialize("crm.customer.v1", event);
        JsonNode wire = MAPPER.readTree(value);
        JsonNode schema = CONTRACT.schemas().get(event.type().eventName());

        assertThat(schema).as("schema of %s", event.type().eventName()).isNotNull();
        assertThat(WireConformance.errors(schema, wire)).as("%s against its schema", wire).isEmpty();
        assertThat(WireConformance.undeclared(schema, wire)).as("fields written but not in the contract").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void shouldDescribeTheHeadersTheRuntimeWrites(String name, CustomerEvent event) {
        ObjectNode headers = MAPPER.createObjectNode();
        ficus.acl.aggregate.DomainEvent domainEvent = new ficus.acl.aggregate.DomainEvent(event.eventId(),
                event.type().eventName(), ficus.acl.aggregate.AggregateKey.of(event.customerId()), event.position(),
                event.commitTime(), null, List.of(), java.util.Map.of());
        for (Header header : CloudEventHeaders.of(domainEvent, ficus.acl.spec.yaml.TranslationSpecLoader.customer(),
                new Origin("legacy", "crm", "cust"))) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        JsonNode schema = CONTRACT.asyncApi().path("components").path("messages").path(event.type().eventName())
                .path("headers");

        assertThat(WireConformance.errors(schema, headers)).as("%s against the headers schema", headers).isEmpty();
        assertThat(WireConformance.undeclared(schema, headers)).as("headers written but not in the contract")
                .isEmpty();
    }

    @Test
    void shouldPublishOneSchemaPerEventType() {
        assertThat(CONTRACT.schemas().keySet()).containsExactlyInAnyOrder(
                Stream.of(CustomerEventType.values()).map(CustomerEventType::eventName).toArray(String[]::new));
    }

    @Test
    void shouldRejectAValueThatBreaksTheSchema() throws Exception {
        JsonNode schema = CONTRACT.schemas().get("CustomerStatusChanged");
        ObjectNode wire = (ObjectNode) MAPPER.readTree(new CustomerEventSerde().serializer()
                .serialize("crm.customer.v1", (CustomerEvent) SampleValues.record(
                        CustomerEvent.CustomerStatusChanged.class, null)));
        wire.put("previousStatus", "DORMANT");
        ((ObjectNode) wire.get("state")).remove("name");
        wire.put("shoeSize", 42);

        assertThat(WireConformance.errors(schema, wire)).hasSize(2);
        assertThat(WireConformance.undeclared(schema, wire)).containsExactly("/shoeSize");
    }

    private static CustomerEvent withState(Class<?> type, CustomerState state) {
        var components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                args[i] = components[i].getType() == CustomerState.class ? state
                        : SampleValues.of(components[i].getGenericType());
            }
            var constructor = type.getDeclaredConstructor(Stream.of(components)
                    .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new));
            return (CustomerEvent) constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
