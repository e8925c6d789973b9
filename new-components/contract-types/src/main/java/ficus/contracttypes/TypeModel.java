package ficus.contracttypes;

import com.fasterxml.jackson.databind.JsonNode;
import ficus.core.FicusException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java types a contract's payload schemas describe, read the one way the layer writes values (the contract's
 * encodings, see the module's README): integers → {@code long}, booleans, numbers-or-NaN-text → {@code double},
 * decimals as text → {@code BigDecimal}, {@code date-time} → {@code Instant}, {@code date} → {@code LocalDate}, times
 * and zone-less date-times (by their pattern) → {@code LocalTime} / {@code LocalDateTime}, ISO durations → the
 * generated {@code Interval}, {@code uuid} → {@code UUID}, base64 → {@code byte[]}, a schema without type → JSON
 * ({@code JsonNode}), string enums → Java enums, objects → records, arrays → {@code List}. A property that is not
 * required, or admits {@code null}, is nullable (a reference type). A string schema with a pattern the generator does
 * not know fails the generation: guessing {@code String} would hide a type change.
 */
final class TypeModel {

    static final String DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";
    static final String NON_FINITE_PATTERN = "^(NaN|-?Infinity)$";
    private static final String YEAR = "(?:[0-9]{4}|[+-][0-9]{4,})";
    private static final String DATE = YEAR + "-[0-9]{2}-[0-9]{2}";
    private static final String TIME = "[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.(?:[0-9]{3}){1,3})?)?";
    static final String TIME_PATTERN = "^" + TIME + "$";
    static final String TIMESTAMP_PATTERN = "^" + DATE + "T" + TIME + "$";
    static final String INTERVAL_PATTERN = "^-?P(?:-?[0-9]+(?:[.,][0-9]+)?[YMWD])*"
            + "(?:T(?:-?[0-9]+(?:[.,][0-9]+)?[HMS])+)?$";

    /** A value's Java type. */
    sealed interface JType permits Scalar, EnumType, RecordType, ListType {
    }

    enum Kind {
        LONG("long", "Long"), BOOLEAN("boolean", "Boolean"), DOUBLE("double", "Double"), STRING("String", "String"),
        DECIMAL("BigDecimal", "BigDecimal"), INSTANT("Instant", "Instant"), DATE("LocalDate", "LocalDate"),
        TIME("LocalTime", "LocalTime"), TIMESTAMP("LocalDateTime", "LocalDateTime"), INTERVAL("Interval", "Interval"),
        UUID("UUID", "UUID"), BYTES("byte[]", "byte[]"), JSON("JsonNode", "JsonNode");

        final String primitive;
        final String boxed;

        Kind(String primitive, String boxed) {
            this.primitive = primitive;
            this.boxed = boxed;
        }
    }

    record Scalar(Kind kind) implements JType {
    }

    /** A string enum: {@code values} as on the wire, constants in upper snake case. */
    record EnumType(String name, List<String> values) implements JType {
    }

    record RecordType(String name, List<Field> fields) implements JType {
    }

    record ListType(JType item, boolean itemsNullable) implements JType {
    }

    /** A record component. */
    record Field(String jsonName, String javaName, JType type, boolean nullable, String description) {
    }

    /** One event type: its record's components. */
    record Event(String name, String ceType, List<Field> fields) {
        boolean carries(String jsonName) {
            return fields.stream().anyMatch(f -> f.jsonName().equals(jsonName));
        }
    }

    final PublishedContract contract;
    final String interfaceName;
    final List<Event> events = new ArrayList<>();
    final Map<String, RecordType> records = new LinkedHashMap<>();
    final Map<String, EnumType> enums = new LinkedHashMap<>();
    /** Components every event type has, with the same type: declared on the sealed interface. */
    final List<Field> common = new ArrayList<>();

    TypeModel(PublishedContract contract) {
        this.contract = contract;
        this.interfaceName = capitalized(javaIdentifier(contract.aggregate())) + "Event";
        Set<String> names = new HashSet<>();
        for (PublishedContract.Message message : contract.messages()) {
            if (!names.add(message.name()) || message.name().equals(interfaceName)) {
                throw bad(message.name(), "the event type's name is used twice");
            }
        }
        for (PublishedContract.Message message : contract.messages()) {
            events.add(new Event(message.name(), message.ceType(),
                    fields(message.payload(), message.name(), "$")));
        }
        for (Field field : events.get(0).fields()) {
            if (events.stream().allMatch(e -> e.fields().contains(field))) {
                common.add(field);
            }
        }
        for (String record : records.keySet()) {
            if (names.contains(record) || record.equals(interfaceName) || enums.containsKey(record)) {
                throw bad(record, "a part or state record would have the name of an event type or enum");
            }
        }
    }

    boolean uses(Kind kind) {
        return events.stream().anyMatch(e -> uses(e.fields(), kind))
                || records.values().stream().anyMatch(r -> uses(r.fields(), kind));
    }

    boolean usesLists() {
        return events.stream().anyMatch(e -> e.fields().stream().anyMatch(f -> f.type() instanceof ListType))
                || records.values().stream().anyMatch(r -> r.fields().stream()
                        .anyMatch(f -> f.type() instanceof ListType));
    }

    private static boolean uses(List<Field> fields, Kind kind) {
        for (Field f : fields) {
            JType t = f.type();
            while (t instanceof ListType l) {
                t = l.item();
            }
            if (t instanceof Scalar s && s.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    private List<Field> fields(JsonNode object, String owner, String path) {
        Set<String> required = new HashSet<>();
        object.path("required").forEach(r -> required.add(r.asText()));
        List<Field> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            JsonNode schema = property.getValue();
            if (schema.has("const") || onlyNull(schema) || schema.path("maxItems").asInt(-1) == 0) {
                // the event type's discriminator (the record's class says it), a removal's null state, an always
                // empty list: nothing to carry
                continue;
            }
            String where = path + "." + name;
            JType type = type(schema, name, owner, where, false);
            boolean nullable = !required.contains(name) || admitsNull(schema);
            fields.add(new Field(name, javaIdentifier(name), type, nullable, schema.path("description").asText(null)));
        }
        return fields;
    }

    private JType type(JsonNode schema, String name, String owner, String path, boolean item) {
        Set<String> types = new HashSet<>();
        JsonNode type = schema.get("type");
        if (type == null) {
            return new Scalar(Kind.JSON);
        }
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        types.remove("null");
        if (types.equals(Set.of("number", "string")) && NON_FINITE_PATTERN.equals(schema.path("pattern").asText())
                || types.equals(Set.of("number"))) {
            return new Scalar(Kind.DOUBLE);
        }
        if (types.size() != 1) {
            throw bad(path, "a value of several JSON types " + types + " has no Java type");
        }
        return switch (types.iterator().next()) {
            case "integer" -> new Scalar(Kind.LONG);
            case "boolean" -> new Scalar(Kind.BOOLEAN);
            case "string" -> string(schema, name, owner, path, item);
            case "array" -> {
                JsonNode items = schema.get("items");
                if (items == null || !items.isObject()) {
                    throw bad(path, "an array without an 'items' schema");
                }
                yield new ListType(type(items, name, owner, path + "[]", true), admitsNull(items));
            }
            case "object" -> record(schema, item ? singular(name) : capitalized(javaIdentifier(name)), path);
            default -> throw bad(path, "JSON type '" + types.iterator().next() + "' has no Java type");
        };
    }

    private JType string(JsonNode schema, String name, String owner, String path, boolean item) {
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> {
                if (!v.isNull()) {
                    values.add(v.asText());
                }
            });
            return enumType(item ? singular(name) : capitalized(javaIdentifier(name)), owner, values, path);
        }
        String format = schema.path("format").asText("");
        String pattern = schema.path("pattern").asText("");
        if ("base64".equals(schema.path("contentEncoding").asText())) {
            return new Scalar(Kind.BYTES);
        }
        switch (format) {
            case "date-time" -> {
                return new Scalar(Kind.INSTANT);
            }
            case "date" -> {
                return new Scalar(Kind.DATE);
            }
            case "uuid" -> {
                return new Scalar(Kind.UUID);
            }
            default -> {
            }
        }
        if (pattern.isEmpty()) {
            return new Scalar(Kind.STRING);
        }
        if (pattern.equals(DECIMAL_PATTERN)) {
            return new Scalar(Kind.DECIMAL);
        }
        if (pattern.equals(TIME_PATTERN)) {
            return new Scalar(Kind.TIME);
        }
        if (pattern.equals(TIMESTAMP_PATTERN)) {
            return new Scalar(Kind.TIMESTAMP);
        }
        if (pattern.equals(INTERVAL_PATTERN)) {
            return new Scalar(Kind.INTERVAL);
        }
        throw bad(path, "a string with pattern " + pattern + " is no encoding the generator knows (decimal, time, "
                + "timestamp, interval); a newer contract format needs a newer ficus-contract-types");
    }

    private EnumType enumType(String name, String owner, List<String> values, String path) {
        for (EnumType known : enums.values()) {
            if (known.values().equals(values)) {
                return known; // status and previousStatus share one enum
            }
        }
        String chosen = enums.containsKey(name) ? capitalized(owner) + name : name;
        if (enums.containsKey(chosen)) {
            throw bad(path, "two different enums would both be named " + chosen);
        }
        Set<String> constants = new HashSet<>();
        for (String value : values) {
            if (!constants.add(constant(value))) {
                throw bad(path, "enum values " + values + " map to the same Java constant " + constant(value));
            }
        }
        EnumType type = new EnumType(chosen, List.copyOf(values));
        enums.put(chosen, type);
        return type;
    }

    private RecordType record(JsonNode schema, String name, String path) {
        RecordType type = new RecordType(name, fields(schema, name, path));
        RecordType known = records.get(name);
        if (known != null && !known.equals(type)) {
            throw bad(path, "the object schema of " + name + " differs from another one of the same name");
        }
        records.put(name, type);
        return type;
    }

    private static boolean onlyNull(JsonNode schema) {
        return "null".equals(schema.path("type").asText(null));
    }

    private static boolean admitsNull(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return true;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "null".equals(type.asText());
    }

    private FicusException.BadInput bad(String where, String problem) {
        return new FicusException.BadInput(contract.asyncApi() + ": " + where + ": " + problem);
    }

    /** {@code customerId} → {@code CUSTOMER_ID}; {@code in-progress} → {@code IN_PROGRESS}. */
    static String constant(String value) {
        String snake = value.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_")
                .replaceAll("^_+|_+$", "").toUpperCase(java.util.Locale.ROOT);
        return snake.isEmpty() || Character.isDigit(snake.charAt(0)) ? "V_" + snake : snake;
    }

    static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** {@code lines} → {@code Line}, {@code entries} → {@code Entry}, {@code changed} → {@code Changed}. */
    static String singular(String name) {
        String capital = capitalized(javaIdentifier(name));
        if (capital.endsWith("ies") && capital.length() > 3) {
            return capital.substring(0, capital.length() - 3) + "y";
        }
        if (capital.endsWith("s") && !capital.endsWith("ss") && capital.length() > 1) {
            return capital.substring(0, capital.length() - 1);
        }
        return capital;
    }

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits",
            "_");

    /** A JSON name as a Java identifier: other characters dropped, a keyword suffixed with {@code _}. */
    static String javaIdentifier(String name) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (Character.isJavaIdentifierPart(c) && c != '$') {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = b.length() > 0;
            }
        }
        String id = b.isEmpty() || !Character.isJavaIdentifierStart(b.charAt(0)) ? "_" + b : b.toString();
        return KEYWORDS.contains(id) ? id + "_" : id;
    }
}
