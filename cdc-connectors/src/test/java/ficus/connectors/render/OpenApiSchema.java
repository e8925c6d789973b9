package ficus.connectors.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A checker for the subset of OpenAPI v3 that Kubernetes structural schemas (CRDs) use: {@code type}, {@code
 * properties}, {@code required}, {@code enum}, {@code minimum}, {@code items} and {@code
 * x-kubernetes-preserve-unknown-fields}. A field the schema does not declare is an error, since the API server would
 * silently prune it. Returns every violation as {@code path: what}.
 */
final class OpenApiSchema {

    private OpenApiSchema() {}

    static List<String> violations(Map<String, Object> schema, Object value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "$", out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> schema, Object value, String path, List<String> out) {
        String type = (String) schema.get("type");
        if (type != null && !hasType(type, value)) {
            out.add(path + ": expected " + type + ", got " + (value == null ? "null" : value.getClass().getSimpleName()));
            return;
        }
        if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
            out.add(path + ": " + value + " is not one of " + allowed);
        }
        if (schema.get("minimum") instanceof Number min && value instanceof Number n
                && n.doubleValue() < min.doubleValue()) {
            out.add(path + ": " + n + " is below the minimum " + min);
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!object.containsKey(required)) {
                    out.add(path + ": missing required field " + required);
                }
            }
            boolean preserveUnknown = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
            for (Map.Entry<?, ?> field : object.entrySet()) {
                Object fieldSchema = properties.get(field.getKey());
                if (fieldSchema instanceof Map<?, ?> s) {
                    check((Map<String, Object>) s, field.getValue(), path + "." + field.getKey(), out);
                } else if (!preserveUnknown && !properties.isEmpty()) {
                    out.add(path + "." + field.getKey() + ": not in the schema (would be pruned)");
                }
            }
        }
        if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                check((Map<String, Object>) items, list.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static boolean hasType(String type, Object value) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> false;
        };
    }
}
