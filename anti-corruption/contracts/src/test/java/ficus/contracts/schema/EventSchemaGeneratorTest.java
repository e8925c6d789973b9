package ficus.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventSchemaGeneratorTest {

    enum Colour { RED, GREEN }

    record Thing(long thingId, String label, String note, Colour colour, Instant at, List<Colour> tags) {
        Thing {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(colour, "colour");
            Objects.requireNonNull(at, "at");
            tags = List.copyOf(tags);
        }
    }

    sealed interface ThingEvent {
        long thingId();

        Thing thing();
    }

    record ThingPainted(java.util.UUID eventId, long thingId, Thing thing, Colour before) implements ThingEvent {
        ThingPainted {
            Objects.requireNonNull(eventId);
            Objects.requireNonNull(thing);
        }
    }

    record ThingGone(java.util.UUID eventId, long thingId) implements ThingEvent {
        @Override
        public Thing thing() {
            return null;
        }
    }

    record Unmappable(Object whatever) {
    }

    sealed interface BadEvent {
    }

    record HasUnmappable(Unmappable u) implements BadEvent {
    }

    private final Map<String, ObjectNode> schemas = new EventSchemaGenerator(Set.of("eventId"))
            .schemas(ThingEvent.class, "things.v1 ");

    @Test
    void shouldMakeOneSchemaPerRecordWithTheEventNameAsConstType() {
        assertThat(schemas).containsOnlyKeys("ThingPainted", "ThingGone");
        assertThat(schemas.get("ThingPainted").at("/properties/type/const").asText()).isEqualTo("ThingPainted");
        assertThat(schemas.get("ThingPainted").path("$schema").asText()).isEqualTo(EventSchemaGenerator.DIALECT);
    }

    @Test
    void shouldLeaveHeaderComponentsOutOfThePayload() {
        assertThat(schemas.get("ThingPainted").path("properties").has("eventId")).isFalse();
    }

    @Test
    void shouldMakeAFieldTheConstructorLetsBeNullOptionalAndNullable() {
        JsonNode thing = schemas.get("ThingPainted").at("/properties/thing");

        assertThat(thing.path("required")).extracting(JsonNode::asText)
                .containsExactly("thingId", "label", "colour", "at", "tags");
        assertThat(thing.at("/properties/note/type")).extracting(JsonNode::asText).containsExactly("string", "null");
        assertThat(schemas.get("ThingPainted").path("required")).extracting(JsonNode::asText)
                .containsExactly("thingId", "type", "thing");
        assertThat(schemas.get("ThingPainted").at("/properties/before/enum")).extracting(JsonNode::asText)
                .containsExactly("RED", "GREEN", "null");
    }

    @Test
    void shouldMapEnumsTimesAndListsToTheirJsonShapes() {
        JsonNode thing = schemas.get("ThingPainted").at("/properties/thing/properties");

        assertThat(thing.at("/colour/enum")).extracting(JsonNode::asText).containsExactly("RED", "GREEN");
        assertThat(thing.at("/at/format").asText()).isEqualTo("date-time");
        assertThat(thing.at("/tags/type").asText()).isEqualTo("array");
        assertThat(thing.at("/tags/items/enum")).extracting(JsonNode::asText).containsExactly("RED", "GREEN");
        assertThat(thing.at("/thingId/type").asText()).isEqualTo("integer");
    }

    @Test
    void shouldWriteAnInterfaceValueTheRecordLacksAsNull() {
        assertThat(schemas.get("ThingGone").at("/properties/thing/type").asText()).isEqualTo("null");
        assertThat(schemas.get("ThingGone").path("required")).extracting(JsonNode::asText).contains("thing");
    }

    @Test
    void shouldNameTheFieldItCannotMap() {
        assertThatThrownBy(() -> new EventSchemaGenerator(Set.of()).schemas(BadEvent.class, ""))
                .hasMessageContaining("java.lang.Object");
    }
}
