package ficus.contracts.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.FieldType;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON Schema of one field value, exactly as the runtime's {@code JsonSupport} writes it for the field's
 * {@link FieldType}: text, whole numbers and booleans as themselves; decimals as strings (plain, scale kept); doubles as
 * numbers, or the strings {@code NaN} / {@code Infinity} / {@code -Infinity} JSON has no number for; dates, times and
 * local date-times as ISO-8601 text; instants as ISO-8601 UTC (fraction in groups of three digits); intervals as
 * ISO-8601 durations; uuids as text; JSON documents as JSON; bytes as base64; a PostgreSQL array as an array whose
 * elements may be null. A field the spec does not declare {@code required} is nullable.
 */
public final class FieldSchemas {

    /** {@code BigDecimal.toPlainString()}. */
    public static final String DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";
    /** {@code Double.toString} of the values JSON has no number for. */
    public static final String NON_FINITE_PATTERN = "^(NaN|-?Infinity)$";
    private static final String YEAR = "(?:[0-9]{4}|[+-][0-9]{4,})";
    private static final String DATE = YEAR + "-[0-9]{2}-[0-9]{2}";
    /** {@code LocalTime.toString()}: seconds and fraction only when not zero. */
    private static final String TIME = "[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.(?:[0-9]{3}){1,3})?)?";
    public static final String DATE_PATTERN = "^" + DATE + "$";
    public static final String TIME_PATTERN = "^" + TIME + "$";
    public static final String TIMESTAMP_PATTERN = "^" + DATE + "T" + TIME + "$";
    /** The runtime's ISO instant: UTC, seconds always, fraction in groups of three digits when not zero. */
    public static final String INSTANT_PATTERN = "^" + DATE
            + "T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.(?:[0-9]{3}){1,3})?Z$";
    /** ISO-8601 durations as PostgreSQL's and Java's: {@code P1Y2M3DT4H5M6.5S}, {@code PT-1H}, {@code -P1D}. */
    public static final String INTERVAL_PATTERN = "^-?P(?:-?[0-9]+(?:[.,][0-9]+)?[YMWD])*"
            + "(?:T(?:-?[0-9]+(?:[.,][0-9]+)?[HMS])+)?$";
    public static final String UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    public static final String BASE64_PATTERN = "^[A-Za-z0-9+/]*={0,2}$";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FieldSchemas() {
    }

    /**
     * The schema of a field's value: its type (or an array of it), nullable unless the field is required.
     *
     * @param converters converter → type it produces, for {@link FieldType#CUSTOM} fields
     */
    public static ObjectNode field(FieldSpec field, Map<String, FieldType> converters) {
        ObjectNode schema = field.array() ? array(field, converters) : scalar(field, converters);
        return field.required() ? schema : nullable(schema);
    }

    /** The schema of a field's value when it can never be null (a key field). */
    public static ObjectNode nonNull(FieldSpec field, Map<String, FieldType> converters) {
        return field.array() ? array(field, converters) : scalar(field, converters);
    }

    private static ObjectNode array(FieldSpec field, Map<String, FieldType> converters) {
        ObjectNode schema = JSON.objectNode().put("type", "array");
        // a PostgreSQL array may hold NULL elements; the order is kept
        schema.set("items", nullable(scalar(field, converters)));
        return schema;
    }

    /** One value of the field's type, never null. */
    static ObjectNode scalar(FieldSpec field, Map<String, FieldType> converters) {
        if (field.type() == FieldType.CUSTOM) {
            FieldType produced = converters.get(field.converter());
            if (produced == null) {
                return JSON.objectNode().put("description", "Converted by the translation's extension ('"
                        + field.converter() + "'): any JSON value (declare the converter's type for a typed "
                        + "contract).");
            }
            return type(produced, null);
        }
        return type(field.type(), field);
    }

    /** The schema of {@code type}; {@code field} (may be null) adds what it declares: an enum's values. */
    static ObjectNode type(FieldType type, FieldSpec field) {
        return switch (type) {
            case STRING, ENUM -> {
                ObjectNode schema = JSON.objectNode().put("type", "string");
                List<String> values = values(field);
                if (!values.isEmpty()) {
                    ArrayNode allowed = schema.putArray("enum");
                    values.forEach(allowed::add);
                } else if (field != null && field.codeTable() != null) {
                    schema.put("description", "A value of code table " + field.codeTable().table() + ".");
                }
                yield schema;
            }
            case LONG -> JSON.objectNode().put("type", "integer");
            case DECIMAL -> JSON.objectNode().put("type", "string").put("pattern", DECIMAL_PATTERN)
                    .put("description", "An exact decimal as text, scale kept.");
            case DOUBLE -> {
                ObjectNode schema = JSON.objectNode();
                schema.putArray("type").add("number").add("string");
                yield schema.put("pattern", NON_FINITE_PATTERN)
                        .put("description", "A number; NaN and infinities, which JSON numbers cannot hold, as text.");
            }
            case BOOLEAN -> JSON.objectNode().put("type", "boolean");
            case DATE -> JSON.objectNode().put("type", "string").put("format", "date").put("pattern", DATE_PATTERN);
            case TIME -> JSON.objectNode().put("type", "string").put("pattern", TIME_PATTERN)
                    .put("description", "A time of day without zone, ISO-8601 (HH:mm[:ss[.fraction]]).");
            case TIMESTAMP -> JSON.objectNode().put("type", "string").put("pattern", TIMESTAMP_PATTERN)
                    .put("description", "A date-time without zone, ISO-8601 (yyyy-MM-ddTHH:mm[:ss[.fraction]]).");
            case INSTANT -> JSON.objectNode().put("type", "string").put("format", "date-time")
                    .put("pattern", INSTANT_PATTERN);
            case INTERVAL -> JSON.objectNode().put("type", "string").put("pattern", INTERVAL_PATTERN)
                    .put("description", "A duration, ISO-8601.");
            case UUID -> JSON.objectNode().put("type", "string").put("format", "uuid").put("pattern", UUID_PATTERN);
            case JSON -> JSON.objectNode().put("description", "A JSON document, as JSON.");
            case BYTES -> JSON.objectNode().put("type", "string").put("contentEncoding", "base64")
                    .put("pattern", BASE64_PATTERN);
            case CUSTOM -> throw new IllegalArgumentException("a custom field's type is its converter's");
        };
    }

    /** The values a string or enum field may hold, when the spec lists them (codes' values, or {@code values:}). */
    static List<String> values(FieldSpec field) {
        if (field == null) {
            return List.of();
        }
        if (!field.codes().isEmpty()) {
            return List.copyOf(new TreeSet<>(field.codes().values())); // the spec's map keeps no order: sorted
        }
        return field.type() == FieldType.ENUM ? field.allowed() : List.of();
    }

    /** {@code schema} admitting {@code null} too. */
    public static ObjectNode nullable(ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        if (!copy.has("type")) {
            return copy; // any JSON value: null included
        }
        ArrayNode types = JSON.arrayNode();
        if (copy.get("type").isArray()) {
            copy.get("type").forEach(t -> types.add(t.asText()));
        } else {
            types.add(copy.get("type").asText());
        }
        types.add("null");
        copy.set("type", types);
        if (copy.has("enum")) {
            ((ArrayNode) copy.get("enum")).addNull();
        }
        return copy;
    }
}
