package ficus.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.contracts.Contract;
import ficus.contracts.ContractOptions;
import ficus.contracts.Contracts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schemas generated from the test spec {@code subscription.yaml}, rule by rule. */
class EventSchemaGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TranslationSpec SPEC = TranslationSpecLoader.loadResource(
            "ficus/contracts/wire/subscription.yaml");
    private static final ContractOptions OPTIONS = ContractOptions.NONE.withCaptureSource("legacy")
            .withConverter("region", FieldType.STRING);
    private static final Map<String, ObjectNode> SCHEMAS = new EventSchemaGenerator(SPEC, OPTIONS).schemas();

    private static JsonNode state(String type) {
        return SCHEMAS.get(type).path("properties").path("state");
    }

    private static List<String> texts(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Test
    void shouldMakeOneSchemaPerEventTypeTheRulesNameInTheOrderTheyFirstNameIt() {
        assertThat(SCHEMAS.keySet()).containsExactly("SubscriptionStarted", "SubscriptionEnded",
                "SubscriptionRepriced", "SubscriptionUpdated");
        assertThat(SCHEMAS.get("SubscriptionUpdated").path("properties").path("type").path("const").asText())
                .isEqualTo("SubscriptionUpdated");
        assertThat(SCHEMAS.get("SubscriptionUpdated").path("title").asText())
                .isEqualTo("billing.subscription.v2 SubscriptionUpdated");
    }

    @Test
    void shouldPutTheKeyFieldsFirstAndRequireThem() {
        JsonNode schema = SCHEMAS.get("SubscriptionStarted");
        assertThat(schema.path("properties").fieldNames()).toIterable()
                .containsExactly("tenant", "subNo", "type", "state", "changed");
        assertThat(texts(schema.path("required"))).containsExactly("tenant", "subNo", "type", "state", "changed");
        assertThat(schema.at("/properties/tenant/type").asText()).isEqualTo("integer");
    }

    @Test
    void shouldMakeTheStateOfATypeAChangeAndARemovalNameNullableAndItsPreviousValueOptional() {
        JsonNode ended = SCHEMAS.get("SubscriptionEnded");

        assertThat(texts(ended.at("/properties/state/type"))).containsExactly("object", "null");
        assertThat(texts(ended.path("required"))).doesNotContain("previousPhase");
        assertThat(texts(ended.at("/properties/previousPhase/enum")))
                .containsExactly("TRIAL", "ACTIVE", "PAUSED", "ENDED");
    }

    @Test
    void shouldRequireThePreviousValuesEveryRuleOfTheTypeCarries() {
        JsonNode repriced = SCHEMAS.get("SubscriptionRepriced");

        assertThat(texts(repriced.path("required"))).contains("previousPrice", "previousPlan");
        assertThat(repriced.at("/properties/previousPrice/pattern").asText()).isEqualTo(FieldSchemas.DECIMAL_PATTERN);
        assertThat(SCHEMAS.get("SubscriptionUpdated").path("properties").has("previousPrice")).isFalse();
    }

    @Test
    void shouldMakeTheRequiredFieldsRequiredAndTheOthersNullable() {
        JsonNode state = state("SubscriptionStarted");

        assertThat(texts(state.path("required"))).containsExactly("tenant", "subNo", "plan", "phase", "price",
                "autoRenew", "startsOn", "externalId", "labels");
        assertThat(state.at("/properties/autoRenew/type").asText()).isEqualTo("boolean");
        assertThat(texts(state.at("/properties/note/type"))).containsExactly("string", "null");
        assertThat(texts(state.at("/properties/discount/type"))).containsExactly("number", "string", "null");
    }

    @Test
    void shouldTakeEnumValuesFromTheCodesOrTheAllowedValues() {
        JsonNode state = state("SubscriptionStarted");

        assertThat(texts(state.at("/properties/plan/enum"))).containsExactly("BASIC", "ENTERPRISE", "PRO");
        assertThat(texts(state.at("/properties/phase/enum"))).containsExactly("TRIAL", "ACTIVE", "PAUSED", "ENDED");
    }

    @Test
    void shouldDescribeArraysWithNullableElementsAndJsonAsAnyValue() {
        JsonNode state = state("SubscriptionStarted");

        assertThat(state.at("/properties/labels/type").asText()).isEqualTo("array");
        assertThat(texts(state.at("/properties/labels/items/type"))).containsExactly("string", "null");
        assertThat(texts(state.at("/properties/seats/type"))).containsExactly("array", "null");
        assertThat(texts(state.at("/properties/seats/items/type"))).containsExactly("integer", "null");
        assertThat(state.at("/properties/settings").has("type")).isFalse();
    }

    @Test
    void shouldDescribeEachPartByWhatItCollects() {
        JsonNode state = state("SubscriptionStarted");

        assertThat(state.at("/properties/items/type").asText()).isEqualTo("array");
        assertThat(state.at("/properties/items/items/type").asText()).isEqualTo("object");
        assertThat(texts(state.at("/properties/items/items/required")))
                .containsExactly("itemNo", "sku", "quantity", "unitPrice", "position");
        assertThat(state.at("/properties/items/description").asText()).contains("ordered by position");
        assertThat(texts(state.at("/properties/owner/type"))).containsExactly("object", "null");
        assertThat(state.at("/properties/openInvoices/type").asText()).isEqualTo("integer");
        assertThat(state.at("/properties/openInvoices/minimum").asInt()).isZero();
        assertThat(state.at("/properties/hasTickets/type").asText()).isEqualTo("boolean");
        assertThat(texts(state.path("required"))).doesNotContain("items", "owner", "openInvoices", "hasTickets");
        assertThat(texts(SCHEMAS.get("SubscriptionUpdated").at("/properties/changed/items/enum")))
                .endsWith("note", "items", "owner", "openInvoices", "hasTickets");
    }

    @Test
    void shouldDescribeACustomFieldByItsConverterTypeWhenDeclaredAndAsAnyValueOtherwise() {
        JsonNode declared = state("SubscriptionStarted").at("/properties/region");
        JsonNode undeclared = new EventSchemaGenerator(SPEC, ContractOptions.NONE).schemas()
                .get("SubscriptionStarted").at("/properties/state/properties/region");

        assertThat(texts(declared.path("type"))).containsExactly("string", "null");
        assertThat(undeclared.has("type")).isFalse();
        assertThat(Contracts.notes(SPEC, ContractOptions.NONE)).anySatisfy(note -> assertThat(note)
                .contains("field region").contains("'region'").contains("region=<type>"));
        assertThat(Contracts.notes(SPEC, OPTIONS)).isEmpty();
    }

    @Test
    void shouldDescribeTheCompositeKeyTextWithTheSpecsSeparator() {
        Contract contract = Contracts.generate(SPEC, OPTIONS);
        JsonNode message = contract.asyncApi().at("/components/messages/SubscriptionEnded");

        assertThat(KeyText.pattern(SPEC)).isEqualTo("^-?[0-9]+\\/-?[0-9]+$");
        assertThat(message.at("/bindings/kafka/key/pattern").asText()).isEqualTo(KeyText.pattern(SPEC));
        assertThat(message.at("/headers/properties/ce_subject/pattern").asText()).isEqualTo(KeyText.pattern(SPEC));
        assertThat(message.at("/headers/properties/ce_type/const").asText())
                .isEqualTo("billing.SubscriptionEnded.v2");
        assertThat(message.at("/headers/properties/ce_source/const").asText())
                .isEqualTo("ficus://legacy/subscription");
        assertThat(contract.topic()).isEqualTo("billing.subscription.v2");
        assertThat(contract.asyncApi().at("/channels/billing.subscription.v2/address").asText())
                .isEqualTo("billing.subscription.v2");
    }

    @Test
    void shouldDescribeTheSourceByPatternWhenTheCaptureSourceIsNotGiven() {
        JsonNode source = Contracts.generate(SPEC, ContractOptions.NONE).asyncApi()
                .at("/components/messages/SubscriptionStarted/headers/properties/ce_source");

        assertThat(source.has("const")).isFalse();
        assertThat(source.path("pattern").asText()).isEqualTo("^ficus://[^/]+/subscription$");
    }
}
