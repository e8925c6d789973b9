package ficus.contracttypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The smallest value of each event type its schema accepts: required properties only, each with a fixed example of
 * its encoding ({@code "1.00"} for a decimal, {@code "2026-01-01T00:00:00Z"} for an instant, the first enum value, an
 * empty list). A component's generated IT publishes them to see every event type of its contract applied.
 */
public final class ContractExamples {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ContractExamples() {
    }

    /** {@code ce_type} → its smallest value, in the contract's order. */
    public static Map<String, ObjectNode> minimal(PublishedContract contract) {
        Map<String, ObjectNode> examples = new LinkedHashMap<>();
        for (PublishedContract.Message message : contract.messages()) {
            examples.put(message.ceType(), (ObjectNode) example(message.payload()));
        }
        return examples;
    }

    private static JsonNode example(JsonNode schema) {
        if (schema.has("const")) {
            return schema.get("const");
        }
        Set<String> types = new HashSet<>();
        JsonNode type = schema.get("type");
        if (type == null) {
            return JSON.objectNode(); // any JSON document
        }
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        if (types.equals(Set.of("null"))) {
            return JSON.nullNode();
        }
        if (types.contains("object")) {
            ObjectNode object = JSON.objectNode();
            Set<String> required = new HashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                if (required.contains(property.getKey())) {
                    object.set(property.getKey(), example(property.getValue()));
                }
            }
            return object;
        }
        if (types.contains("array")) {
            ArrayNode array = JSON.arrayNode();
            return array;
        }
        if (types.contains("integer")) {
            return JSON.numberNode(1L);
        }
        if (types.contains("number")) {
            return JSON.numberNode(1.5);
        }
        if (types.contains("boolean")) {
            return JSON.booleanNode(true);
        }
        if (schema.has("enum")) {
            for (JsonNode value : schema.get("enum")) {
                if (!value.isNull()) {
                    return value;
                }
            }
        }
        if ("base64".equals(schema.path("contentEncoding").asText())) {
            return JSON.textNode("AAEC");
        }
        String pattern = schema.path("pattern").asText("");
        return JSON.textNode(switch (schema.path("format").asText("")) {
            case "date-time" -> "2026-01-01T00:00:00Z";
            case "date" -> "2026-01-01";
            case "uuid" -> "00000000-0000-4000-8000-000000000001";
            default -> pattern.equals(TypeModel.DECIMAL_PATTERN) ? "1.00"
                    : pattern.equals(TypeModel.TIME_PATTERN) ? "12:00"
                    : pattern.equals(TypeModel.TIMESTAMP_PATTERN) ? "2026-01-01T12:00"
                    : pattern.equals(TypeModel.INTERVAL_PATTERN) ? "PT1H" : "example";
        });
    }
}
