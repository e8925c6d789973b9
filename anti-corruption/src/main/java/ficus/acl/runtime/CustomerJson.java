package ficus.acl.runtime;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.customer.CustomerAddress;
import ficus.acl.customer.CustomerAggregate;
import ficus.acl.customer.CustomerEvent;
import ficus.acl.customer.CustomerEvent.CustomerClosed;
import ficus.acl.customer.CustomerEvent.CustomerDetailsChanged;
import ficus.acl.customer.CustomerEvent.CustomerRegistered;
import ficus.acl.customer.CustomerEvent.CustomerRemoved;
import ficus.acl.customer.CustomerEvent.CustomerStatusChanged;
import ficus.acl.customer.CustomerEventType;
import ficus.acl.customer.CustomerField;
import ficus.acl.customer.CustomerSnapshot;
import ficus.acl.customer.CustomerState;
import ficus.acl.customer.CustomerStatus;
import ficus.acl.translation.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/**
 * The JSON of the {@code crm.customer.v1} contract (event values) and of the layer's own snapshot store. Written with
 * Jackson's tree model so the field names and shapes are exactly the contract's, independent of record accessors.
 */
final class CustomerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CustomerJson() {
    }

    /**
     * The event value: {@code customerId, type, state, changed[, previousStatus]}. Written with a streaming generator
     * (no tree), the same bytes as the tree model gives for the same fields in the same order.
     */
    static byte[] writeEvent(CustomerEvent event) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(512);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(buffer, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("customerId", event.customerId());
            json.writeStringField("type", event.type().eventName());
            if (event.state() == null) {
                json.writeNullField("state");
            } else {
                json.writeFieldName("state");
                writeState(json, event.state());
            }
            json.writeArrayFieldStart("changed");
            for (CustomerField field : event.changed()) {
                json.writeString(field.jsonName());
            }
            json.writeEndArray();
            switch (event) {
                case CustomerStatusChanged e -> json.writeStringField("previousStatus", e.previousStatus().name());
                case CustomerClosed e -> json.writeStringField("previousStatus", e.previousStatus().name());
                case CustomerRegistered e -> { }
                case CustomerDetailsChanged e -> { }
                case CustomerRemoved e -> { }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void writeState(JsonGenerator json, CustomerState state) throws IOException {
        json.writeStartObject();
        json.writeNumberField("customerId", state.customerId());
        json.writeStringField("name", state.name());
        json.writeStringField("email", state.email());
        json.writeStringField("status", state.status().name());
        json.writeStringField("registeredAt", IsoInstant.format(state.registeredAt()));
        CustomerAddress address = state.address();
        if (address == null) {
            json.writeNullField("address");
        } else {
            json.writeObjectFieldStart("address");
            json.writeStringField("line1", address.line1());
            json.writeStringField("city", address.city());
            json.writeStringField("zip", address.zip());
            json.writeStringField("country", address.country());
            json.writeEndObject();
        }
        if (state.openLeads() == null) {
            json.writeNullField("openLeads");
        } else {
            json.writeNumberField("openLeads", state.openLeads().intValue());
        }
        json.writeEndObject();
    }

    /** Reads an event value back; id, position and time come from the CloudEvents headers. */
    static CustomerEvent readEvent(byte[] value, UUID eventId, SourcePosition position, Instant commitTime) {
        JsonNode root = tree(value);
        long customerId = root.path("customerId").asLong();
        CustomerEventType type = CustomerEventType.forEventName(root.path("type").asText());
        CustomerState state = root.path("state").isObject() ? readState(root.get("state")) : null;
        List<CustomerField> changed = new ArrayList<>();
        root.path("changed").forEach(field -> changed.add(CustomerField.forJsonName(field.asText())));
        return switch (type) {
            case REGISTERED -> new CustomerRegistered(eventId, customerId, position, commitTime, state, changed);
            case STATUS_CHANGED -> new CustomerStatusChanged(eventId, customerId, position, commitTime, state, changed,
                    CustomerStatus.valueOf(root.path("previousStatus").asText()));
            case CLOSED -> new CustomerClosed(eventId, customerId, position, commitTime, state, changed,
                    CustomerStatus.valueOf(root.path("previousStatus").asText()));
            case DETAILS_CHANGED -> new CustomerDetailsChanged(eventId, customerId, position, commitTime, state,
                    changed);
            case REMOVED -> new CustomerRemoved(eventId, customerId, position, commitTime);
        };
    }

    static byte[] writeSnapshot(CustomerSnapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("customerId", snapshot.customerId());
        if (snapshot.state() == null) {
            root.putNull("state");
        } else {
            writeState(root.putObject("state"), snapshot.state());
        }
        root.put("position", snapshot.position().format());
        root.put("removed", snapshot.removed());
        root.put("lastEventId", snapshot.lastEventId());
        return bytes(root);
    }

    static CustomerSnapshot readSnapshot(byte[] value) {
        JsonNode root = tree(value);
        return new CustomerSnapshot(root.path("customerId").asLong(),
                root.path("state").isObject() ? readState(root.get("state")) : null,
                SourcePosition.parse(root.path("position").asText()), root.path("removed").asBoolean(),
                root.path("lastEventId").asText());
    }

    private static void writeState(ObjectNode node, CustomerState state) {
        node.put("customerId", state.customerId());
        node.put("name", state.name());
        node.put("email", state.email());
        node.put("status", state.status().name());
        node.put("registeredAt", state.registeredAt().toString());
        CustomerAddress address = state.address();
        if (address == null) {
            node.putNull("address");
        } else {
            node.putObject("address").put("line1", address.line1()).put("city", address.city())
                    .put("zip", address.zip()).put("country", address.country());
        }
        if (state.openLeads() == null) {
            node.putNull("openLeads");
        } else {
            node.put("openLeads", state.openLeads().intValue());
        }
    }

    private static CustomerState readState(JsonNode node) {
        JsonNode email = node.path("email");
        JsonNode address = node.path("address");
        return new CustomerState(node.path("customerId").asLong(), node.path("name").asText(),
                email.isTextual() ? email.textValue() : null, CustomerStatus.valueOf(node.path("status").asText()),
                Instant.parse(node.path("registeredAt").asText()),
                address.isObject() ? new CustomerAddress(address.path("line1").asText(), address.path("city").asText(),
                        address.path("zip").asText(), address.path("country").asText()) : null,
                node.path("openLeads").isInt() ? node.get("openLeads").intValue() : null);
    }

    static byte[] writeAggregate(CustomerAggregate aggregate) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("customerId", aggregate.customerId());
        if (aggregate.root() == null) {
            root.putNull("root");
        } else {
            writeState(root.putObject("root"), aggregate.root());
        }
        root.put("rootPosition", aggregate.rootPosition() == null ? null : aggregate.rootPosition().format());
        ObjectNode parts = root.putObject("parts");
        aggregate.parts().forEach((name, rows) -> {
            ObjectNode part = parts.putObject(name);
            rows.forEach((key, row) -> {
                ObjectNode r = part.putObject(Long.toString(key));
                r.put("position", row.position().format());
                if (row.values() == null) {
                    r.putNull("values");
                } else {
                    ObjectNode values = r.putObject("values");
                    row.values().forEach(values::put);
                }
            });
        });
        if (aggregate.published() == null) {
            root.putNull("published");
        } else {
            root.set("published", tree(writeSnapshot(aggregate.published())));
        }
        return bytes(root);
    }

    static CustomerAggregate readAggregate(byte[] value) {
        JsonNode root = tree(value);
        Map<String, Map<Long, CustomerAggregate.PartRow>> parts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> part : root.path("parts").properties()) {
            Map<Long, CustomerAggregate.PartRow> rows = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> row : part.getValue().properties()) {
                Map<String, String> values = null;
                if (row.getValue().path("values").isObject()) {
                    values = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> v : row.getValue().get("values").properties()) {
                        values.put(v.getKey(), v.getValue().isNull() ? null : v.getValue().asText());
                    }
                }
                rows.put(Long.parseLong(row.getKey()), new CustomerAggregate.PartRow(values,
                        SourcePosition.parse(row.getValue().path("position").asText())));
            }
            parts.put(part.getKey(), rows);
        }
        JsonNode rootPosition = root.path("rootPosition");
        return new CustomerAggregate(root.path("customerId").asLong(),
                root.path("root").isObject() ? readState(root.get("root")) : null,
                rootPosition.isTextual() ? SourcePosition.parse(rootPosition.asText()) : null, parts,
                root.path("published").isObject() ? readSnapshot(bytes(root.get("published"))) : null);
    }

    private static JsonNode tree(byte[] value) {
        try {
            return MAPPER.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
