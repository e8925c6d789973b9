package ficus.contracts.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.spec.EventRule;
import ficus.acl.spec.EventRule.Trigger;
import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.PartSpec;
import ficus.acl.spec.TranslationSpec;
import ficus.contracts.ContractOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON Schema (draft 2020-12) of the value of each event type a translation spec's rules name, describing what the
 * runtime's {@code EventJson} writes:
 * <ul>
 *   <li>the key fields (never null), then {@code type} (the event type, a {@code const});</li>
 *   <li>{@code state}: the root fields in spec order, then the parts — {@code one} and {@code reference} as an object of
 *       the part's fields or {@code null}, {@code list} as an array of such objects, {@code count} as a non-negative
 *       integer, {@code exists} as a boolean; {@code null} for an event type only a {@code removed} rule names;</li>
 *   <li>{@code changed}: the names of the fields and parts that changed (empty for a removal);</li>
 *   <li>{@code previous<Field>} for each field a {@code changed} rule of the type lists under {@code previous:}.</li>
 * </ul>
 * A field is required when the spec declares it {@code required} (the key always); the others are nullable and
 * optional. Parts are never required, so that adding a part to a spec stays a compatible change. Id, source, subject,
 * time and position are CloudEvents headers, not part of the value. Only keywords that JSON Schema draft-07 (AsyncAPI's
 * schema format) and 2020-12 share are used, so the same files serve as AsyncAPI payloads.
 */
public final class EventSchemaGenerator {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TranslationSpec spec;
    private final Map<String, FieldType> converters;

    public EventSchemaGenerator(TranslationSpec spec, ContractOptions options) {
        this.spec = spec;
        this.converters = options.converters();
    }

    /** One schema per event type, by name, in the order the rules first name them. */
    public Map<String, ObjectNode> schemas() {
        Map<String, ObjectNode> schemas = new LinkedHashMap<>();
        for (String type : spec.eventTypes()) {
            schemas.put(type, eventSchema(type));
        }
        return schemas;
    }

    /** The rules that publish events of {@code type}. */
    public List<EventRule> rules(String type) {
        return spec.events().stream().filter(rule -> rule.type().equals(type)).toList();
    }

    private ObjectNode eventSchema(String type) {
        List<EventRule> rules = rules(type);
        Set<Trigger> triggers = new LinkedHashSet<>();
        rules.forEach(rule -> triggers.add(rule.on()));
        boolean removal = triggers.contains(Trigger.REMOVED);
        boolean onlyRemoval = triggers.size() == 1 && removal;

        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("title", spec.domainTopic() + " " + type);
        schema.put("description", "Value (JSON) of a " + type + " event. Id, source, subject, position and time are "
                + "CloudEvents headers, not part of the value.");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();

        for (FieldSpec key : spec.keyFields()) {
            properties.set(key.field(), FieldSchemas.nonNull(key, converters));
            required.add(key.field());
        }
        properties.putObject("type").put("const", type)
                .put("description", "The event type; the CloudEvents ce_type header carries it too.");
        required.add("type");

        if (onlyRemoval) {
            properties.putObject("state").put("type", "null")
                    .put("description", "Null: the " + spec.aggregate() + " was removed.");
        } else {
            ObjectNode state = state();
            properties.set("state", removal ? FieldSchemas.nullable(state) : state);
        }
        required.add("state");

        if (onlyRemoval) {
            properties.putObject("changed").put("type", "array").put("maxItems", 0);
        } else {
            ObjectNode changed = properties.putObject("changed").put("type", "array")
                    .put("description", "The fields and parts that changed, in state order (all of them on first "
                            + "sight; none on a re-statement of an unchanged " + spec.aggregate() + ").");
            ArrayNode names = changed.putObject("items").put("type", "string").putArray("enum");
            spec.root().fields().forEach(f -> names.add(f.field()));
            spec.parts().forEach(p -> names.add(p.name()));
        }
        required.add("changed");

        for (Map.Entry<String, Boolean> previous : previous(rules).entrySet()) {
            FieldSpec field = spec.root().field(previous.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    spec.location() + ": event " + type + " asks for the previous value of " + previous.getKey()
                            + ", not a root field"));
            String name = EventRule.previousName(field.field());
            properties.set(name, FieldSchemas.field(field, converters)
                    .put("description", "The value of " + field.field() + " before the change."));
            if (previous.getValue()) {
                required.add(name);
            }
        }
        schema.set("required", required);
        return schema;
    }

    /**
     * The root fields whose previous value events of these rules carry → whether every such event carries it: only a
     * {@code changed} rule carries previous values (first sight and removal have none before).
     */
    private static Map<String, Boolean> previous(List<EventRule> rules) {
        Map<String, Boolean> previous = new LinkedHashMap<>();
        for (EventRule rule : rules) {
            if (rule.on() == Trigger.CHANGED) {
                rule.previous().forEach(field -> previous.putIfAbsent(field, true));
            }
        }
        for (EventRule rule : rules) {
            for (String field : new ArrayList<>(previous.keySet())) {
                if (rule.on() != Trigger.CHANGED || !rule.previous().contains(field)) {
                    previous.put(field, false);
                }
            }
        }
        return previous;
    }

    private ObjectNode state() {
        ObjectNode state = JSON.objectNode().put("type", "object");
        ObjectNode properties = state.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        List<String> key = spec.keyFields().stream().map(FieldSpec::field).toList();
        for (FieldSpec field : spec.root().fields()) {
            boolean isKey = key.contains(field.field());
            properties.set(field.field(), isKey ? FieldSchemas.nonNull(field, converters)
                    : FieldSchemas.field(field, converters));
            if (isKey || field.required()) {
                required.add(field.field());
            }
        }
        for (PartSpec part : spec.parts()) {
            properties.set(part.name(), part(part));
        }
        state.set("required", required);
        return state;
    }

    private ObjectNode part(PartSpec part) {
        return switch (part.collect()) {
            case ONE, REFERENCE -> FieldSchemas.nullable(row(part));
            case LIST -> {
                ObjectNode list = JSON.objectNode().put("type", "array");
                list.set("items", row(part));
                yield list.put("description", part.orderBy().isEmpty()
                        ? "The rows of " + part.rows().table() + ", ordered by their key."
                        : "The rows of " + part.rows().table() + ", ordered by " + String.join(", ", part.orderBy())
                                + ", then by their key.");
            }
            case COUNT -> JSON.objectNode().put("type", "integer").put("minimum", 0);
            case EXISTS -> JSON.objectNode().put("type", "boolean");
        };
    }

    private ObjectNode row(PartSpec part) {
        ObjectNode row = JSON.objectNode().put("type", "object");
        ObjectNode properties = row.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (FieldSpec field : part.rows().fields()) {
            properties.set(field.field(), FieldSchemas.field(field, converters));
            if (field.required()) {
                required.add(field.field());
            }
        }
        row.set("required", required);
        return row;
    }
}
