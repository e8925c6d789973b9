package ficus.contracts.schema;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A plausible non-null value for any type the schema generator maps: used to probe which record components accept
 * {@code null}, and by tests to serialize one instance of every event type without knowing its fields.
 */
public final class SampleValues {

    public static final Instant TIME = Instant.parse("2023-11-14T22:13:20Z");

    private SampleValues() {
    }

    public static Object of(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            Object element = of(parameterized.getActualTypeArguments()[0]);
            return Set.class.isAssignableFrom(raw) ? Set.of(element) : List.of(element);
        }
        if (!(type instanceof Class<?> cls)) {
            throw new IllegalArgumentException("no sample value for " + type);
        }
        if (cls == long.class || cls == Long.class) {
            return 1_000_001L;
        }
        if (cls == int.class || cls == Integer.class) {
            return 1;
        }
        if (cls == short.class || cls == Short.class) {
            return (short) 1;
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return true;
        }
        if (cls == double.class || cls == Double.class) {
            return 1.5d;
        }
        if (cls == float.class || cls == Float.class) {
            return 1.5f;
        }
        if (cls == String.class) {
            return "sample";
        }
        if (cls == BigDecimal.class) {
            return new BigDecimal("12.50");
        }
        if (cls == Instant.class) {
            return TIME;
        }
        if (cls == LocalDate.class) {
            return LocalDate.of(2023, 11, 14);
        }
        if (cls == UUID.class) {
            return UUID.nameUUIDFromBytes("sample".getBytes(StandardCharsets.UTF_8));
        }
        if (cls.isEnum()) {
            return cls.getEnumConstants()[0];
        }
        if (cls.isRecord()) {
            return record(cls, null);
        }
        throw new IllegalArgumentException("no sample value for " + cls.getName());
    }

    /** An instance of {@code record} with sample values, {@code null} for the component named {@code nullComponent}. */
    public static Object record(Class<?> record, String nullComponent) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = components[i].getName().equals(nullComponent) ? null : of(components[i].getGenericType());
        }
        try {
            Constructor<?> constructor = record.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("cannot build a sample " + record.getSimpleName()
                    + (nullComponent == null ? "" : " with " + nullComponent + " = null") + ": " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no canonical constructor on " + record.getName(), e);
        }
    }
}
