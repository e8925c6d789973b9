package ficus.acl.aggregate;

import ficus.acl.spec.FieldSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The translated fields of one legacy row, in the order its spec declares them, each value of its field's declared
 * type ({@link ficus.acl.spec.FieldType#javaType()}, a list of them for an array field) or {@code null}. Immutable;
 * equal when names and values are equal.
 */
public final class FieldValues {

    private final List<String> names;
    private final Object[] values;

    private FieldValues(List<String> names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /** Values as stored (names and values in order), not checked: for codecs reading what {@link #of} made. */
    public static FieldValues restore(List<String> names, List<Object> values) {
        return restore(List.copyOf(names), values.toArray());
    }

    /**
     * Values as stored, taken over without a copy: {@code names} must be immutable (rows of one table share it) and
     * {@code values} not touched again.
     */
    public static FieldValues restore(List<String> names, Object[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names for " + values.length + " values");
        }
        return new FieldValues(names, values);
    }

    /** Values of these fields in their order, taken over without a copy (the projector's array), checked. */
    public static FieldValues ofArray(List<String> names, List<FieldSpec> fields, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            check(fields.get(i), values[i]);
        }
        return new FieldValues(names, values);
    }

    private static void check(FieldSpec field, Object value) {
        if (value == null) {
            return;
        }
        Class<?> type = field.type().javaType();
        if (field.array()) {
            if (!(value instanceof List<?> items)) {
                throw new IllegalArgumentException("field " + field.field() + " is an array, got "
                        + value.getClass().getSimpleName());
            }
            for (Object item : items) {
                if (item != null && !type.isInstance(item)) {
                    throw new IllegalArgumentException("field " + field.field() + " holds " + type.getSimpleName()
                            + " items, got " + item.getClass().getSimpleName());
                }
            }
        } else if (!type.isInstance(value) || value instanceof List<?>) {
            throw new IllegalArgumentException("field " + field.field() + " is " + field.typeName() + " ("
                    + type.getSimpleName() + "), got " + value.getClass().getSimpleName());
        }
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return values.length;
    }

    public Object value(int index) {
        return values[index];
    }

    /** The value of a field, {@code null} for SQL NULL; a name it does not have is an error. */
    public Object get(String field) {
        int index = indexOf(field);
        if (index < 0) {
            throw new IllegalArgumentException("no field " + field + " (has " + names + ")");
        }
        return values[index];
    }

    public boolean has(String field) {
        return indexOf(field) >= 0;
    }

    private int indexOf(String field) {
        for (int i = 0; i < values.length; i++) {
            String name = names.get(i);
            if (name == field || name.equals(field)) {
                return i;
            }
        }
        return -1;
    }

    /** Name → value, in order (values may be null). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(names.get(i), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The names of the fields whose values differ from {@code previous} (which has the same names). */
    public List<String> changedFrom(FieldValues previous) {
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (previous == null || i >= previous.values.length || !Objects.equals(values[i], previous.values[i])) {
                changed.add(names.get(i));
            }
        }
        return changed;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldValues f && (names == f.names || names.equals(f.names))
                && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return 31 * names.hashCode() + Arrays.hashCode(values);
    }

    /** Names only: values may be personal data that must not end up in logs. */
    @Override
    public String toString() {
        return "FieldValues" + names;
    }
}
