package ficus.contracts.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Test helper: validates JSON against a generated schema (draft 2020-12, formats asserted) and finds undeclared fields. */
final class WireConformance {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));

    private WireConformance() {
    }

    /** Validation errors of {@code instance} against {@code schema}, as text; empty when valid. */
    static List<String> errors(JsonNode schema, JsonNode instance) {
        Schema compiled = REGISTRY.getSchema(schema);
        return compiled.validate(instance).stream().map(Object::toString).toList();
    }

    /**
     * Fields of {@code instance} the schema does not declare (the published schemas stay open for compatible
     * additions, so the validator alone would not notice the runtime writing a field the contract lacks).
     */
    static List<String> undeclared(JsonNode schema, JsonNode instance) {
        List<String> undeclared = new ArrayList<>();
        walk("", schema, instance, undeclared);
        return undeclared;
    }

    private static void walk(String path, JsonNode schema, JsonNode instance, List<String> undeclared) {
        if (instance.isObject() && schema.has("properties")) {
            JsonNode properties = schema.get("properties");
            for (Iterator<String> names = instance.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!properties.has(name)) {
                    undeclared.add(path + "/" + name);
                } else {
                    walk(path + "/" + name, properties.get(name), instance.get(name), undeclared);
                }
            }
        } else if (instance.isArray() && schema.has("items")) {
            for (JsonNode element : instance) {
                walk(path + "[]", schema.get("items"), element, undeclared);
            }
        }
        // a schema that declares no properties or items (a JSON document field: any value) has nothing undeclared
    }
}
