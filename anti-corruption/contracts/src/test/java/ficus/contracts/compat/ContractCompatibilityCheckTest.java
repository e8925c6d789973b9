package ficus.contracts.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.spec.FieldType;
import ficus.contracts.Contract;
import ficus.contracts.ContractOptions;
import ficus.contracts.Contracts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compatibility rules on hand-made old/new schema pairs (no files). */
class ContractCompatibilityCheckTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String OLD = """
            {"type":"object","required":["customerId","type","state","changed"],
             "properties":{
               "customerId":{"type":"integer"},
               "type":{"const":"CustomerStatusChanged"},
               "changed":{"type":"array","items":{"type":"string","enum":["name","status"]}},
               "state":{"type":"object","required":["name","status"],
                 "properties":{"name":{"type":"string"},"email":{"type":["string","null"]},
                               "status":{"type":"string","enum":["ACTIVE","CLOSED"]}}}}}
            """;

    @Test
    void shouldAcceptAnIdenticalSchema() {
        assertThat(changes(OLD, OLD)).isEmpty();
    }

    @Test
    void shouldAcceptANewOptionalField() {
        String newer = OLD.replace("\"status\":{\"type\":\"string\",\"enum\":[\"ACTIVE\",\"CLOSED\"]}}",
                "\"status\":{\"type\":\"string\",\"enum\":[\"ACTIVE\",\"CLOSED\"]},"
                        + "\"address\":{\"type\":[\"object\",\"null\"],\"properties\":{\"city\":{\"type\":\"string\"}}}}");

        assertThat(newer).isNotEqualTo(OLD);
        assertThat(changes(OLD, newer)).isEmpty();
    }

    @Test
    void shouldAcceptChangedDescriptionsAndAnEnumThatLostAValue() {
        String newer = OLD.replace("{\"type\":\"integer\"}", "{\"type\":\"integer\",\"description\":\"the id\"}")
                .replace("[\"ACTIVE\",\"CLOSED\"]", "[\"ACTIVE\"]");

        assertThat(changes(OLD, newer)).isEmpty();
    }

    @Test
    void shouldRejectARemovedField() {
        String newer = OLD.replace(",\"email\":{\"type\":[\"string\",\"null\"]}", "");

        assertThat(changes(OLD, newer)).singleElement().hasToString("t#/state/email: removed (was [null, string])");
    }

    @Test
    void shouldRejectARenamedFieldAndNameTheNewName() {
        String newer = OLD.replace("\"name\":{\"type\":\"string\"}", "\"fullName\":{\"type\":\"string\"}")
                .replace("\"required\":[\"name\",", "\"required\":[\"fullName\",");

        assertThat(changes(OLD, newer)).extracting(BreakingChange::toString)
                .containsExactly("t#/state/name: renamed to fullName");
    }

    @Test
    void shouldRejectARetypedField() {
        String newer = OLD.replace("\"customerId\":{\"type\":\"integer\"}", "\"customerId\":{\"type\":\"string\"}");

        assertThat(changes(OLD, newer)).singleElement()
                .hasToString("t#/customerId: retyped from integer to string");
    }

    @Test
    void shouldRejectAFieldThatBecameNullable() {
        String newer = OLD.replace("\"name\":{\"type\":\"string\"}", "\"name\":{\"type\":[\"string\",\"null\"]}");

        assertThat(changes(OLD, newer)).singleElement().extracting(BreakingChange::where).isEqualTo("t#/state/name");
    }

    @Test
    void shouldAcceptIntegerWideningToNumberOnlyOneWay() {
        String number = OLD.replace("\"customerId\":{\"type\":\"integer\"}", "\"customerId\":{\"type\":\"number\"}");

        assertThat(changes(number, OLD)).isEmpty();
        assertThat(changes(OLD, number)).singleElement().hasToString("t#/customerId: retyped from integer to number");
    }

    @Test
    void shouldRejectANewRequiredField() {
        String newer = OLD.replace("\"required\":[\"name\",\"status\"]", "\"required\":[\"name\",\"status\",\"tier\"]")
                .replace("\"name\":{\"type\":\"string\"}", "\"name\":{\"type\":\"string\"},\"tier\":{\"type\":\"integer\"}");

        assertThat(changes(OLD, newer)).singleElement().satisfies(change -> {
            assertThat(change.where()).isEqualTo("t#/state/tier");
            assertThat(change.what()).startsWith("new required field");
        });
    }

    @Test
    void shouldRejectAnOptionalFieldThatBecameRequiredAndTheReverse() {
        String emailRequired = OLD.replace("\"required\":[\"name\",\"status\"]",
                "\"required\":[\"name\",\"status\",\"email\"]");
        String nameOptional = OLD.replace("\"required\":[\"name\",\"status\"]", "\"required\":[\"status\"]");

        assertThat(changes(OLD, emailRequired)).singleElement().hasToString("t#/state/email: became required");
        assertThat(changes(OLD, nameOptional)).singleElement()
                .hasToString("t#/state/name: no longer required (consumers rely on it)");
    }

    @Test
    void shouldRejectAnEnumThatGainedAValue() {
        String newer = OLD.replace("[\"ACTIVE\",\"CLOSED\"]", "[\"ACTIVE\",\"CLOSED\",\"DORMANT\"]");

        assertThat(changes(OLD, newer)).singleElement().satisfies(change -> {
            assertThat(change.where()).isEqualTo("t#/state/status");
            assertThat(change.what()).startsWith("enum gained [DORMANT]");
        });
    }

    @Test
    void shouldRejectAChangedConstAndAChangeInsideArrayItems() {
        String newer = OLD.replace("{\"const\":\"CustomerStatusChanged\"}", "{\"const\":\"StatusChanged\"}")
                .replace("\"items\":{\"type\":\"string\"", "\"items\":{\"type\":\"integer\"");

        assertThat(changes(OLD, newer)).extracting(BreakingChange::where).containsExactly("t#/type", "t#/changed/items");
    }

    @Test
    void shouldRejectARemovedEventTypeAndAcceptANewOne() {
        Contract committed = customer();
        Contract withoutRemoved = without(committed, "CustomerRemoved");

        assertThat(ContractCompatibility.check(committed, withoutRemoved)).singleElement()
                .hasToString("crm.customer.v1/asyncapi.yaml#/components/messages/CustomerRemoved: event type removed");
        assertThat(ContractCompatibility.check(withoutRemoved, committed)).isEmpty();
    }

    @Test
    void shouldRejectARemovedHeader() {
        Contract committed = customer();
        ObjectNode doc = committed.asyncApi().deepCopy();
        ((ObjectNode) doc.at("/components/messages/CustomerClosed/headers/properties")).remove("ce_subject");
        Contract newer = new Contract(committed.topic(), doc, committed.schemas());

        assertThat(ContractCompatibility.check(committed, newer)).extracting(BreakingChange::toString).containsExactly(
                "crm.customer.v1/asyncapi.yaml#/components/messages/CustomerClosed/headers/ce_subject: removed (was string)");
    }

    @Test
    void shouldFindNothingBreakingBetweenTwoGenerationsOfTheSameSpec() {
        assertThat(ContractCompatibility.check(customer(), customer())).isEmpty();
    }

    /** The CRM sample's customer contract, as the committed one is generated (the spec is a test input here). */
    private static Contract customer() {
        return Contracts.generate(ficus.samples.crm.CrmSample.customerSpec(), ContractOptions.NONE.withCaptureSource("legacy")
                .withConverter("country-code", FieldType.STRING));
    }

    private static List<BreakingChange> changes(String before, String after) {
        return ContractCompatibility.compareSchemas("t#", json(before), json(after));
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Contract without(Contract contract, String event) {
        ObjectNode doc = contract.asyncApi().deepCopy();
        ((ObjectNode) doc.at("/components/messages")).remove(event);
        Map<String, ObjectNode> schemas = new LinkedHashMap<>(contract.schemas());
        schemas.remove(event);
        return new Contract(contract.topic(), doc, schemas);
    }
}
