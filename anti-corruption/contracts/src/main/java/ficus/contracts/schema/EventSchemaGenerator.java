package ficus.contracts.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Derives a JSON Schema (draft 2020-12) for each record of a sealed event interface from the records themselves, so
 * the published contract follows the code: a field added to an event or to the state it carries shows up in the
 * schema, a removed or retyped one disappears or changes, and the compatibility check sees it.
 *
 * <p>Rules (they describe what the runtime's {@code CustomerJson} writes; {@code EventSchemaWireTest} checks the two
 * agree on real serialized events):
 * <ul>
 *   <li>property name = record component name; components carried as CloudEvents headers (id, position, time) are
 *       left out of the payload;</li>
 *   <li>{@code type} is the event name (the record's simple name) as a {@code const};</li>
 *   <li>an accessor of the interface that a record does not have as a component is written as its empty value
 *       ({@code null} for an object, {@code []} for a list), e.g. {@code state} and {@code changed} of a removal;</li>
 *   <li>primitives are required; a reference component is required unless the record's constructor accepts
 *       {@code null} for it (probed), in which case it is optional and nullable;</li>
 *   <li>enums are string enums of their constant names, or of their {@code jsonName()} when they declare one;
 *       {@link Instant} is a {@code date-time} string, {@link UUID} a {@code uuid} string, records are objects,
 *       collections are arrays.</li>
 * </ul>
 * Only keywords that JSON Schema draft-07 (AsyncAPI's schema format) and 2020-12 share are used, so the same schema
 * files serve as AsyncAPI payloads.
 */
public final class EventSchemaGenerator {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Set<String> headerComponents;

    /** @param headerComponents record components that travel as headers, not in the JSON value */
    public EventSchemaGenerator(Set<String> headerComponents) {
        this.headerComponents = Set.copyOf(headerComponents);
    }

    /** One schema per permitted record of {@code sealedEvent}, by event name, in declaration order. */
    public Map<String, ObjectNode> schemas(Class<?> sealedEvent, String titlePrefix) {
        if (!sealedEvent.isSealed()) {
            throw new IllegalArgumentException(sealedEvent.getName() + " is not a sealed interface");
        }
        Map<String, ObjectNode> schemas = new LinkedHashMap<>();
        for (Class<?> event : sealedEvent.getPermittedSubclasses()) {
            if (!event.isRecord()) {
                throw new IllegalArgumentException(event.getName() + " is not a record: events are records");
            }
            schemas.put(event.getSimpleName(), eventSchema(sealedEvent, event, titlePrefix));
        }
        return schemas;
    }

    private ObjectNode eventSchema(Class<?> sealedEvent, Class<?> event, String titlePrefix) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("title", titlePrefix + event.getSimpleName());
        schema.put("description", "Value (JSON) of a " + event.getSimpleName() + " event. Id, position and time are "
                + "CloudEvents headers, not part of the value.");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();

        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent component : event.getRecordComponents()) {
            components.put(component.getName(), component);
        }
        Set<String> nullable = nullableComponents(event);

        // the record's components in declaration order (headers left out), "type" right after the first (the id);
        // then the interface's accessors the record lacks, written as empty values
        List<String> names = new ArrayList<>();
        for (RecordComponent component : event.getRecordComponents()) {
            if (!headerComponents.contains(component.getName())) {
                names.add(component.getName());
            }
        }
        for (int i = 0; i < names.size(); i++) {
            add(properties, required, names.get(i), components.get(names.get(i)), nullable);
            if (i == 0) {
                addType(properties, required, event);
            }
        }
        if (names.isEmpty()) {
            addType(properties, required, event);
        }
        List<Method> missing = new ArrayList<>();
        for (Method accessor : sealedEvent.getDeclaredMethods()) {
            if (isAccessor(accessor) && !headerComponents.contains(accessor.getName())
                    && !"type".equals(accessor.getName()) && !components.containsKey(accessor.getName())) {
                missing.add(accessor);
            }
        }
        missing.sort(java.util.Comparator.comparing(Method::getName));
        for (Method accessor : missing) {
            properties.set(accessor.getName(), emptyValueSchema(accessor.getReturnType()));
            required.add(accessor.getName());
        }
        schema.set("required", required);
        return schema;
    }

    private static void addType(ObjectNode properties, ArrayNode required, Class<?> event) {
        properties.putObject("type").put("const", event.getSimpleName())
                .put("description", "The event type; the CloudEvents ce_type header carries it too.");
        required.add("type");
    }

    private void add(ObjectNode properties, ArrayNode required, String name, RecordComponent component,
            Set<String> nullable) {
        ObjectNode property = typeSchema(component.getGenericType(), component.getDeclaringRecord().getName()
                + "." + name);
        if (nullable.contains(name)) {
            allowNull(property);
        } else {
            required.add(name);
        }
        properties.set(name, property);
    }

    private ObjectNode typeSchema(Type type, String where) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw && Collection.class.isAssignableFrom(raw)) {
            ObjectNode array = JSON.objectNode().put("type", "array");
            array.set("items", typeSchema(parameterized.getActualTypeArguments()[0], where + "[]"));
            return array;
        }
        if (!(type instanceof Class<?> cls)) {
            throw new IllegalArgumentException("no JSON Schema mapping for " + type + " (" + where
                    + "): add one to EventSchemaGenerator.typeSchema");
        }
        if (cls == long.class || cls == Long.class || cls == int.class || cls == Integer.class
                || cls == short.class || cls == Short.class) {
            return JSON.objectNode().put("type", "integer");
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return JSON.objectNode().put("type", "boolean");
        }
        if (cls == double.class || cls == Double.class || cls == float.class || cls == Float.class) {
            return JSON.objectNode().put("type", "number");
        }
        if (cls == String.class) {
            return JSON.objectNode().put("type", "string");
        }
        if (cls == BigDecimal.class) {
            return JSON.objectNode().put("type", "string").put("pattern", "^-?[0-9]+(\\.[0-9]+)?$");
        }
        if (cls == Instant.class) {
            return JSON.objectNode().put("type", "string").put("format", "date-time");
        }
        if (cls == LocalDate.class) {
            return JSON.objectNode().put("type", "string").put("format", "date");
        }
        if (cls == UUID.class) {
            return JSON.objectNode().put("type", "string").put("format", "uuid");
        }
        if (cls.isEnum()) {
            ObjectNode node = JSON.objectNode().put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (String value : enumValues(cls)) {
                values.add(value);
            }
            return node;
        }
        if (cls.isRecord()) {
            return recordSchema(cls, where);
        }
        throw new IllegalArgumentException("no JSON Schema mapping for " + cls.getName() + " (" + where
                + "): add one to EventSchemaGenerator.typeSchema");
    }

    private ObjectNode recordSchema(Class<?> record, String where) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        Set<String> nullable = nullableComponents(record);
        for (RecordComponent component : record.getRecordComponents()) {
            add(properties, required, component.getName(), component, nullable);
        }
        schema.set("required", required);
        return schema;
    }

    private static ObjectNode emptyValueSchema(Class<?> type) {
        if (Collection.class.isAssignableFrom(type)) {
            return JSON.objectNode().put("type", "array").put("maxItems", 0);
        }
        return JSON.objectNode().put("type", "null");
    }

    private static void allowNull(ObjectNode property) {
        String type = property.path("type").asText();
        ArrayNode types = JSON.arrayNode().add(type).add("null");
        property.set("type", types);
        if (property.has("enum")) {
            ((ArrayNode) property.get("enum")).addNull();
        }
    }

    /** Enum values as they appear on the wire: {@code jsonName()} if the enum declares it, else the constant name. */
    static List<String> enumValues(Class<?> enumType) {
        Method jsonName = null;
        try {
            jsonName = enumType.getMethod("jsonName");
        } catch (NoSuchMethodException e) {
            // constant names
        }
        List<String> values = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            try {
                values.add(jsonName == null ? ((Enum<?>) constant).name() : (String) jsonName.invoke(constant));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + enumType.getName() + ".jsonName()", e);
            }
        }
        return values;
    }

    /**
     * The reference components of {@code record} its canonical constructor accepts {@code null} for: each is probed
     * with sample values for all components and {@code null} for the one under test.
     */
    static Set<String> nullableComponents(Class<?> record) {
        SampleValues.record(record, null); // fails loudly if even the all-samples instance is rejected
        Set<String> nullable = new java.util.LinkedHashSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getType().isPrimitive()) {
                continue;
            }
            try {
                SampleValues.record(record, component.getName());
                nullable.add(component.getName());
            } catch (IllegalArgumentException rejected) {
                // the constructor refuses null: required
            }
        }
        return nullable;
    }

    private static boolean isAccessor(Method method) {
        return Modifier.isAbstract(method.getModifiers()) && method.getParameterCount() == 0
                && !Modifier.isStatic(method.getModifiers());
    }
}
