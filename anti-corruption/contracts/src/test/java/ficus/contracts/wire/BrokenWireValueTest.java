package ficus.contracts.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import ficus.contracts.Contract;
import ficus.contracts.Contracts;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire check can fail: a real event of the test spec {@code subscription.yaml}, broken in one way, no longer
 * validates against the contract generated from the spec (or shows an undeclared field).
 */
class BrokenWireValueTest {

    private static final WireCase CASE = WireCase.subscription();
    private static final Contract CONTRACT = Contracts.generate(CASE.spec(), CASE.options());

    static Stream<Arguments> breaks() {
        return Stream.of(
                broken("a decimal written as a JSON number", v -> state(v).put("price", 19.9)),
                broken("a required key field missing", v -> v.remove("subNo")),
                broken("a key field null", v -> v.putNull("tenant")),
                broken("a code value the spec does not map to", v -> state(v).put("plan", "GOLD")),
                broken("an enum value the spec does not allow", v -> state(v).put("phase", "FROZEN")),
                broken("an instant with an offset instead of UTC", v -> state(v)
                        .put("activatedAt", "2026-03-14T04:56:53.589700+01:00")),
                broken("a date-time where a date belongs", v -> state(v).put("startsOn", "2026-03-14T00:00:00")),
                broken("a uuid in upper case", v -> state(v).put("externalId",
                        "4F0C2A9E-3B1D-4C5E-9A7F-1E2D3C4B5A69")),
                broken("bytes that are not base64", v -> state(v).put("logo", "not base64!")),
                broken("an array element of the wrong type", v -> ((ArrayNode) state(v).get("labels")).add(7)),
                broken("a required field null", v -> state(v).putNull("autoRenew")),
                broken("a list item missing a required field", v -> ((ObjectNode) state(v).get("items").get(0))
                        .remove("quantity")),
                broken("a count that is negative", v -> state(v).put("openInvoices", -1)),
                broken("exists written as a count", v -> state(v).put("hasTickets", 1)),
                broken("a reference written as a list", v -> state(v).putArray("owner")),
                broken("a changed name that is no field", v -> ((ArrayNode) v.get("changed")).add("colour")),
                broken("another event's type", v -> v.put("type", "SubscriptionStarted")));
    }

    private static Arguments broken(String what, Consumer<ObjectNode> change) {
        return Arguments.of(what, change);
    }

    private static ObjectNode state(ObjectNode value) {
        return (ObjectNode) value.get("state");
    }

    /** The repriced event: it has every part filled in (items, owner, invoices, tickets). */
    private static ObjectNode repriced() {
        return (ObjectNode) Published.of(CASE).events().stream()
                .filter(e -> e.type().equals("SubscriptionRepriced")).findFirst().orElseThrow().value().deepCopy();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaks")
    void aBrokenValueShouldNotValidate(String what, Consumer<ObjectNode> change) {
        JsonNode schema = CONTRACT.schemas().get("SubscriptionRepriced");
        ObjectNode value = repriced();
        assertThat(WireConformance.errors(schema, value)).as("the unbroken value").isEmpty();

        change.accept(value);

        assertThat(WireConformance.errors(schema, value)).as(what).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void aFieldTheContractDoesNotDeclareShouldBeFound() {
        JsonNode schema = CONTRACT.schemas().get("SubscriptionRepriced");
        ObjectNode value = repriced();
        state(value).put("legacyFlag", "Y");
        ((ObjectNode) state(value).get("owner")).put("taxId", "DE123");

        assertThat(WireConformance.errors(schema, value)).isEmpty(); // the schemas stay open for compatible additions
        assertThat(WireConformance.undeclared(schema, value)).containsExactlyInAnyOrder("/state/legacyFlag",
                "/state/owner/taxId");
    }

    @org.junit.jupiter.api.Test
    void aWrongHeaderOrKeyShouldNotValidate() {
        JsonNode message = CONTRACT.asyncApi().path("components").path("messages").path("SubscriptionRepriced");
        Published.Event event = Published.of(CASE).events().stream()
                .filter(e -> e.type().equals("SubscriptionRepriced")).findFirst().orElseThrow();
        ObjectNode headers = event.headers().deepCopy();
        assertThat(WireConformance.errors(message.get("headers"), headers)).isEmpty();

        headers.put("ce_type", "billing.SubscriptionRepriced.v1");
        headers.remove("ce_ficusposition");

        assertThat(WireConformance.errors(message.get("headers"), headers)).hasSize(2);
        JsonNode key = message.path("bindings").path("kafka").path("key");
        assertThat(WireConformance.errors(key, TextNode.valueOf(event.key()))).isEmpty();
        assertThat(WireConformance.errors(key, TextNode.valueOf("3:9000000001"))).isNotEmpty();
    }
}
