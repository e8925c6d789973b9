package ficus.migration.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.acl.aggregate.FieldValues;
import ficus.acl.spec.FieldType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The text both sides of a reconciliation are compared by, per type: a legacy value as the translation made it, a
 * component value as JDBC read it and converted to the same type. Decimals by value ({@code 12.50} = {@code 12.5}),
 * instants as UTC instants, JSON as a document (keys sorted, numbers by value), parts as the event contract writes
 * them (a part row as an object, a list as an array). A component value that cannot be read as the type is its own
 * text with a marker, so it differs (drift), never fails the run.
 */
final class Canonical {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Canonical() {
    }

    /** A legacy value (as the translation typed it) as compared text. */
    static String legacy(Object value, FieldType type, boolean array) {
        if (value == null) {
            return null;
        }
        if (type == FieldType.JSON && !(value instanceof FieldType.JsonText)) {
            return json(node(value)); // a part as a whole
        }
        if (array && value instanceof List<?> items) {
            ArrayNode out = NODES.arrayNode();
            for (Object item : items) {
                out.add(item == null ? null : NODES.textNode(scalar(item, type)));
            }
            return out.toString();
        }
        return scalar(value, type);
    }

    /** A component value (as {@link ficus.migration.legacy.JdbcValues} read it) converted to the type, as text. */
    static String component(Object value, FieldType type, boolean array) {
        if (value == null) {
            return null;
        }
        try {
            if (array) {
                List<?> items = value instanceof List<?> l ? l : jsonArray(value.toString());
                ArrayNode out = NODES.arrayNode();
                for (Object item : items) {
                    out.add(item == null ? null : NODES.textNode(scalar(convert(item, type), type)));
                }
                return out.toString();
            }
            return scalar(convert(value, type), type);
        } catch (RuntimeException e) {
            return "unreadable as " + type.code() + ": " + value;
        }
    }

    private static List<?> jsonArray(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            List<Object> items = new ArrayList<>();
            node.forEach(n -> items.add(n.isNull() ? null : n.isTextual() ? n.textValue() : n.toString()));
            return items;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Converts a JDBC value to the type's Java value. */
    static Object convert(Object value, FieldType type) {
        return switch (type) {
            case LONG -> value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
            case DECIMAL -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString().strip());
            case DOUBLE -> value instanceof Float f ? Double.valueOf(f.toString())
                    : value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
            case BOOLEAN -> value instanceof Boolean b ? b : switch (value.toString().strip().toLowerCase()) {
                case "true", "t" -> Boolean.TRUE;
                case "false", "f" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean");
            };
            case DATE -> value instanceof LocalDate d ? d : LocalDate.parse(value.toString());
            case TIME -> value instanceof LocalTime t ? t : LocalTime.parse(value.toString());
            case TIMESTAMP -> value instanceof LocalDateTime t ? t : LocalDateTime.parse(value.toString());
            case INSTANT -> switch (value) {
                case OffsetDateTime t -> t.toInstant();
                case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
                case Instant i -> i;
                default -> OffsetDateTime.parse(value.toString()).toInstant();
            };
            case INTERVAL -> value instanceof Long micros ? Duration.of(micros, ChronoUnit.MICROS).toString()
                    : value.toString();
            case UUID -> value instanceof UUID u ? u : UUID.fromString(value.toString());
            case BYTES -> value instanceof byte[] b ? new FieldType.Bytes(b) : value;
            case JSON -> new FieldType.JsonText(value.toString());
            default -> value.toString();
        };
    }

    private static String scalar(Object value, FieldType type) {
        return switch (value) {
            case BigDecimal d -> d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            case Instant i -> INSTANT.format(i);
            case FieldType.JsonText j -> json(parse(j.json()));
            case FieldType.Bytes b -> b.base64();
            case byte[] b -> Base64.getEncoder().encodeToString(b);
            default -> value.toString();
        };
    }

    /** A legacy value as the event contract writes it, as a JSON node. */
    static JsonNode node(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case String s -> NODES.textNode(s);
            case Long l -> NODES.numberNode(l);
            case Integer i -> NODES.numberNode(i);
            case Double d -> d.isNaN() || d.isInfinite() ? NODES.textNode(d.toString()) : NODES.numberNode(d);
            case Boolean b -> NODES.booleanNode(b);
            case BigDecimal d -> NODES.textNode(d.toPlainString());
            case Instant i -> NODES.textNode(INSTANT.format(i));
            case FieldType.JsonText j -> parse(j.json());
            case FieldType.Bytes b -> NODES.textNode(b.base64());
            case FieldValues row -> {
                ObjectNode object = NODES.objectNode();
                for (int i = 0; i < row.size(); i++) {
                    object.set(row.names().get(i), node(row.value(i)));
                }
                yield object;
            }
            case List<?> items -> {
                ArrayNode array = NODES.arrayNode();
                items.forEach(item -> array.add(node(item)));
                yield array;
            }
            default -> NODES.textNode(value.toString());
        };
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return NODES.textNode(text);
        }
    }

    /** A JSON document as text with sorted keys and numbers by value: equal documents, equal texts. */
    static String json(JsonNode node) {
        return sorted(node).toString();
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode out = NODES.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? NODES.numberNode(d.toBigIntegerExact()) : NODES.numberNode(d);
        }
        return node;
    }
}
